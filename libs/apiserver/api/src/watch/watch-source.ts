import type { KubeObject } from '@drydock/util';
import type { ChangeEvent, CollectionKey, IndexEntry, ObjectKey, StoreError } from '@drydock/storage';

/** What the watch handler needs from the per-process watch cache (@drydock/storage's WatchHub). */
export interface WatchSource {
  readonly revision: number;
  waitForRevision(revision: number, timeoutMs: number): Promise<boolean>;
  /** Current objects of a collection and the revision they are at; watch(…, revision) continues from there. */
  snapshot(filter: CollectionKey): { items: KubeObject[]; revision: number };
  /** A collection at `revision` in key order after `after`, lazily (consume it in the same tick); undefined when the cache cannot answer for it. */
  listAt(filter: CollectionKey, revision: number, after?: { namespace: string; name: string }): Iterable<KubeObject> | undefined;
  /** The current objects with their keys (their clusters, for a collection of every cluster) and their revision. */
  snapshotEntries?(filter: CollectionKey): { entries: IndexEntry[]; revision: number };
  /** One current object from memory (it may trail the store by a moment); never change it. */
  cached?(key: ObjectKey): KubeObject | undefined;
  /** Events after `fromRevision`, replayed from the ring then live; throws StoreError('Compacted') when too old. */
  watch(filter: CollectionKey, fromRevision: number, listener: (events: ChangeEvent[]) => void, onError?: (error: StoreError) => void): { close(): void };
}
