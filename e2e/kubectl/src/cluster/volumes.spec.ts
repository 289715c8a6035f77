process.env.DRYDOCK_CLOCK_SCALE = '10';

import { expectFailure, expectSuccess } from '../harness/expectations';
import { eventually, nodesReady, useClusterDrydock } from './support/cluster';

const sleeper = (name: string, volumeMounts: Array<{ name: string; mountPath: string }>) => ({ name, image: 'busybox:1.36', command: ['sleep', '3600'], volumeMounts });

function podManifest(name: string, spec: Record<string, unknown>): string {
  return JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { terminationGracePeriodSeconds: 0, ...spec } });
}

/** Files in a pod's volumes (issue 11): emptyDir shared and lost with the pod, ConfigMaps that follow edits, PVCs that outlive pods and restarts. */
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
