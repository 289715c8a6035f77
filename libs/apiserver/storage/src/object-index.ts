import type { KubeObject } from '@drydock/util';
import { compareNamespaceName, resourceKeyString } from './object-keys';
import { ALL_CLUSTERS, type ChangeEvent, type CollectionKey, type ObjectKey } from './store.types';

export interface IndexEntry {
  key: ObjectKey;
  object: KubeObject;
}

/** Where a page starts: the key of the last item of the previous page (exclusive). */
export interface ListCursor {
  namespace: string;
  name: string;
}

/** One resource's objects, and the same entries in key order (rebuilt only when a key comes or goes). */
class ResourceObjects {
  readonly byName = new Map<string, IndexEntry>();
  private ordered?: IndexEntry[];

  /** Entries in namespace, name order. An update replaces an entry's object in place, so the order holds. */
  sorted(): IndexEntry[] {
    this.ordered ??= [...this.byName.values()].sort((a, b) => compareNamespaceName(a.key, b.key));
    return this.ordered;
  }

  keysChanged(): void {
    this.ordered = undefined;
  }
}

const nameKey = (key: { namespace: string; name: string }) => `${key.namespace}/${key.name}`;

/** The current objects of every resource, as the watch hub has applied them. */
export class ObjectIndex {
  private readonly resources = new Map<string, ResourceObjects>();
  /** How many objects each logical cluster holds, kept as entries come and go. */
  private readonly clusterCounts = new Map<string, number>();

  get(key: ObjectKey): KubeObject | undefined {
    return this.resources.get(resourceKeyString(key.cluster, key.resource))?.byName.get(nameKey(key))?.object;
  }

  set(key: ObjectKey, object: KubeObject): void {
    const resourceKey = resourceKeyString(key.cluster, key.resource);
    let objects = this.resources.get(resourceKey);
    if (!objects) this.resources.set(resourceKey, (objects = new ResourceObjects()));
    const entry = objects.byName.get(nameKey(key));
    if (entry) {
      entry.object = object;
      return;
    }
    objects.byName.set(nameKey(key), { key, object });
    objects.keysChanged();
    this.clusterCounts.set(key.cluster, (this.clusterCounts.get(key.cluster) ?? 0) + 1);
  }

  /** Applies one change and returns the object it replaced or removed. */
  apply(event: ChangeEvent): KubeObject | undefined {
    const previous = this.get(event.key);
    if (event.type !== 'DELETED') {
      this.set(event.key, event.object);
    } else if (previous) {
      const objects = this.resources.get(resourceKeyString(event.key.cluster, event.key.resource))!;
      objects.byName.delete(nameKey(event.key));
      objects.keysChanged();
      const left = (this.clusterCounts.get(event.key.cluster) ?? 1) - 1;
      if (left > 0) this.clusterCounts.set(event.key.cluster, left);
      else this.clusterCounts.delete(event.key.cluster);
    }
    return previous;
  }

  /** How many objects `cluster` holds, of one resource or of all. */
  count(cluster: string, resource?: string): number {
    if (resource !== undefined) return this.resources.get(resourceKeyString(cluster, resource))?.byName.size ?? 0;
    return this.clusterCounts.get(cluster) ?? 0;
  }

  /** The resources of `cluster` that hold at least one object (the etcd endpoint's key space). */
  resourceNames(cluster: string): string[] {
    const prefix = resourceKeyString(cluster, '');
    return [...this.resources].filter(([key, objects]) => key.startsWith(prefix) && objects.byName.size > 0).map(([key]) => key.slice(prefix.length));
  }

  /** The objects of a collection, ordered by namespace then name. */
  list(collection: CollectionKey): KubeObject[] {
    const items: KubeObject[] = [];
    for (const entry of this.entries(collection)) items.push(entry.object);
    return items;
  }

  /**
   * The entries of a collection in namespace, name order, starting after `after` when given. Lazy: a
   * caller that stops after a page reads only that page (after a binary search for its start). The
   * entries are the index's own: valid until the next change is applied.
   */
  *entries(collection: CollectionKey, after?: ListCursor): Generator<IndexEntry> {
    if (collection.cluster === ALL_CLUSTERS) {
      for (const cluster of this.clustersWith(collection.resource)) yield* this.entries({ ...collection, cluster });
      return;
    }
    const sorted = this.resources.get(resourceKeyString(collection.cluster, collection.resource))?.sorted();
    if (!sorted) return;
    const namespace = collection.namespace;
    // As the SQL lists: within a namespace a page resumes after the name alone.
    const start = namespace === undefined ? after : { namespace, name: after?.name ?? '' };
    for (let index = start ? firstAfter(sorted, start) : 0; index < sorted.length; index++) {
      const entry = sorted[index];
      if (namespace !== undefined && entry.key.namespace !== namespace) return;
      yield entry;
    }
  }

  /** The clusters that hold objects of `resource`, by name (what a list of every cluster walks; no paging there). */
  private clustersWith(resource: string): string[] {
    const suffix = resourceKeyString('', resource);
    const clusters: string[] = [];
    for (const [key, objects] of this.resources) if (key.endsWith(suffix) && objects.byName.size > 0) clusters.push(key.slice(0, key.length - suffix.length));
    return clusters.sort();
  }

  clear(): void {
    this.resources.clear();
    this.clusterCounts.clear();
  }
}

/** The index of the first entry whose key sorts after `key`. */
function firstAfter(sorted: IndexEntry[], key: ListCursor): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareNamespaceName(sorted[middle].key, key) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}
