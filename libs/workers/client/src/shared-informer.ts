import type { KubeObject } from '@drydock/util';
import type { KubeClient, ResourceRef } from './client.types';
import { EventHandlerRegistrar, type ResourceEventHandler } from './event-handlers';
import type { IndexFunc } from './informer-cache';
import { InformerStore } from './informer-store';
import { Reflector } from './reflector';
import { apiVersionOf } from './resources';

export interface InformerOptions<T extends KubeObject> {
  /** Only this namespace (default: all namespaces). */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Extra indexes for byIndex, e.g. `{ nodeName: (pod) => [pod.spec.nodeName ?? ''] }`. */
  indexers?: Record<string, IndexFunc<T>>;
  /** Items per list page (default 500, as client-go's pager). */
  pageSize?: number;
  /** Every this many real ms once synced, onUpdate(object, object) for every cached object (default 0: never). */
  resyncPeriodMs?: number;
  log?: (message: string) => void;
}

/** A read-only view of an informer's cache plus its handlers: what controllers are given. */
export interface Informer<T extends KubeObject = KubeObject> {
  readonly resource: ResourceRef;
  /** Registers handlers; once synced, the new handler is first told onAdd of every cached object. */
  addEventHandler(handler: ResourceEventHandler<T>): void;
  onAdd(handler: (object: T) => void): this;
  onUpdate(handler: (oldObject: T, newObject: T) => void): this;
  onDelete(handler: (object: T) => void): this;
  addIndexers(indexers: Record<string, IndexFunc<T>>): void;
  /** Cached object; namespace '' for cluster-scoped objects. */
  get(namespace: string, name: string): T | undefined;
  getByKey(key: string): T | undefined;
  /** Cached objects, all or of one namespace. */
  list(namespace?: string): T[];
  byIndex(indexName: string, value: string): T[];
  /** True once the first list has been stored and its handlers called. */
  hasSynced(): boolean;
  lastSyncResourceVersion(): string;
  /** Idempotent; lists and watches in the background until stop(). */
  start(): void;
  stop(): Promise<void>;
}

/**
 * client-go's SharedIndexInformer: a Reflector lists (paged) into the store, then watches from the list's
 * resourceVersion with bookmarks; a closed stream re-watches from the last resourceVersion seen, a 410
 * Expired relists, and the relist reports adds, updates (only of objects whose resourceVersion changed) and
 * deletes against the cache. Failures back off and retry forever.
 */
export class SharedInformer<T extends KubeObject = KubeObject> extends EventHandlerRegistrar<T> implements Informer<T> {
  private readonly store: InformerStore<T>;
  private readonly reflector: Reflector<T>;
  private started = false;
  private resyncTimer?: NodeJS.Timeout;

  constructor(
    client: KubeClient,
    readonly resource: ResourceRef,
    private readonly options: InformerOptions<T> = {},
  ) {
    super();
    const log = options.log ?? ((message) => process.stderr.write(`informer ${resource.resource}: ${message}\n`));
    this.store = new InformerStore<T>(typeMetaOf<T>(resource), log, options.indexers);
    const { namespace, labelSelector, fieldSelector, pageSize } = options;
    this.reflector = new Reflector<T>(client, resource, { namespace, labelSelector, fieldSelector, pageSize, log }, {
      replace: (items) => this.store.replace(items),
      apply: (event) => this.store.apply(event),
    });
  }

  addEventHandler(handler: ResourceEventHandler<T>): void {
    this.store.addEventHandler(handler);
  }

  addIndexers(indexers: Record<string, IndexFunc<T>>): void {
    this.store.addIndexers(indexers);
  }

  get(namespace: string, name: string): T | undefined {
    return this.store.get(namespace, name);
  }

  getByKey(key: string): T | undefined {
    return this.store.getByKey(key);
  }

  list(namespace?: string): T[] {
    return this.store.list(namespace);
  }

  byIndex(indexName: string, value: string): T[] {
    return this.store.byIndex(indexName, value);
  }

  hasSynced(): boolean {
    return this.store.hasSynced();
  }

  lastSyncResourceVersion(): string {
    return this.reflector.lastSyncResourceVersion();
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.reflector.start();
    if (this.options.resyncPeriodMs) this.resyncTimer = setInterval(() => this.store.resync(), this.options.resyncPeriodMs);
  }

  /** Ends the watch and the loop; the cache stays readable. */
  async stop(): Promise<void> {
    clearInterval(this.resyncTimer);
    await this.reflector.stop();
  }
}

/** List items come without kind and apiVersion; a cache always has them (the event recorder needs them). */
export function typeMetaOf<T extends KubeObject>(resource: ResourceRef): (object: T) => T {
  const apiVersion = apiVersionOf(resource);
  return (object) => {
    if (!object.kind) object.kind = resource.kind;
    if (!object.apiVersion) object.apiVersion = apiVersion;
    return object;
  };
}
