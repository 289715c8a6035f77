import { InMemoryFs } from 'just-bash';
import type { KubeObject } from '@drydock/util';
import { createClock } from '@drydock/util';
import { ClusterNetwork } from '../../kubelet/cluster-network';
import { ContainerShell } from '../container-shell';
import { containerCommands } from './container-commands';
import { NGINX_WELCOME } from './http-backends';
import type { Signal } from './kill.command';

const object = (kind: string, namespace: string, name: string, rest: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind, metadata: { name, namespace }, ...rest });
const objects: KubeObject[] = [
  object('Service', 'default', 'web', { spec: { clusterIP: '10.96.0.20', ports: [{ port: 80, targetPort: 80 }] } }),
  object('Endpoints', 'default', 'web', { subsets: [{ addresses: [{ ip: '10.244.1.7', targetRef: { kind: 'Pod', name: 'web-1', namespace: 'default' } }] }] }),
  object('Pod', 'default', 'web-1', { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] }, status: { podIP: '10.244.1.7' } }),
  object('Service', 'default', 'empty', { spec: { clusterIP: '10.96.0.21', ports: [{ port: 80 }] } }),
  object('Service', 'data', 'cache', { spec: { clusterIP: '10.96.0.30', ports: [{ port: 6379 }] } }),
  object('Endpoints', 'data', 'cache', { subsets: [{ addresses: [{ ip: '10.244.2.3', targetRef: { kind: 'Pod', name: 'cache-0', namespace: 'data' } }] }] }),
  object('Pod', 'data', 'cache-0', { spec: { containers: [{ name: 'redis', image: 'redis:7' }] }, status: { podIP: '10.244.2.3' } }),
];
const find = (kind: string) => (ns: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.namespace === ns && o.metadata.name === name);
const network = new ClusterNetwork({ service: find('Service'), services: () => objects.filter((o) => o.kind === 'Service'), endpoints: find('Endpoints'), pod: find('Pod'), pods: () => objects.filter((o) => o.kind === 'Pod') });

function shell(image: string, signals: Signal[] = []) {
  const commands = containerCommands({ hostname: 'client', namespace: 'default', image, network, mainCommand: () => 'sleep 3600', signalMain: (signal) => void signals.push(signal), now: () => new Date('2026-12-06T23:00:00Z') });
  const container = new ContainerShell({ fs: new InMemoryFs(), env: { HOME: '/root' }, knownImage: image.split(':')[0], clock: createClock(1000), commands });
  return async (script: string) => {
    let stdout = '';
    let stderr = '';
    const code = await container.run(['sh', '-c', script], { output: (stream, chunk) => (stream === 1 ? (stdout += chunk) : (stderr += chunk)) });
    return { code, stdout, stderr };
  };
}

