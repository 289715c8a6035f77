import type { KubeObject } from '@drydock/util';
import type { StatusBody } from './api-error';
import { Backoff, sleepUnlessAborted } from './backoff';
import type { KubeClient, ResourceRef, WatchEvent, WatchHandle } from './client.types';
import { HandlerList, ResourceEventHandler } from './event-handlers';
import { IndexFunc, InformerCache, NAMESPACE_INDEX } from './informer-cache';
import { metaNamespaceKey } from './object-keys';
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

type WatchOutcome = 'ended' | 'failed' | 'expired';

const MIN_WATCH_TIMEOUT_SECONDS = 300;

/**
 * client-go's SharedIndexInformer: list (paged) into the cache, then watch from the list's
 * resourceVersion with bookmarks. A closed stream re-watches from the last resourceVersion seen; a
 * 410 Expired (answer or ERROR event) relists, and the relist reports adds, updates (only of objects
 * whose resourceVersion changed) and deletes against the cache. Failures back off and retry forever.
 */
export class SharedInformer<T extends KubeObject = KubeObject> implements Informer<T> {
  private readonly cache: InformerCache<T>;
  private readonly handlers: HandlerList<T>;
  private readonly backoff = new Backoff();
  private readonly log: (message: string) => void;
  private synced = false;
  private resourceVersion = '';
  private abort?: AbortController;
  private running?: Promise<void>;
  private watch?: WatchHandle;
  private resyncTimer?: NodeJS.Timeout;

  constructor(
    private readonly client: KubeClient,
    readonly resource: ResourceRef,
    private readonly options: InformerOptions<T> = {},
  ) {
    this.log = options.log ?? ((message) => process.stderr.write(`informer ${resource.resource}: ${message}\n`));
    this.cache = new InformerCache<T>(options.indexers);
    this.handlers = new HandlerList<T>(this.log);
  }

  addEventHandler(handler: ResourceEventHandler<T>): void {
    this.handlers.add(handler);
    if (this.synced) for (const object of this.cache.list()) handler.onAdd?.(object);
  }

  onAdd(handler: (object: T) => void): this {
    this.addEventHandler({ onAdd: handler });
    return this;
  }

  onUpdate(handler: (oldObject: T, newObject: T) => void): this {
    this.addEventHandler({ onUpdate: handler });
    return this;
  }

  onDelete(handler: (object: T) => void): this {
    this.addEventHandler({ onDelete: handler });
    return this;
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

  hasSynced(): boolean {
    return this.synced;
  }

  lastSyncResourceVersion(): string {
    return this.resourceVersion;
  }

  start(): void {
    if (this.abort) return;
    this.abort = new AbortController();
    this.running = this.run(this.abort.signal);
    if (this.options.resyncPeriodMs) this.resyncTimer = setInterval(() => this.resync(), this.options.resyncPeriodMs);
  }

  /** Ends the watch and the loop; the cache stays readable. */
  async stop(): Promise<void> {
    clearInterval(this.resyncTimer);
    this.abort?.abort();
    this.watch?.close();
    await this.running;
  }

  /** client-go's resync: handlers see every cached object again, so a missed reaction is retried. */
  private resync(): void {
    if (!this.synced) return;
    for (const object of this.cache.list()) this.handlers.updated(object, object);
  }

  private async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.listAndWatch(signal);
      } catch (error) {
        if (signal.aborted) break;
        this.log(`list failed, retrying: ${(error as Error)?.message ?? error}`);
        await sleepUnlessAborted(this.backoff.next(), signal);
      }
    }
  }

  /** Returns when the watch expired (the caller relists) or on stop; throws when the list fails. */
  private async listAndWatch(signal: AbortSignal): Promise<void> {
    await this.relist(signal);
    while (!signal.aborted) {
      const outcome = await this.watchOnce();
      if (outcome === 'expired') return;
      if (outcome === 'failed') await sleepUnlessAborted(this.backoff.next(), signal);
      else this.backoff.reset();
    }
  }

  /** client-go's pager: pages of pageSize; the last page's resourceVersion is the snapshot's. */
  private async relist(signal: AbortSignal): Promise<void> {
    const items: T[] = [];
    let next: string | undefined;
    let resourceVersion = '';
    do {
      const page = await this.client.list<T>(this.resource, { ...this.selectors(), limit: this.options.pageSize ?? 500, continue: next });
      items.push(...page.items);
      next = page.continue;
      resourceVersion = page.resourceVersion;
    } while (next && !signal.aborted);
    if (signal.aborted) return;
    this.replace(items, resourceVersion);
  }

  /** Makes the cache equal to a full list, telling handlers the difference. */
  private replace(items: T[], resourceVersion: string): void {
    const listed = new Set(items.map((item) => metaNamespaceKey(item)));
    for (const key of this.cache.keys()) {
      if (!listed.has(key)) this.handlers.deleted(this.cache.remove(key)!);
    }
    for (const item of items) {
      const old = this.cache.put(this.withTypeMeta(item));
      if (!old) this.handlers.added(item);
      else if (old.metadata.resourceVersion !== item.metadata.resourceVersion) this.handlers.updated(old, item);
    }
    this.resourceVersion = resourceVersion;
    this.synced = true;
  }

  private watchOnce(): Promise<WatchOutcome> {
    const startedAt = Date.now();
    let events = 0;
    let outcome: WatchOutcome = 'ended';
    const timeoutSeconds = Math.floor(MIN_WATCH_TIMEOUT_SECONDS * (1 + Math.random()));
    const options = { ...this.selectors(), resourceVersion: this.resourceVersion, allowWatchBookmarks: true, timeoutSeconds };
    const handle = this.client.watch<T>(this.resource, options, (event) => {
      events++;
      if (event.type === 'ERROR') {
        outcome = (event.object as unknown as StatusBody).code === 410 ? 'expired' : 'failed';
        if (outcome === 'failed') this.log(`watch error: ${(event.object as unknown as StatusBody).message}`);
        return handle.close();
      }
      this.apply(event);
    });
    this.watch = handle;
    return handle.done.then(() => (outcome === 'ended' && events === 0 && Date.now() - startedAt < 1000 ? 'failed' : outcome));
  }

  private apply(event: WatchEvent<T>): void {
    const object = this.withTypeMeta(event.object);
    if (event.type === 'ADDED' || event.type === 'MODIFIED') {
      const old = this.cache.put(object);
      if (old) this.handlers.updated(old, object);
      else this.handlers.added(object);
    } else if (event.type === 'DELETED') {
      this.cache.remove(metaNamespaceKey(object));
      this.handlers.deleted(object);
    }
    const resourceVersion = object.metadata?.resourceVersion;
    if (resourceVersion) this.resourceVersion = resourceVersion;
  }

  private selectors() {
    return { namespace: this.options.namespace, labelSelector: this.options.labelSelector, fieldSelector: this.options.fieldSelector };
  }

  /** List items come without kind and apiVersion; the cache always has them (the event recorder needs them). */
  private withTypeMeta(object: T): T {
    if (!object.kind) object.kind = this.resource.kind;
    if (!object.apiVersion) object.apiVersion = apiVersionOf(this.resource);
    return object;
  }
}
