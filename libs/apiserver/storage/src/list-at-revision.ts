import type { KubeObject } from '@drydock/util';
import { compareNamespaceName, inCollection } from './object-keys';
import type { IndexEntry, ListCursor } from './object-index';
import type { ChangeEvent, CollectionKey, ObjectKey } from './store.types';

interface PastState {
  key: ObjectKey;
  /** The object at the revision, or null when it did not exist then. */
  object: KubeObject | null;
}

/**
 * A collection as it was at an earlier revision R, from its current entries and the events after R
 * (upstream's watch cache serves continuations from snapshots of its store; this derives the same
 * snapshot by undoing the newer events). The first event after R of each key says what the key held
 * at R: nothing for ADDED, its `previous` otherwise. Lazy, in key order, after `after`; undefined when
 * an event lacks its `previous` (the cache cannot tell the state at R).
 */
export function listAtRevision(current: Iterable<IndexEntry>, newer: ChangeEvent[], collection: CollectionKey, after?: ListCursor): Iterable<KubeObject> | undefined {
  const past = new Map<string, PastState>();
  for (const event of newer) {
    if (!inCollection(event.key, collection)) continue;
    const id = `${event.key.namespace}/${event.key.name}`;
    if (past.has(id)) continue;
    if (event.type !== 'ADDED' && !event.previous) return undefined;
    past.set(id, { key: event.key, object: event.type === 'ADDED' ? null : event.previous! });
  }
  const restored = [...past.values()].filter((state) => state.object !== null && isAfter(state.key, collection, after)).sort((a, b) => compareNamespaceName(a.key, b.key));
  return merge(current, past, restored);
}

function* merge(current: Iterable<IndexEntry>, past: Map<string, PastState>, restored: PastState[]): Generator<KubeObject> {
  let next = 0;
  for (const entry of current) {
    while (next < restored.length && compareNamespaceName(restored[next].key, entry.key) < 0) yield restored[next++].object!;
    if (!past.has(`${entry.key.namespace}/${entry.key.name}`)) yield entry.object;
  }
  while (next < restored.length) yield restored[next++].object!;
}

/** As ObjectIndex.entries starts a page: within a namespace after the name alone. */
function isAfter(key: ObjectKey, collection: CollectionKey, after?: ListCursor): boolean {
  if (!after) return true;
  if (collection.namespace !== undefined) return key.name > after.name;
  return compareNamespaceName(key, after) > 0;
}
