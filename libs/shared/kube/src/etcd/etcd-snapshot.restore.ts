import type { EtcdKvClient } from './etcd.client';
import { decodeSnapshot } from './etcd-snapshot.file';

export interface RestoreResult {
  revision: number;
  /** Keys written back (missing, or changed since the snapshot). */
  restored: number;
  /** Keys removed (created since the snapshot). */
  removed: number;
  unchanged: number;
}

const EVERYTHING = Buffer.from([0]);

/**
 * Brings the key space back to a snapshot through etcd's API: keys changed or deleted since are put
 * back with their value at the snapshot, keys created since are deleted, keys whose revision is the
 * snapshot's are left alone. Unlike `etcdutl snapshot restore` (a new data directory that a restarted
 * etcd opens), this happens live: the store's revision moves forward and every watcher (the API
 * server's, the controllers') sees the changes as ordinary writes. Checks the file's SHA-256 first
 * (`skipHashCheck` for a data directory's `member/snap/db`, which has none, as etcdutl writes it).
 */
export async function restoreSnapshot(file: Buffer, client: EtcdKvClient, options: { skipHashCheck?: boolean } = {}): Promise<RestoreResult> {
  const snapshot = decodeSnapshot(file, options);
  const current = new Map((await client.range(EVERYTHING, EVERYTHING, true)).map((kv) => [kv.key.toString('latin1'), Number(kv.mod_revision)]));
  const result: RestoreResult = { revision: snapshot.revision, restored: 0, removed: 0, unchanged: 0 };
  const kept = new Set<string>();
  for (const kv of snapshot.kvs) {
    const key = kv.key.toString('latin1');
    kept.add(key);
    if (current.get(key) === kv.modRevision) {
      result.unchanged++;
      continue;
    }
    await client.put(kv.key, kv.value);
    result.restored++;
  }
  for (const key of current.keys()) {
    if (kept.has(key)) continue;
    await client.delete(Buffer.from(key, 'latin1'));
    result.removed++;
  }
  return result;
}
