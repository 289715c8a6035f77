import type { KubeObject } from '@drydock/util';
import { deepCopy } from '@drydock/util';
import { ChangeEvent, CollectionKey, ListOptions, ListResult, ObjectKey, ObjectStore, StoreError, WriteOptions } from '@drydock/storage';

/** An in-memory ObjectStore for unit tests of the layers above storage (not a production backend). */
export class MemoryObjectStore implements ObjectStore {
  private readonly objects = new Map<string, KubeObject>();
  private revision = 0;
  writes = 0;

  private id(key: ObjectKey): string {
    return [key.cluster, key.resource, key.namespace, key.name].join('/');
  }

  private stamp(object: KubeObject): KubeObject {
    const copy = deepCopy(object);
    copy.metadata.resourceVersion = String(++this.revision);
    this.writes++;
    return copy;
  }

  async create(key: ObjectKey, object: KubeObject): Promise<KubeObject> {
    if (this.objects.has(this.id(key))) throw new StoreError('AlreadyExists', 'exists');
    const stored = this.stamp(object);
    this.objects.set(this.id(key), stored);
    return deepCopy(stored);
  }

  private current(key: ObjectKey, options?: WriteOptions): KubeObject {
    const current = this.objects.get(this.id(key));
    if (!current) throw new StoreError('NotFound', 'missing');
    if (options?.expectedRevision !== undefined && String(options.expectedRevision) !== current.metadata.resourceVersion) throw new StoreError('Conflict', 'moved');
    if (options?.expectedUid !== undefined && options.expectedUid !== current.metadata.uid) throw new StoreError('Conflict', 'uid');
    return current;
  }

  async update(key: ObjectKey, object: KubeObject, options?: WriteOptions): Promise<KubeObject> {
    this.current(key, options);
    const stored = this.stamp(object);
    this.objects.set(this.id(key), stored);
    return deepCopy(stored);
  }

  async delete(key: ObjectKey, options?: WriteOptions): Promise<KubeObject> {
    const current = this.current(key, options);
    this.objects.delete(this.id(key));
    return this.stamp(current);
  }

  async get(key: ObjectKey): Promise<KubeObject | null> {
    const found = this.objects.get(this.id(key));
    return found ? deepCopy(found) : null;
  }

  async list(collection: CollectionKey, options: ListOptions = {}): Promise<ListResult> {
    const prefix = [collection.cluster, collection.resource].join('/') + '/';
    const items = [...this.objects.entries()]
      .filter(([id, o]) => id.startsWith(prefix) && (collection.namespace === undefined || o.metadata.namespace === collection.namespace || (!o.metadata.namespace && collection.namespace === '')))
      .map(([, o]) => o)
      .sort((a, b) => `${a.metadata.namespace ?? ''}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace ?? ''}/${b.metadata.name}`))
      .filter((o) => !options.after || `${o.metadata.namespace ?? ''}/${o.metadata.name}` > `${options.after.namespace}/${options.after.name}`);
    const page = options.limit ? items.slice(0, options.limit) : items;
    const last = page[page.length - 1];
    const next = options.limit && items.length > options.limit ? { namespace: last.metadata.namespace ?? '', name: last.metadata.name! } : undefined;
    return { items: page.map(deepCopy), revision: this.revision, next };
  }

  async currentRevision(): Promise<number> {
    return this.revision;
  }

  async changesSince(): Promise<ChangeEvent[]> {
    return [];
  }

  async compactedRevision(): Promise<number> {
    return 0;
  }

  async compact(): Promise<void> {}

  async close(): Promise<void> {}
}
