process.env.DRYDOCK_CLOCK_SCALE = '10';

import { statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runCommand, startStreamingCommand } from '../harness/command';
import { expectSuccess } from '../harness/expectations';
import { findFreePort } from '../harness/free-port';
import { REPO_ROOT } from '../harness/drydock.harness';
import { getJson } from '../harness/use-drydock';
import { eventually, isRunningAndReady, nodesReady, useClusterDrydock } from './support/cluster';

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
  // As the notes type it in the etcd pod: kubeadm's paths, the member's own certificate.
  const podFlags = ['--endpoints=https://127.0.0.1:2379', '--cacert=/etc/kubernetes/pki/etcd/ca.crt', '--cert=/etc/kubernetes/pki/etcd/server.crt', '--key=/etc/kubernetes/pki/etcd/server.key'];
  const inEtcdPod = (...args: string[]) => kubectl('exec', '-n', 'kube-system', 'etcd-controlplane', '--', 'etcdctl', ...podFlags, ...args);

  beforeAll(async () => {
    await nodesReady(drydock());
  });

  it('lists the same keys as etcdctl in the etcd pod, and answers endpoint health, status and member list', async () => {
    expectSuccess(await kubectl('run', 'keyed', '--image=nginx'));
    const inPod = () => inEtcdPod('get', '/registry/pods/default', '--prefix', '--keys-only');
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

  it('txn compares and swaps in one write, as kube-apiserver\'s storage does: of two creates, one wins', async () => {
    const txn = (value: string) => runCommand('etcdctl', [...flags(), 'txn'], 'etcdctl txn', { env: env(), stdin: `mod("cas-key") = "0"\n\nput cas-key ${value}\n\nget cas-key\n\n`, timeoutMs: 60_000 });
    expect(expectSuccess(await txn('first'))).toBe('SUCCESS\n\nOK\n');
    expect(expectSuccess(await txn('second'))).toBe('FAILURE\n\ncas-key\nfirst\n');
    const stale = JSON.parse(expectSuccess(await etcdctl('get', 'cas-key', '-w', 'json'))).kvs[0].mod_revision;
    expectSuccess(await etcdctl('put', 'cas-key', 'moved'));
    const swap = await runCommand('etcdctl', [...flags(), 'txn'], 'etcdctl txn', { env: env(), stdin: `mod("cas-key") = "${stale}"\n\ndel cas-key\n\n\n`, timeoutMs: 60_000 });
    expect(expectSuccess(swap)).toBe('FAILURE\n');
    expect(expectSuccess(await etcdctl('del', 'cas-key'))).toBe('1\n');
  });

  it('etcdctl in the etcd pod prints what the host etcdctl prints: member list, endpoint status, values, put and del', async () => {
    expect(expectSuccess(await inEtcdPod('member', 'list'))).toBe(expectSuccess(await etcdctl('member', 'list')));
    const masked = (text: string) => text.replace(/https:\/\/127\.0\.0\.1:\d+/g, 'ENDPOINT').replace(/\d+(\.\d)? [kMG]?B/g, 'SIZE').replace(/\d{3,}/g, 'N');
    expect(masked(expectSuccess(await inEtcdPod('endpoint', 'status')))).toBe(masked(expectSuccess(await etcdctl('endpoint', 'status'))));
    expect(expectSuccess(await inEtcdPod('member', 'list', '-w', 'table'))).toBe(expectSuccess(await etcdctl('member', 'list', '-w', 'table')));
    expect(expectSuccess(await inEtcdPod('endpoint', 'status', '-w', 'table'))).toMatch(/^\| {8}ENDPOINT {8}\| {8}ID {8}\| VERSION \| DB SIZE \| IS LEADER \| IS LEARNER \| RAFT TERM \| RAFT INDEX \| RAFT APPLIED INDEX \| ERRORS \|$/m);
    const health = await inEtcdPod('endpoint', 'health');
    expect(health.code).toBe(0);
    expect(health.stderr).toMatch(/^https:\/\/127\.0\.0\.1:2379 is healthy: successfully committed proposal: took = [\d.]+(ms|µs)$/m);
    expect(expectSuccess(await inEtcdPod('get', '/registry/namespaces/default'))).toBe(expectSuccess(await etcdctl('get', '/registry/namespaces/default')));
    expect(expectSuccess(await inEtcdPod('put', 'from-the-pod', 'hello'))).toBe('OK\n');
    expect(expectSuccess(await etcdctl('get', 'from-the-pod', '--print-value-only'))).toBe('hello\n');
    const json = JSON.parse(expectSuccess(await inEtcdPod('get', 'from-the-pod', '-w', 'json')));
    expect(Buffer.from(json.kvs[0].value, 'base64').toString()).toBe('hello');
    expect(expectSuccess(await inEtcdPod('del', 'from-the-pod'))).toBe('1\n');
    expect(expectSuccess(await etcdctl('get', 'from-the-pod'))).toBe('');
    const noCertificates = await kubectl('exec', '-n', 'kube-system', 'etcd-controlplane', '--', 'etcdctl', 'get', '/', '--prefix', '--keys-only');
    expect(noCertificates.code).toBe(1);
    expect(noCertificates.stderr).toContain('Error: context deadline exceeded');
  });

  it('etcdctl watch in the etcd pod streams until the exec ends', async () => {
    const watch = drydock().stream(['exec', '-n', 'kube-system', 'etcd-controlplane', '--', 'etcdctl', ...podFlags, 'watch', '/registry/configmaps/default/watched', '--prev-kv']);
    try {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expectSuccess(await kubectl('create', 'configmap', 'watched', '--from-literal=k=v'));
      expectSuccess(await kubectl('delete', 'configmap', 'watched'));
      await watch.waitForOutput(/^PUT\n\/registry\/configmaps\/default\/watched\nk8s\0[\s\S]*^DELETE\n\/registry\/configmaps\/default\/watched\nk8s\0[\s\S]*\n\/registry\/configmaps\/default\/watched\n\n/m);
    } finally {
      await watch.stop();
    }
  });

  it('the notes\' restore: snapshot save and restore on the control-plane node, then the etcd manifest pointed at the new data directory', async () => {
    expectSuccess(await kubectl('create', 'deployment', 'before-backup', '--image=nginx'));
    const before = await getJson(drydock(), ['deployment', 'before-backup']);
    const created = expectSuccess(await kubectl('debug', 'node/controlplane', '--image=busybox', '--', 'sleep', '3600'));
    const debugPod = /Creating debugging pod (node-debugger-controlplane-[a-z0-9]{5})/.exec(created)![1];
    await eventually(`${debugPod} Running`, async () => (isRunningAndReady(await getJson(drydock(), ['pod', debugPod])) ? true : undefined), 60_000);
    const onNode = (script: string) => kubectl('exec', debugPod, '--', 'chroot', '/host', 'sh', '-c', script);
    const saved = await onNode(`ETCDCTL_API=3 etcdctl ${podFlags.join(' ')} snapshot save /opt/snapshot-pre-boot.db`);
    expect(saved.code).toBe(0);
    expect(saved.stdout).toBe('Snapshot saved at /opt/snapshot-pre-boot.db\n');
    expect(saved.stderr).toMatch(/^\{"level":"info","ts":"[\d-]+T[\d:.]+Z","caller":"snapshot\/v3_snapshot\.go:97","msg":"saved","path":"\/opt\/snapshot-pre-boot\.db"\}$/m);
    expect(expectSuccess(await onNode('etcdctl snapshot status /opt/snapshot-pre-boot.db'))).toMatch(/^[0-9a-f]+, \d+, \d+, \d+ kB\n$/);
    expect(expectSuccess(await onNode('etcdutl snapshot status /opt/snapshot-pre-boot.db -w table'))).toMatch(/^\| +HASH +\| REVISION \| TOTAL KEYS \| TOTAL SIZE \|$/m);
    // The file on the node is a bbolt database the host's etcdctl reads as the node's etcdctl does.
    const onNodeStatus = JSON.parse(expectSuccess(await onNode('etcdctl snapshot status /opt/snapshot-pre-boot.db -w json')));
    const copied = path.join(drydock().workDir, 'from-node.db');
    writeFileSync(copied, Buffer.from(expectSuccess(await onNode('base64 /opt/snapshot-pre-boot.db')).replace(/\s/g, ''), 'base64'));
    expect(JSON.parse(expectSuccess(await etcdctl('snapshot', 'status', copied, '-w', 'json')))).toEqual(onNodeStatus);
    expectSuccess(await kubectl('delete', 'deployment', 'before-backup'));
    const restored = await onNode('ETCDCTL_API=3 etcdctl snapshot restore /opt/snapshot-pre-boot.db --data-dir /var/lib/etcd-from-backup && ls /var/lib/etcd-from-backup/member/snap');
    expect(restored.code).toBe(0);
    expect(restored.stdout).toBe('db\n');
    expect(restored.stderr).toMatch(/\tinfo\tsnapshot\/v3_snapshot\.go:293\trestored snapshot\t\{"path": "\/opt\/snapshot-pre-boot\.db", "wal-dir": "\/var\/lib\/etcd-from-backup\/member\/wal", "data-dir": "\/var\/lib\/etcd-from-backup"/);
    expect((await kubectl('get', 'deployment', 'before-backup')).code).toBe(1);
    expect((await onNode('etcdctl snapshot restore /opt/snapshot-pre-boot.db --data-dir /var/lib/etcd')).stderr).toContain('Error: data-dir "/var/lib/etcd" not empty or could not be read');
    expectSuccess(await onNode(`sed -i 's#path: /var/lib/etcd$#path: /var/lib/etcd-from-backup#' /etc/kubernetes/manifests/etcd.yaml`));
    const after = await eventually('the Deployment back once etcd runs on the restored data directory', async () => {
      const result = await kubectl('get', 'deployment', 'before-backup', '-o', 'json');
      return result.code === 0 ? JSON.parse(result.stdout) : undefined;
    });
    expect(after.metadata.uid).toBe(before.metadata.uid);
  });

  it('takes a snapshot that etcdctl accepts, and a restore from it brings back a deleted Deployment', async () => {
    expectSuccess(await kubectl('create', 'deployment', 'precious', '--image=nginx'));
    const before = await getJson(drydock(), ['deployment', 'precious']);
    const file = path.join(drydock().workDir, 'snapshot.db');
    const revisionNow = async () => Number(JSON.parse(expectSuccess(await etcdctl('endpoint', 'status', '-w', 'json')))[0].Status.header.revision);
    const revisionBefore = await revisionNow();
    const saved = await etcdctl('snapshot', 'save', file);
    expect(saved.code).toBe(0);
    expect(saved.stdout).toBe(`Snapshot saved at ${file}\n`);
    const revisionAfter = await revisionNow();
    // A bbolt database that etcdctl 3.4 opens and checks (bbolt's tx.Check) and counts as etcd does.
    const status = JSON.parse(expectSuccess(await etcdctl('snapshot', 'status', file, '-w', 'json')));
    expect(status.revision).toBeGreaterThanOrEqual(revisionBefore);
    expect(status.revision).toBeLessThanOrEqual(revisionAfter);
    expect(status.totalKey).toBeGreaterThan(50);
    expect(status.totalSize % 4096).toBe(0);
    // snapshot restore checks the SHA-256 etcd appends (its integrity hash) before it makes a member's data directory.
    const restoredDir = path.join(drydock().workDir, 'restored-member');
    const restoredByEtcdctl = await runCommand('etcdctl', ['snapshot', 'restore', file, '--data-dir', restoredDir], 'etcdctl snapshot restore', { env: env(), timeoutMs: 60_000 });
    expect(restoredByEtcdctl.code).toBe(0);
    expect(statSync(path.join(restoredDir, 'member', 'snap', 'db')).size).toBeGreaterThan(0);
    expectSuccess(await kubectl('delete', 'deployment', 'precious'));
    await eventually('the Deployment gone', async () => ((await kubectl('get', 'deployment', 'precious')).code === 1 ? true : undefined));
    const restore = await runCommand(process.execPath, ['-r', path.join(REPO_ROOT, 'tools/register-typescript.js'), path.join(REPO_ROOT, 'apps/drydock/src/etcd-restore.ts'), file], 'npm run etcd:restore --', {
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
