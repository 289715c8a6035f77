import type { KubeObject } from '@drydock/util';
import type { WatchEvent } from './client.types';
import { HandlerList, ResourceEventHandler } from './event-handlers';
import { IndexFunc, InformerCache, NAMESPACE_INDEX } from './informer-cache';
import { metaNamespaceKey } from './object-keys';

/**
 * What an informer keeps and tells: its indexed cache and its handlers, changed by full lists (replace) and
 * watch events (apply), as client-go's sharedIndexInformer's HandleDeltas does. Objects are stored as they
 * arrive, with kind and apiVersion filled in (`typeMeta`).
 */
export class InformerStore<T extends KubeObject> {
  private readonly cache: InformerCache<T>;
  private readonly handlers: HandlerList<T>;
  private synced = false;

  constructor(
    private readonly typeMeta: (object: T) => T,
    log: (message: string) => void,
    indexers?: Record<string, IndexFunc<T>>,
  ) {
    this.cache = new InformerCache<T>(indexers);
    this.handlers = new HandlerList<T>(log);
  }

  /** Registers a handler; once synced, it is first told onAdd of every cached object. */
  addEventHandler(handler: ResourceEventHandler<T>): void {
    this.handlers.add(handler);
    if (this.synced) for (const object of this.cache.list()) handler.onAdd?.(object);
  }

  removeEventHandler(handler: ResourceEventHandler<T>): void {
    this.handlers.remove(handler);
  }

  addIndexers(indexers: Record<string, IndexFunc<T>>): void {
    this.cache.addIndexers(indexers);
  }

  get(namespace: string, name: string): T | undefined {
    return this.cache.getByKey(namespace ? `${namespace}/${name}` : name);
  }

  getByKey(key: string): T | undefined {
    return this.cache.getByKey(key);
  }

  list(namespace?: string): T[] {
    return namespace === undefined ? this.cache.list() : this.cache.byIndex(NAMESPACE_INDEX, namespace);
  }

  byIndex(indexName: string, value: string): T[] {
    return this.cache.byIndex(indexName, value);
  }

  get size(): number {
    return this.cache.size;
  }

  /** True once the first full list has been stored and its handlers called. */
  hasSynced(): boolean {
    return this.synced;
  }

  /** client-go's resync: handlers see every cached object again, so a missed reaction is retried. */
  resync(): void {
    if (!this.synced) return;
    for (const object of this.cache.list()) this.handlers.updated(object, object);
  }

  /** Makes the cache equal to a full list, telling handlers the difference (updates only of objects whose resourceVersion changed). */
  replace(items: T[]): void {
    const listed = new Set(items.map((item) => metaNamespaceKey(item)));
    for (const key of this.cache.keys()) {
      if (!listed.has(key)) this.handlers.deleted(this.cache.remove(key)!);
    }
    for (const item of items) {
      const old = this.cache.put(this.typeMeta(item));
      if (!old) this.handlers.added(item);
      else if (old.metadata.resourceVersion !== item.metadata.resourceVersion) this.handlers.updated(old, item);
    }
    this.synced = true;
  }

  /** One watch event (ADDED, MODIFIED, DELETED). */
  apply(event: WatchEvent<T>): void {
    const object = this.typeMeta(event.object);
    if (event.type === 'ADDED' || event.type === 'MODIFIED') {
      const old = this.cache.put(object);
      if (old) this.handlers.updated(old, object);
      else this.handlers.added(object);
    } else if (event.type === 'DELETED') {
      this.cache.remove(metaNamespaceKey(object));
      this.handlers.deleted(object);
    }
  }
}
