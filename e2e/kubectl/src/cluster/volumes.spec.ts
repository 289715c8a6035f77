process.env.DRYDOCK_CLOCK_SCALE = '10';

import { expectFailure, expectSuccess } from '../harness/expectations';
import { eventually, nodesReady, useClusterDrydock } from './support/cluster';

const sleeper = (name: string, volumeMounts: Array<{ name: string; mountPath: string }>) => ({ name, image: 'busybox:1.36', command: ['sleep', '3600'], volumeMounts });

function podManifest(name: string, spec: Record<string, unknown>): string {
  return JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { terminationGracePeriodSeconds: 0, ...spec } });
}

/** Files in a pod's volumes (issue 11): emptyDir shared and lost with the pod, ConfigMaps that follow edits, Secret and projected volumes, the kubelet's files, downward API and environment, PVCs that outlive pods and restarts. */
describe('volumes inside simulated containers, seen through kubectl exec', () => {
  const drydock = useClusterDrydock();
  const kubectl = (...args: string[]) => drydock().run(args);
  const apply = async (manifest: string) => expectSuccess(await drydock().run(['apply', '-f', '-'], { stdin: manifest }));
  const ready = async (pod: string) => expectSuccess(await drydock().run(['wait', '--for=condition=Ready', `pod/${pod}`, '--timeout=60s'], { timeoutMs: 90_000 }));
  const recreate = async (name: string, manifest: string) => {
    expectSuccess(await kubectl('delete', 'pod', name, '--wait=true'));
    await apply(manifest);
    await ready(name);
  };

  beforeAll(async () => {
    await nodesReady(drydock());
  });

  it('shares an emptyDir between the pod\'s two containers; the next pod of that name starts with it empty', async () => {
    const manifest = podManifest('two', { volumes: [{ name: 'shared', emptyDir: {} }], containers: [sleeper('a', [{ name: 'shared', mountPath: '/shared' }]), sleeper('b', [{ name: 'shared', mountPath: '/cache' }])] });
    await apply(manifest);
    await ready('two');
    expectSuccess(await kubectl('exec', 'two', '-c', 'a', '--', 'sh', '-c', 'echo from-a > /shared/note'));
    expect(expectSuccess(await kubectl('exec', 'two', '-c', 'b', '--', 'cat', '/cache/note'))).toBe('from-a\n');
    await recreate('two', manifest);
    expect(expectFailure(await kubectl('exec', 'two', '-c', 'b', '--', 'cat', '/cache/note'))).toContain("cat: can't open '/cache/note': No such file or directory");
  });

  it('mounts a ConfigMap with upstream\'s ..data layout and shows the new value after kubectl edit', async () => {
    expectSuccess(await kubectl('create', 'configmap', 'app', '--from-literal=greeting=hello'));
    await apply(podManifest('reader', { volumes: [{ name: 'cfg', configMap: { name: 'app' } }], containers: [sleeper('c', [{ name: 'cfg', mountPath: '/etc/config' }])] }));
    await ready('reader');
    expect(expectSuccess(await kubectl('exec', 'reader', '--', 'sh', '-c', 'cat /etc/config/greeting; echo; readlink /etc/config/greeting'))).toBe('hello\n..data/greeting\n');
    expectSuccess(await drydock().run(['edit', 'configmap', 'app'], { env: { KUBE_EDITOR: 'sed -i s/greeting:\\ hello/greeting:\\ bye/' } }));
    await eventually('the mounted file to show the edit', async () => {
      const value = expectSuccess(await kubectl('exec', 'reader', '--', 'cat', '/etc/config/greeting'));
      return value === 'bye' ? value : undefined;
    }, 30_000);
  });

  it('writes /etc/hosts, /etc/hostname, /etc/resolv.conf, downward API files and the environment as the kubelet does', async () => {
    expectSuccess(await kubectl('create', 'configmap', 'greetings', '--from-literal=GREETING=hello'));
    const env = [
      { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'GREETING', valueFrom: { configMapKeyRef: { name: 'greetings', key: 'GREETING' } } },
      { name: 'MESSAGE', value: '$(GREETING) world' },
    ];
    const info = { name: 'info', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }, { path: 'name', fieldRef: { fieldPath: 'metadata.name' } }] } };
    const manifest = JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'info', labels: { app: 'demo', tier: 'front' } }, spec: { terminationGracePeriodSeconds: 0, hostname: 'web', subdomain: 'sub', volumes: [info], containers: [{ ...sleeper('c', [{ name: 'info', mountPath: '/etc/podinfo' }]), env }] } });
    await apply(manifest);
    await ready('info');
    const podIP = expectSuccess(await kubectl('get', 'pod', 'info', '-o', 'jsonpath={.status.podIP}'));
    expect(expectSuccess(await kubectl('exec', 'info', '--', 'cat', '/etc/hostname'))).toBe('web\n');
    expect(expectSuccess(await kubectl('exec', 'info', '--', 'tail', '-n', '1', '/etc/hosts'))).toBe(`${podIP}\tweb.sub.default.svc.cluster.local\tweb\n`);
    expect(expectSuccess(await kubectl('exec', 'info', '--', 'head', '-n', '1', '/etc/hosts'))).toBe('# Kubernetes-managed hosts file.\n');
    expect(expectSuccess(await kubectl('exec', 'info', '--', 'cat', '/etc/resolv.conf'))).toBe('search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
    expect(expectSuccess(await kubectl('exec', 'info', '--', 'sh', '-c', 'cat /etc/podinfo/labels; echo; cat /etc/podinfo/name; echo; readlink /etc/podinfo/name'))).toBe('app="demo"\ntier="front"\ninfo\n..data/name\n');
    const printed = expectSuccess(await kubectl('exec', 'info', '--', 'env')).split('\n');
    expect(printed).toEqual(expect.arrayContaining(['POD_NAME=info', 'GREETING=hello', 'MESSAGE=hello world', 'HOSTNAME=web', 'KUBERNETES_SERVICE_HOST=10.96.0.1', 'KUBERNETES_SERVICE_PORT=443']));
  });

  it('mounts a Secret decoded, a projected volume of Secret, ConfigMap and downward API items, and the ServiceAccount\'s kube-api-access volume', async () => {
    expectSuccess(await kubectl('create', 'secret', 'generic', 'creds', '--from-literal=password=s3cret', '--from-literal=user=admin'));
    expectSuccess(await kubectl('create', 'configmap', 'settings', '--from-literal=mode=fast'));
    const projected = { name: 'all', projected: { sources: [
      { secret: { name: 'creds', items: [{ key: 'user', path: 'auth/user' }] } },
      { configMap: { name: 'settings' } },
      { downwardAPI: { items: [{ path: 'cpu_limit', resourceFieldRef: { containerName: 'c', resource: 'limits.cpu', divisor: '1m' } }, { path: 'mem_request', resourceFieldRef: { containerName: 'c', resource: 'requests.memory', divisor: '1Mi' } }] } },
    ] } };
    const container = { ...sleeper('c', [{ name: 'secret', mountPath: '/etc/secret' }, { name: 'all', mountPath: '/etc/all' }]), resources: { requests: { memory: '32Mi' }, limits: { cpu: '250m' } } };
    await apply(podManifest('vault', { volumes: [{ name: 'secret', secret: { secretName: 'creds' } }, projected], containers: [container] }));
    await ready('vault');
    expect(expectSuccess(await kubectl('exec', 'vault', '--', 'sh', '-c', 'cat /etc/secret/password; echo; ls /etc/secret; readlink /etc/secret/user'))).toBe('s3cret\npassword\nuser\n..data/user\n');
    expect(expectSuccess(await kubectl('exec', 'vault', '--', 'sh', '-c', 'cat /etc/all/auth/user /etc/all/mode; echo; cat /etc/all/cpu_limit; echo; cat /etc/all/mem_request'))).toBe('adminfast\n250\n32');
    const sa = '/var/run/secrets/kubernetes.io/serviceaccount';
    expect(expectSuccess(await kubectl('exec', 'vault', '--', 'ls', sa))).toBe('ca.crt\nnamespace\ntoken\n');
    expect(expectSuccess(await kubectl('exec', 'vault', '--', 'cat', `${sa}/namespace`))).toBe('default');
    expect(expectSuccess(await kubectl('exec', 'vault', '--', 'head', '-n', '1', `${sa}/ca.crt`))).toBe('-----BEGIN CERTIFICATE-----\n');
    const token = expectSuccess(await kubectl('exec', 'vault', '--', 'cat', `${sa}/token`));
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    expect(claims.sub).toBe('system:serviceaccount:default:default');
    expect(claims['kubernetes.io'].pod.name).toBe('vault');
    const review = JSON.parse(expectSuccess(await drydock().run(['create', '-o', 'json', '-f', '-'], { stdin: JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token } }) })));
    expect(review.status).toMatchObject({ authenticated: true, user: { username: 'system:serviceaccount:default:default' } });
  });

  it('keeps a file on a PVC across pod deletion and a Drydock restart', async () => {
    expectSuccess(await drydock().run(['apply', '-f', '-'], { stdin: JSON.stringify({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }) }));
    const manifest = podManifest('db', { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }], containers: [sleeper('c', [{ name: 'data', mountPath: '/var/lib/data' }])] });
    await apply(manifest);
    await ready('db');
    expectSuccess(await kubectl('exec', 'db', '--', 'sh', '-c', 'echo kept > /var/lib/data/file; echo lost > /tmp/file'));
    await recreate('db', manifest);
    expect(expectSuccess(await kubectl('exec', 'db', '--', 'cat', '/var/lib/data/file'))).toBe('kept\n');
    await drydock().restart();
    await nodesReady(drydock());
    const after = await eventually('the pod to answer exec after the restart', async () => {
      const result = await kubectl('exec', 'db', '--', 'cat', '/var/lib/data/file');
      return result.code === 0 ? result.stdout : undefined;
    }, 60_000);
    expect(after).toBe('kept\n');
  });
});