describe('the containers\' own commands', () => {
  it('wget fetches nginx\'s page through a Service, and fails as busybox does without one or without endpoints', async () => {
    const run = shell('busybox:1.36');
    expect(await run('wget -qO- http://web')).toEqual({ code: 0, stdout: NGINX_WELCOME, stderr: '' });
    expect(Buffer.byteLength(NGINX_WELCOME)).toBe(615);
    expect(await run('wget -O- web.default.svc.cluster.local >/dev/null')).toEqual({ code: 0, stdout: '', stderr: "Connecting to web.default.svc.cluster.local (10.96.0.20:80)\nwriting to stdout\n-                    100% |********************************|   615  0:00:00 ETA\nwritten to stdout\n" });
    expect(await run('wget -q -O- http://nope')).toEqual({ code: 1, stdout: '', stderr: "wget: bad address 'nope'\n" });
    expect((await run('wget -qO- http://empty')).stderr).toBe("wget: can't connect to remote host (10.96.0.21): Connection refused\n");
  });

  it('nslookup answers from the cluster\'s Services; nc and redis-cli reach what listens', async () => {
    const run = shell('busybox');
    expect((await run('nslookup web')).stdout).toBe('Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: 10.96.0.20\n\n');
    expect(await run('nslookup nope')).toMatchObject({ code: 1, stdout: "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find nope: NXDOMAIN\n\n" });
    expect(await run('nc -zv cache.data 6379')).toMatchObject({ code: 0, stderr: 'cache.data (10.96.0.30:6379) open\n' });
    expect(await shell('redis:7')('redis-cli -h cache.data ping; redis-cli -h web ping')).toEqual({ code: 1, stdout: 'PONG\n', stderr: 'Could not connect to Redis at web:6379: Connection refused\n' });
  });

  it('times lookups out while the DNS add-on (kube-system/kube-dns) has no ready endpoint, and answers again once it has', async () => {
    const dns = object('Service', 'kube-system', 'kube-dns', { spec: { clusterIP: '10.96.0.10', ports: [{ port: 53 }] } });
    objects.push(dns);
    try {
      const run = shell('busybox');
      expect(await run('nslookup web')).toEqual({ code: 1, stdout: ';; connection timed out; no servers could be reached\n\n', stderr: '' });
      expect(await run('wget -qO- http://web')).toEqual({ code: 1, stdout: '', stderr: "wget: bad address 'web'\n" });
      expect((await run('wget -qO- http://10.96.0.20')).code).toBe(0);
      objects.push(object('Endpoints', 'kube-system', 'kube-dns', { subsets: [{ addresses: [{ ip: '10.244.1.9' }] }] }));
      expect((await run('nslookup web')).code).toBe(0);
    } finally {
      objects.splice(objects.indexOf(dns));
    }
  });

  it('curl in a server image, with curl\'s exit codes', async () => {
    const run = shell('nginx:1.27');
    expect((await run('curl -s web')).stdout).toBe(NGINX_WELCOME);
    expect(await run('curl http://nope')).toEqual({ code: 6, stdout: '', stderr: 'curl: (6) Could not resolve host: nope\n' });
    expect((await run('curl -sI localhost')).stdout).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect((await run('nginx -v; nginx -t')).stderr).toBe('nginx version: nginx/1.27.0\nnginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n');
  });

  it('ps shows PID 1; kill signals it; an image without a tool says not found', async () => {
    const signals: Signal[] = [];
    const run = shell('busybox', signals);
    expect((await run('ps')).stdout).toBe('PID   USER     TIME  COMMAND\n    1 root      0:00 sleep 3600\n    7 ps\n'.replace('    7 ps', '    7 root      0:00 ps'));
    expect(await run('kill -9 1; kill 42')).toMatchObject({ code: 1, stderr: "sh: can't kill pid 42: No such process\n" });
    expect(signals).toEqual(['KILL']);
    expect(await shell('debian:12')('wget -qO- web')).toMatchObject({ code: 127, stderr: 'sh: 1: wget: not found\n' });
  });

  it('getent in the glibc images, dig and BIND\'s nslookup in the DNS debugging image, neither in busybox', async () => {
    expect((await shell('python:3.12')('getent hosts cache.data')).stdout).toBe('10.96.0.30      cache.data.svc.cluster.local\n');
    expect(await shell('busybox')('getent hosts web')).toMatchObject({ code: 127 });
    const dnsutils = shell('registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3');
    expect((await dnsutils('dig +short web.default.svc.cluster.local')).stdout).toBe('10.96.0.20\n');
    expect((await dnsutils('nslookup web')).stdout).toBe('Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tweb.default.svc.cluster.local\nAddress: 10.96.0.20\n\n');
    expect(await shell('busybox')('dig web')).toMatchObject({ code: 127 });
  });

  it('date reads the simulated clock that sleep waits on', async () => {
    let simulated = Date.UTC(2026, 11, 7, 6, 0, 0);
    const clock = createClock(1000);
    const commands = containerCommands({ hostname: 'client', namespace: 'default', image: 'busybox', network, mainCommand: () => 'sh', signalMain: () => undefined, now: () => new Date(), simulatedNow: () => new Date(simulated) });
    const sleeping = { ...clock, setTimeout: (callback: () => void, ms: number) => clock.setTimeout(() => ((simulated += ms), callback()), ms) };
    const container = new ContainerShell({ fs: new InMemoryFs(), env: {}, knownImage: 'busybox', clock: sleeping, commands });
    let stdout = '';
    expect(await container.run(['sh', '-c', 'for i in 1 2 3; do date; sleep 5; done'], { output: (_stream, chunk) => (stdout += chunk) })).toBe(0);
    expect(stdout).toBe('Mon Dec  7 06:00:00 UTC 2026\nMon Dec  7 06:00:05 UTC 2026\nMon Dec  7 06:00:10 UTC 2026\n');
  });
});

