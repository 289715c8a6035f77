import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { connectEtcdKv, type EtcdClientOptions, restoreSnapshot } from '@drydock/kube';
import type { KubeObject } from '@drydock/util';

interface EtcdPodSpec {
  containers?: Array<{ command?: string[]; args?: string[]; volumeMounts?: Array<{ name: string; mountPath: string }> }>;
  volumes?: Array<{ name: string; hostPath?: { path: string } }>;
}

/** Written next to a data directory's snapshot once the store holds it. */
export const RESTORED_MARKER = '.drydock-restored';

/**
 * Where the etcd static pod keeps its data on the node: `--data-dir` (default /var/lib/etcd) through the
 * volume mounted there, so editing the manifest's hostPath (the notes' restore step) moves it. A path
 * under the node's root, or undefined when no hostPath volume holds it.
 */
export function etcdHostDataDir(pod: KubeObject): string | undefined {
  const spec = pod.spec as EtcdPodSpec;
  const container = spec.containers?.[0];
  const argv = [...(container?.command ?? []), ...(container?.args ?? [])];
  const dataDir = argv.find((arg) => arg.startsWith('--data-dir='))?.slice('--data-dir='.length) ?? '/var/lib/etcd';
  const mount = (container?.volumeMounts ?? [])
    .filter((m) => dataDir === m.mountPath || dataDir.startsWith(`${m.mountPath.replace(/\/$/, '')}/`))
    .sort((a, b) => b.mountPath.length - a.mountPath.length)[0];
  const hostPath = mount && spec.volumes?.find((volume) => volume.name === mount.name)?.hostPath?.path;
  if (!hostPath) return undefined;
  const path = posix.join(hostPath, posix.relative(mount.mountPath, dataDir));
  return path.split('/').includes('..') ? undefined : path;
}

/**
 * The last step of etcd's restore as the notes do it: `etcdctl snapshot restore FILE --data-dir DIR`
 * writes DIR/member/snap/db, then the etcd manifest's data volume is pointed at DIR and the kubelet
 * restarts etcd on it. Drydock's store is not etcd's data directory, so when the manifest names a data
 * directory holding a snapshot the store has not been brought back to yet, the store is restored to it
 * through the etcd endpoint (restoreSnapshot: live, revisions move forward) and the directory marked.
 */
export class EtcdDataDirRestorer {
  private running = false;

  constructor(private readonly deps: { endpoint: () => EtcdClientOptions | undefined; log: (message: string) => void }) {}

  check(nodeRoot: string, manifest: KubeObject): void {
    const dataDir = etcdHostDataDir(manifest);
    if (!dataDir || this.running) return;
    const snapDir = join(nodeRoot, dataDir, 'member', 'snap');
    if (!existsSync(join(snapDir, 'db')) || existsSync(join(snapDir, RESTORED_MARKER))) return;
    const endpoint = this.deps.endpoint();
    if (!endpoint) return;
    this.running = true;
    const client = connectEtcdKv(endpoint);
    restoreSnapshot(readFileSync(join(snapDir, 'db')), client, { skipHashCheck: true })
      .then((result) => {
        writeFileSync(join(snapDir, RESTORED_MARKER), `${JSON.stringify(result)}\n`);
        this.deps.log(`etcd: data directory ${dataDir}: restored snapshot at revision ${result.revision}: ${result.restored} keys written back, ${result.removed} removed, ${result.unchanged} unchanged`);
      })
      .catch((error: Error) => {
        writeFileSync(join(snapDir, RESTORED_MARKER), `${JSON.stringify({ error: error.message })}\n`);
        this.deps.log(`etcd: data directory ${dataDir}: restore failed: ${error.message}`);
      })
      .finally(() => {
        client.close();
        this.running = false;
      });
  }
}
