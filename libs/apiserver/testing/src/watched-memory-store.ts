import type { ChangeEvent, CollectionKey, ObjectKey, WriteOptions } from '@drydock/storage';
import type { KubeObject } from '@drydock/util';
import { MemoryObjectStore } from './memory-object-store';

type Listener = { filter: CollectionKey; listener: (events: ChangeEvent[]) => void };

const id = (key: ObjectKey) => `${key.cluster}/${key.resource}/${key.namespace}/${key.name}`;

/**
 * A MemoryObjectStore with the part of a watch cache (the API server's WatchSource) that the API server's own loops
 * read: `watch.snapshot`, `watch.watch` (each change delivered as soon as it is committed), `watch.cached`. For
 * unit tests of those loops; `latest(key)` is the cache's object.
 */
export class WatchedMemoryStore extends MemoryObjectStore {
  private readonly objects = new Map<string, KubeObject>();
  private readonly listeners = new Set<Listener>();
  private revisionSeen = 0;

  readonly watch = {
    revision: 0,
    snapshot: (filter: CollectionKey) => ({ items: [...this.objects.entries()].filter(([key]) => key.startsWith(`${filter.cluster}/${filter.resource}/`)).map(([, object]) => object), revision: this.revisionSeen }),
    watch: (filter: CollectionKey, _fromRevision: number, listener: (events: ChangeEvent[]) => void) => {
      const entry = { filter, listener };
      this.listeners.add(entry);
      return { close: () => void this.listeners.delete(entry) };
    },
    cached: (key: ObjectKey) => this.objects.get(id(key)),
    count: () => 0,
    waitForRevision: async () => true,
    /** Every change is in the cache as soon as it is committed. */
    waitForLatest: async () => true,
  };

  /** How many watches of the cache are open. */
  get watchers(): number {
    return this.listeners.size;
  }

  latest(key: ObjectKey): KubeObject | undefined {
    return this.objects.get(id(key));
  }

  override async create(key: ObjectKey, object: KubeObject): Promise<KubeObject> {
    return this.changed('ADDED', key, await super.create(key, object));
  }

  override async update(key: ObjectKey, object: KubeObject, options?: WriteOptions): Promise<KubeObject> {
    return this.changed('MODIFIED', key, await super.update(key, object, options));
  }

  /** PostgresObjectStore's, which ClusterSnapshots.start() calls: there are no snapshot copies here. */
  dropOrphanSnapshots(): Promise<void> {
    return Promise.resolve();
  }

  private changed(type: 'ADDED' | 'MODIFIED', key: ObjectKey, object: KubeObject): KubeObject {
    const revision = Number(object.metadata.resourceVersion);
    this.revisionSeen = revision;
    this.watch.revision = revision;
    this.objects.set(id(key), object);
    for (const { filter, listener } of this.listeners) {
      if (filter.cluster === key.cluster && filter.resource === key.resource) listener([{ revision, type, key, object }]);
    }
    return object;
  }
}
