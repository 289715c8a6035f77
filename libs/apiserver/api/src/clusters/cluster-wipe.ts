import { setTimeout as sleep } from 'node:timers/promises';
import { StoreError } from '@drydock/storage';
import type { Storage } from '../storage.adapter';

/** How many deletes go to the store at once (its group commit turns them into a few batches). */
const concurrentDeletes = 256;
const wipeRounds = 5;
/**
 * How long after this API server's watch cache read a cluster's last change its change rows are dropped:
 * other API servers' caches read the same log within a second (LISTEN/NOTIFY, and a 1 s safety poll), and
 * one that had not read them would find a gap.
 */
const purgeDelayMs = 2000;

/**
 * Removes every object of one logical cluster from the store (each removal a change-log row, so every watch
 * cache drops it) and returns the revision after the last one. Objects written meanwhile (a worker that had
 * not yet seen the cluster go) are removed in a few more rounds.
 */
export async function wipeCluster(storage: Storage, cluster: string): Promise<number> {
  for (let round = 0; round < wipeRounds; round++) {
    const keys = await storage.store.clusterKeys(cluster);
    if (keys.length === 0) break;
    for (let start = 0; start < keys.length; start += concurrentDeletes) {
      await Promise.all(keys.slice(start, start + concurrentDeletes).map((key) => storage.store.delete(key).catch((error) => {
        if (!(error instanceof StoreError && error.code === 'NotFound')) throw error;
      })));
    }
  }
  return storage.store.currentRevision();
}

/** Drops a deleted cluster's change-log rows up to `revision`, once the watch caches have read them. */
export async function purgeClusterChanges(storage: Storage, cluster: string, revision: number): Promise<void> {
  await storage.watch.waitForRevision(revision, 30_000);
  await sleep(purgeDelayMs);
  await storage.store.purgeClusterChanges(cluster, revision);
}
