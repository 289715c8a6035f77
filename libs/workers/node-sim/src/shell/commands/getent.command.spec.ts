import { Bash } from 'just-bash';
import type { KubeObject } from '@drydock/util';
import { ClusterNetwork } from '../../kubelet/cluster-network';
import { getentCommand } from './getent.command';

const object = (kind: string, namespace: string, name: string, rest: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind, metadata: { name, namespace }, ...rest });
const objects: KubeObject[] = [
  object('Service', 'default', 'web', { spec: { clusterIP: '10.96.0.20', ports: [{ port: 80 }] } }),
  object('Service', 'shop', 'db', { spec: { clusterIP: 'None', ports: [{ port: 5432 }] } }),
  object('Endpoints', 'shop', 'db', { subsets: [{ addresses: [{ ip: '10.244.1.4' }, { ip: '10.244.2.5' }] }] }),
  object('Service', 'default', 'nginx', { spec: { clusterIP: 'None', ports: [{ port: 80 }] } }),
  object('Pod', 'default', 'web-0', { spec: { hostname: 'web-0', subdomain: 'nginx', containers: [{ name: 'nginx', image: 'nginx' }] }, status: { podIP: '10.244.3.8' } }),
];
const find = (kind: string) => (ns: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.namespace === ns && o.metadata.name === name);
const network = new ClusterNetwork({ service: find('Service'), services: () => objects.filter((o) => o.kind === 'Service'), endpoints: find('Endpoints'), pod: find('Pod'), pods: () => objects.filter((o) => o.kind === 'Pod') });
const HOSTS = '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n10.244.1.9\tclient\n';

async function run(script: string) {
  const bash = new Bash({ files: { '/etc/hosts': HOSTS }, customCommands: [getentCommand({ network, namespace: 'default', image: 'debian:12' })] });
  const result = await bash.exec(script);
  return { code: result.exitCode, stdout: result.stdout, stderr: result.stderr };
}

describe('getent hosts and ahosts', () => {
  it('answers a Service by its short, namespaced and full names as glibc prints them', async () => {
    expect(await run('getent hosts web')).toEqual({ code: 0, stdout: '10.96.0.20      web.default.svc.cluster.local\n', stderr: '' });
    expect((await run('getent hosts web.default')).stdout).toBe('10.96.0.20      web.default.svc.cluster.local\n');
    expect((await run('getent hosts web.default.svc.cluster.local')).stdout).toBe('10.96.0.20      web.default.svc.cluster.local\n');
  });

  it('answers a headless Service with its ready endpoints', async () => {
    expect((await run('getent hosts db.shop')).stdout).toBe('10.244.1.4      db.shop.svc.cluster.local\n10.244.2.5      db.shop.svc.cluster.local\n');
  });

  it('answers CoreDNS\'s pod records: a StatefulSet pod under its headless Service, and the dashed-IP name', async () => {
    expect((await run('getent hosts web-0.nginx')).stdout).toBe('10.244.3.8      web-0.nginx.default.svc.cluster.local\n');
    expect((await run('getent hosts web-0.nginx.default.svc.cluster.local')).stdout).toBe('10.244.3.8      web-0.nginx.default.svc.cluster.local\n');
    expect((await run('getent hosts 10-244-3-8.default.pod')).stdout).toBe('10.244.3.8      10-244-3-8.default.pod.cluster.local\n');
    expect((await run('getent hosts web-1.nginx')).code).toBe(2);
    // A Service's qualified name is not a pod record.
    expect((await run('getent hosts db.shop.svc.cluster.local')).stdout).toBe('10.244.1.4      db.shop.svc.cluster.local\n10.244.2.5      db.shop.svc.cluster.local\n');
  });

  it('reads /etc/hosts first, the IPv6 line before the IPv4 one, and lists it without a key', async () => {
    expect((await run('getent hosts localhost')).stdout).toBe('::1             localhost ip6-localhost ip6-loopback\n');
    expect((await run('getent hosts client')).stdout).toBe('10.244.1.9      client\n');
    expect((await run('getent hosts 10.244.1.9')).stdout).toBe('10.244.1.9      client\n');
    expect((await run('getent hosts')).stdout).toBe('127.0.0.1       localhost\n::1             localhost ip6-localhost ip6-loopback\n10.244.1.9      client\n');
  });

  it('prints ahosts per socket type, the canonical name on the first line only', async () => {
    expect((await run('getent ahosts web')).stdout).toBe('10.96.0.20      STREAM web.default.svc.cluster.local\n10.96.0.20      DGRAM  \n10.96.0.20      RAW    \n');
  });

  it('exits 2 for a name nobody knows, 1 for an unknown database', async () => {
    expect(await run('getent hosts nope')).toEqual({ code: 2, stdout: '', stderr: '' });
    expect(await run('getent hosts nope web')).toEqual({ code: 2, stdout: '10.96.0.20      web.default.svc.cluster.local\n', stderr: '' });
    expect(await run('getent nope x')).toMatchObject({ code: 1, stderr: "Unknown database: nope\nTry `getent --help' or `getent --usage' for more information.\n" });
  });
});