describe('NetworkPolicy in the containers\' network: a dropped connection times out as the client reports it', () => {
  const policies: KubeObject[] = [];
  const client = object('Pod', 'default', 'client', { metadata: { name: 'client', namespace: 'default', labels: { run: 'client' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] }, status: { podIP: '10.244.1.50' } });
  const guarded = new ClusterNetwork({ service: find('Service'), services: () => objects.filter((o) => o.kind === 'Service'), endpoints: find('Endpoints'), pod: find('Pod'), pods: () => objects.filter((o) => o.kind === 'Pod'), networkPolicies: () => policies, namespace: () => undefined });
  const run = (image: string) => async (script: string) => {
    const commands = containerCommands({ hostname: 'client', namespace: 'default', image, network: guarded, pod: () => client, mainCommand: () => 'sleep 3600', signalMain: () => undefined, now: () => new Date('2026-12-06T23:00:00Z') });
    const container = new ContainerShell({ fs: new InMemoryFs(), env: { HOME: '/root' }, knownImage: image.split(':')[0], clock: createClock(10_000), commands });
    let stdout = '';
    let stderr = '';
    const code = await container.run(['sh', '-c', script], { output: (stream, chunk) => (stream === 1 ? (stdout += chunk) : (stderr += chunk)) });
    return { code, stdout, stderr };
  };
  const policy = (name: string, spec: Record<string, unknown>) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: 'default' }, spec });
  afterEach(() => policies.splice(0));

  it('drops connections to pods a deny-all ingress policy isolates: wget -T, curl -m and nc -w time out; other pods stay reachable', async () => {
    policies.push(policy('deny-all', { podSelector: {}, policyTypes: ['Ingress'] }));
    const busybox = run('busybox');
    expect(await busybox('wget -T 2 -qO- http://web')).toEqual({ code: 1, stdout: '', stderr: 'wget: download timed out\n' });
    expect(await busybox('wget -O- http://web')).toEqual({ code: 1, stdout: '', stderr: "Connecting to web (10.96.0.20:80)\nwget: can't connect to remote host (10.96.0.20): Connection timed out\n" });
    expect(await busybox('nc -zv -w 2 web 80')).toEqual({ code: 1, stdout: '', stderr: 'nc: web (10.96.0.20:80): Connection timed out\n' });
    expect(await run('nginx:1.27')('curl -m 3 http://web')).toEqual({ code: 28, stdout: '', stderr: 'curl: (28) Connection timed out after 3000 milliseconds\n' });
    expect((await busybox('nc -zv -w 2 cache.data 6379')).code).toBe(0);
  });

  it('lets the pods an ingress rule names through, on its ports only', async () => {
    policies.push(policy('web-from-client', { podSelector: {}, ingress: [{ from: [{ podSelector: { matchLabels: { run: 'client' } } }], ports: [{ port: 80 }] }] }));
    expect(await run('busybox')('wget -T 2 -qO- http://web')).toEqual({ code: 0, stdout: NGINX_WELCOME, stderr: '' });
    expect((await run('busybox')('wget -T 2 -qO- http://10.244.1.7:8080')).stderr).toBe('wget: download timed out\n');
  });

  it('breaks name lookups under an egress deny unless port 53 stays open', async () => {
    policies.push(policy('deny-egress', { podSelector: {}, policyTypes: ['Egress'] }));
    const busybox = run('busybox');
    expect(await busybox('nslookup web')).toEqual({ code: 1, stdout: ';; connection timed out; no servers could be reached\n\n', stderr: '' });
    expect(await busybox('wget -T 2 -qO- http://web')).toEqual({ code: 1, stdout: '', stderr: "wget: bad address 'web'\n" });
    policies.push(policy('allow-dns', { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }] }] }));
    expect((await busybox('nslookup web')).code).toBe(0);
    expect((await busybox('wget -T 2 -qO- http://web')).stderr).toBe('wget: download timed out\n');
    policies.push(policy('allow-web', { podSelector: { matchLabels: { run: 'client' } }, egress: [{ to: [{ ipBlock: { cidr: '10.244.1.0/24' } }] }] }));
    expect((await busybox('wget -T 2 -qO- http://web')).code).toBe(0);
  });
});
