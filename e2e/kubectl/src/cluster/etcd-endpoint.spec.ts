process.env.DRYDOCK_CLOCK_SCALE = '10';

import * as path from 'node:path';
import { runCommand, startStreamingCommand } from '../harness/command';
import { expectSuccess } from '../harness/expectations';
import { findFreePort } from '../harness/free-port';
import { REPO_ROOT } from '../harness/drydock.harness';
import { getJson } from '../harness/use-drydock';
import { eventually, nodesReady, useClusterDrydock } from './support/cluster';

/**
 * Debian's etcdctl (etcd-client) against the etcd v3 endpoint Drydock serves over its store (issue 13):
 * the keys the etcd pod's shell shows, values as kube-apiserver stores them, writes the API server sees,
 * watch, and a snapshot a deleted Deployment is restored from.
 */
describe('the etcd v3 endpoint over the store, with the real etcdctl', () => {
  let etcdPort = 0;
  beforeAll(async () => {
    etcdPort = await findFreePort();
    process.env.DRYDOCK_ETCD_PORT = String(etcdPort);
  });
  const drydock = useClusterDrydock();
  const kubectl = (...args: string[]) => drydock().run(args);
  const pki = () => path.join(drydock().dataDir, 'pki', 'etcd');
  const flags = () => [`--endpoints=https://127.0.0.1:${etcdPort}`, `--cacert=${pki()}/ca.crt`, `--cert=${pki()}/healthcheck-client.crt`, `--key=${pki()}/healthcheck-client.key`];
  const env = () => ({ ...process.env, ETCDCTL_API: '3' });
  const etcdctl = (...args: string[]) => runCommand('etcdctl', [...flags(), ...args], 'etcdctl', { env: env(), timeoutMs: 60_000 });

  beforeAll(async () => {
    await nodesReady(drydock());
  });

  it('lists the same keys as etcdctl in the etcd pod, and answers endpoint health, status and member list', async () => {
    expectSuccess(await kubectl('run', 'keyed', '--image=nginx'));
    const inPod = () => kubectl('exec', '-n', 'kube-system', 'etcd-controlplane', '--', 'etcdctl', 'get', '/registry/pods/default', '--prefix', '--keys-only');
    const keys = await eventually('both etcdctls to list the same pods', async () => {
      const [host, pod] = [expectSuccess(await etcdctl('get', '/registry/pods/default', '--prefix', '--keys-only')), expectSuccess(await inPod())];
      return host === pod && host.includes('/registry/pods/default/keyed\n') ? host : undefined;
    });
    expect(keys).toContain('/registry/pods/default/keyed\n\n');
    const all = expectSuccess(await etcdctl('get', '/', '--prefix', '--keys-only'));
    for (const key of ['/registry/services/specs/default/kubernetes', '/registry/minions/controlplane', '/registry/deployments/kube-system/coredns', '/registry/namespaces/kube-system']) expect(all).toContain(`${key}\n`);
    const health = await etcdctl('endpoint', 'health');
    expect(health.code).toBe(0);
    expect(health.stdout + health.stderr).toContain(`https://127.0.0.1:${etcdPort} is healthy: successfully committed proposal`);
    expect(expectSuccess(await etcdctl('endpoint', 'status'))).toMatch(new RegExp(`^https://127\\.0\\.0\\.1:${etcdPort}, 8e9e05c52164694d, 3\\.6\\.5, `));
    expect(expectSuccess(await etcdctl('member', 'list'))).toMatch(/^8e9e05c52164694d, started, controlplane, https:\/\/10\.0\.0\.4:2380, /);
  });

  it('keeps built-in kinds as protobuf in the k8s envelope, with revisions that are resourceVersions', async () => {
    const pod = await getJson(drydock(), ['pod', 'keyed']);
    const json = JSON.parse(expectSuccess(await etcdctl('get', '/registry/pods/default/keyed', '-w', 'json')));
    const value = Buffer.from(json.kvs[0].value, 'base64');
    expect(value.subarray(0, 4).toString('latin1')).toBe('k8s\0');
    expect(value.includes(Buffer.from(pod.metadata.uid))).toBe(true);
    expect(Number(json.kvs[0].mod_revision)).toBeGreaterThanOrEqual(Number(pod.metadata.resourceVersion));
    const limited = JSON.parse(expectSuccess(await etcdctl('get', '/registry/', '--prefix', '--keys-only', '--limit=2', '-w', 'json')));
    expect(limited.kvs).toHaveLength(2);
    expect(limited.more).toBe(true);
    expect(limited.count).toBeGreaterThan(2);
  });

  it('writes through the store: a put is an object the API server serves, a del removes it, a watch sees both', async () => {
    const watch = startStreamingCommand('etcdctl', [...flags(), 'watch', '/registry/configmaps/default/', '--prefix'], 'etcdctl watch', env());
    try {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'from-etcd', namespace: 'default' }, data: { written: 'by etcdctl' } };
      expectSuccess(await etcdctl('put', '/registry/configmaps/default/from-etcd', JSON.stringify(configMap)));
      const data = await eventually('kubectl to serve the put', async () => {
        const result = await kubectl('get', 'configmap', 'from-etcd', '-o', 'jsonpath={.data.written}');
        return result.code === 0 ? result.stdout : undefined;
      });
      expect(data).toBe('by etcdctl');
      expect(expectSuccess(await etcdctl('del', '/registry/configmaps/default/from-etcd'))).toBe('1\n');
      await eventually('kubectl to find it gone', async () => {
        const result = await kubectl('get', 'configmap', 'from-etcd');
        return result.code === 1 && result.stderr.includes('configmaps "from-etcd" not found') ? true : undefined;
      });
      const events = await eventually('the watch to print the PUT and the DELETE', async () => (/PUT\n\/registry\/configmaps\/default\/from-etcd\n[\s\S]*DELETE\n\/registry\/configmaps\/default\/from-etcd\n/.test(watch.output()) ? watch.output() : undefined));
      expect(events).toContain('by etcdctl');
    } finally {
      await watch.stop();
    }
  });

  it('takes a snapshot that etcdctl accepts, and a restore from it brings back a deleted Deployment', async () => {
    expectSuccess(await kubectl('create', 'deployment', 'precious', '--image=nginx'));
    const before = await getJson(drydock(), ['deployment', 'precious']);
    const file = path.join(drydock().workDir, 'snapshot.db');
    const saved = await etcdctl('snapshot', 'save', file);
    expect(saved.code).toBe(0);
    expect(saved.stdout).toBe(`Snapshot saved at ${file}\n`);
    expectSuccess(await kubectl('delete', 'deployment', 'precious'));
    await eventually('the Deployment gone', async () => ((await kubectl('get', 'deployment', 'precious')).code === 1 ? true : undefined));
    const restore = await runCommand(process.execPath, ['-r', '@swc-node/register', path.join(REPO_ROOT, 'apps/drydock/src/etcd-restore.ts'), file], 'npm run etcd:restore --', {
      env: { ...process.env, DRYDOCK_DATA_DIR: drydock().dataDir, DRYDOCK_ETCD_PORT: String(etcdPort) },
      timeoutMs: 120_000,
    });
    expect(restore.stderr).toBe('');
    expect(restore.stdout).toMatch(/^restored snapshot at revision \d+: \d+ keys written back, \d+ removed, \d+ unchanged\n$/);
    const after = await eventually('the Deployment back', async () => {
      const result = await kubectl('get', 'deployment', 'precious', '-o', 'json');
      return result.code === 0 ? JSON.parse(result.stdout) : undefined;
    });
    expect(after.metadata.uid).toBe(before.metadata.uid);
  });
});
