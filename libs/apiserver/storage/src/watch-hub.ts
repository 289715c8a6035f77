import { AsyncResource } from 'node:async_hooks';
import type { KubeObject } from '@drydock/util';
import { ChangeListener } from './change-listener';
import { EventRing, EventRingOptions } from './event-ring';
import { inCollection, resourceKeyString } from './object-keys';
import { listAtRevision } from './list-at-revision';
import { IndexEntry, ListCursor, ObjectIndex } from './object-index';
import { PostgresObjectStore } from './postgres-object-store';
import { ALL_CLUSTERS, ChangeEvent, CollectionKey, ObjectKey, StoreError } from './store.types';

export interface WatchHubOptions {
  ring?: EventRingOptions;
  /** Safety poll of the change log, in case a notification is lost. Default 1000 ms. */
  pollIntervalMs?: number;
  /** Rows read per change-log query (the reader loops while pages come back full). Default 1000. */
  readBatchSize?: number;
  /** Reports background failures (lost LISTEN connection, failed reads). Default: console.error. */
  onError?: (error: unknown) => void;
  /**
   * After a failed read of the change log the next waits this long, doubling per failure in a row up to
   * `readRetryMaxMs` (default 50 and 2000 ms): the requests that wake the reader while the database is
   * away or just back (each consistent read and watch start does) must not turn into a read and a logged
   * failure each.
   */
  readRetryMs?: number;
  readRetryMaxMs?: number;
}

/** Events for one watcher, oldest first. Listeners must not mutate the events or objects. */
export type WatchListener = (events: ChangeEvent[]) => void;

export interface WatchHandle {
  close(): void;
}

export interface WatchSnapshot {
  items: KubeObject[];
  revision: number;
}

export interface WatchHubStats {
  revision: number;
  oldestRevision: number;
  ringEvents: number;
  watchers: number;
}

/** The `resource` of a filter that matches every resource of its cluster (the etcd endpoint's watches). */
export const ALL_RESOURCES = '*';

function matches(filter: CollectionKey, key: ObjectKey): boolean {
  return filter.resource === ALL_RESOURCES ? key.cluster === filter.cluster : inCollection(key, filter);
}

interface Watcher {
  filter: CollectionKey;
  /** Events with revision <= cursor have been queued or skipped. */
  cursor: number;
  listener: WatchListener;
  onError?: (error: StoreError) => void;
  buffer: ChangeEvent[];
  scheduled: boolean;
  closed: boolean;
}

interface RevisionWaiter {
  revision: number;
  done: (reached: boolean) => void;
}

/**
 * The async context the reader and its deliveries run in: the one this module was loaded in, never that of
 * whoever woke the reader (a request waiting for a revision, the LISTEN connection opened during a request). A
 * request's context carries its user (AsyncLocalStorage); a watcher that writes in reaction to an event (the
 * API server's own loops: bootstrapping a sandbox cluster) must not write as that user, as upstream's cacher
 * dispatches from its own goroutine, not the request's.
 */
const readerContext = new AsyncResource('drydock.WatchHubReader');

/**
 * The watch cache of one API server process (DESIGN.md "Storage"). One dedicated connection
 * LISTENs for drydock_write()'s notifications; each one (or the safety poll) wakes a reader of the
 * change log that applies every change, in revision order, to the current objects (giving MODIFIED
 * and DELETED events their `previous`) and to a ring of recent events, then hands the events to
 * the watchers. Every watcher gets each event of its collection exactly once, in revision order,
 * asynchronously (a microtask after the event is applied, never inside watch()).
 */
export class WatchHub {
  private readonly objects = new ObjectIndex();
  private readonly ring: EventRing;
  private readonly watchers = new Map<string, Set<Watcher>>();
  /** Per logical cluster, the revision of its last reset or restore: older revisions cannot be resumed. */
  private readonly restoredAt = new Map<string, number>();
  private waiters: RevisionWaiter[] = [];
  private readonly listener: ChangeListener;
  private pollTimer?: NodeJS.Timeout;
  private running = false;
  /** The starting snapshot is loaded; until then notifications have nothing to apply to. */
  private loaded = false;
  private pumping = false;
  private pumpAgain = false;
  /** Failed reads in a row, and the timer of the next read after one (no read before it fires). */
  private failedReads = 0;
  private retryTimer?: NodeJS.Timeout;
  private readonly onError: (error: unknown) => void;

  /** `store` is the process's object store: the hub reads its snapshot and change log through it (its pool). */
  constructor(
    private readonly store: PostgresObjectStore,
    private readonly options: WatchHubOptions = {},
  ) {
    this.ring = new EventRing(0, options.ring);
    this.onError = options.onError ?? ((error) => console.error('watch hub:', error));
    this.listener = new ChangeListener(store.pool.options, () => void this.pump(), this.onError);
  }

  /** The latest revision applied to the cache. */
  get revision(): number {
    return this.ring.latest;
  }

  /** The oldest revision a watch can still start from. */
  get oldestRevision(): number {
    return this.ring.floor;
  }

  /** Gauges for /metrics. */
  stats(): WatchHubStats {
    let watchers = 0;
    for (const set of this.watchers.values()) watchers += set.size;
    return { revision: this.revision, oldestRevision: this.oldestRevision, ringEvents: this.ring.size, watchers };
  }

  /** LISTENs, loads the current objects and their revision in one snapshot, then follows the log. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.listener.start();
      await this.loadSnapshot();
      this.loaded = true;
    } catch (error) {
      await this.stop();
      throw error;
    }
    this.pollTimer = setInterval(() => this.pump(), this.options.pollIntervalMs ?? 1000);
    this.pollTimer.unref();
    await this.pump();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.loaded = false;
    clearInterval(this.pollTimer);
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    await this.listener.stop();
    this.waiters.splice(0).forEach((waiter) => waiter.done(false));
    for (const watchers of this.watchers.values()) watchers.forEach((watcher) => (watcher.closed = true));
    this.watchers.clear();
  }

  /**
   * Streams the changes of `filter` with revision > fromRevision: first those still in the ring,
   * then new ones as they are applied. Throws StoreError('Compacted') when fromRevision is older
   * than the ring holds (the client must relist: 410 Gone). `onError` is told when the hub has to
   * drop the watch later (it fell behind compaction and resynchronised).
   */
  watch(filter: CollectionKey, fromRevision: number, listener: WatchListener, onError?: (error: StoreError) => void): WatchHandle {
    if (!this.ring.covers(fromRevision)) {
      throw new StoreError('Compacted', `too old resource version: ${fromRevision} (${this.ring.floor})`);
    }
    // A watch of every cluster follows resets and restores by their events (see expireCluster): it may resume across them.
    const restored = filter.cluster === ALL_CLUSTERS ? 0 : (this.restoredAt.get(filter.cluster) ?? 0);
    if (fromRevision < restored) throw new StoreError('Compacted', `too old resource version: ${fromRevision} (${restored})`);
    const watcher: Watcher = { filter, cursor: fromRevision, listener, onError, buffer: [], scheduled: false, closed: false };
    const resourceKey = resourceKeyString(filter.cluster, filter.resource);
    let set = this.watchers.get(resourceKey);
    if (!set) this.watchers.set(resourceKey, (set = new Set()));
    set.add(watcher);
    this.enqueue(watcher, this.ring.after(Math.min(fromRevision, this.revision)));
    return { close: () => this.unwatch(resourceKey, watcher) };
  }

  /**
   * The current objects of `filter` and the revision they are at, from memory. Calling
   * watch(filter, snapshot.revision, ...) in the same tick continues exactly after it (no event
   * lost or repeated), which is how sendInitialEvents and resourceVersion=0 watches are served.
   * The items are the cache's own objects: copy before changing them.
   */
  snapshot(filter: CollectionKey): WatchSnapshot {
    return { items: this.objects.list(filter), revision: this.revision };
  }

  /**
   * The current objects of `filter` with their keys (so with their cluster: what a list of ALL_CLUSTERS answers), in
   * cluster, namespace, name order, and the revision they are at. The objects are the cache's own: never change them.
   */
  snapshotEntries(filter: CollectionKey): { entries: IndexEntry[]; revision: number } {
    return { entries: [...this.objects.entries(filter)], revision: this.revision };
  }

  /** How many objects of `cluster` the cache holds, of one resource (`pods`) or of every resource. */
  count(cluster: string, resource?: string): number {
    return this.objects.count(cluster, resource);
  }

  /** The resources of `cluster` that currently hold objects. */
  resourceNames(cluster: string): string[] {
    return this.objects.resourceNames(cluster);
  }

  /** One current object from memory, or undefined (the cache may trail a write that just committed). */
  cached(key: ObjectKey): KubeObject | undefined {
    return this.objects.get(key);
  }

  /**
   * The objects of `filter` as they were at `revision`, in namespace, name order after `after`: what
   * lists served from the cache read (resourceVersion=0, consistent reads, continuations). Lazy:
   * consume it in the same tick (before the next change is applied). Undefined when the cache cannot
   * answer for `revision`: newer than it has applied (wait first) or older than its ring. The
   * objects are the cache's own: copy before changing them.
   */
  listAt(filter: CollectionKey, revision: number, after?: ListCursor): Iterable<KubeObject> | undefined {
    if (revision > this.revision || !this.ring.covers(revision)) return undefined;
    const current = this.objects.entries(filter, after);
    if (revision === this.revision) return objectsOf(current);
    // Past states are derived per (namespace, name): not across clusters, whose keys repeat.
    if (filter.cluster === ALL_CLUSTERS) return undefined;
    return listAtRevision(current, this.ring.after(revision), filter, after);
  }

  /** Resolves true once the cache has applied `revision`, false after `timeoutMs`. */
  waitForRevision(revision: number, timeoutMs: number): Promise<boolean> {
    if (this.revision >= revision) return Promise.resolve(true);
    if (!this.running) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish(false), timeoutMs);
      const waiter: RevisionWaiter = { revision, done: (reached) => finish(reached) };
      const finish = (reached: boolean) => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((other) => other !== waiter);
        resolve(reached);
      };
      this.waiters.push(waiter);
      void this.pump();
    });
  }

  /** Waits until the cache holds everything committed before the call (a consistent read from cache). */
  async waitForLatest(timeoutMs: number): Promise<boolean> {
    return this.waitForRevision(await this.store.currentRevision(), timeoutMs);
  }

  private unwatch(resourceKey: string, watcher: Watcher): void {
    watcher.closed = true;
    watcher.buffer = [];
    const set = this.watchers.get(resourceKey);
    set?.delete(watcher);
    if (set?.size === 0) this.watchers.delete(resourceKey);
  }

  /** Queues the events after the watcher's cursor that match its filter, and schedules delivery. */
  private enqueue(watcher: Watcher, events: ChangeEvent[]): void {
    for (const event of events) {
      if (event.revision <= watcher.cursor) continue;
      watcher.cursor = event.revision;
      if (matches(watcher.filter, event.key)) watcher.buffer.push(event);
    }
    if (watcher.buffer.length === 0 || watcher.scheduled) return;
    watcher.scheduled = true;
    queueMicrotask(() => this.deliver(watcher));
  }

  private deliver(watcher: Watcher): void {
    watcher.scheduled = false;
    const events = watcher.buffer;
    watcher.buffer = [];
    if (watcher.closed || events.length === 0) return;
    try {
      watcher.listener(events);
    } catch (error) {
      this.onError(error);
    }
  }

  private async loadSnapshot(): Promise<void> {
    const snapshot = await this.store.readSnapshot();
    this.objects.clear();
    for (const { key, object } of snapshot.objects) this.objects.set(key, object);
    this.ring.reset(snapshot.revision);
  }

  /** Reads the change log until it is drained, in the reader's own context; concurrent calls fold into one more pass. */
  private pump(): Promise<void> {
    return readerContext.runInAsyncScope(() => this.drain());
  }

  private async drain(): Promise<void> {
    if (!this.running || !this.loaded) return;
    // Backing off after a failed read: the timer's read takes in whatever woke the reader meanwhile.
    if (this.retryTimer) return;
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.pumpAgain = false;
        await this.readAll();
      } while (this.pumpAgain && this.running);
      this.failedReads = 0;
    } catch (error) {
      this.failedReads++;
      await this.readFailed(error);
      this.retryAfterFailure();
    } finally {
      this.pumping = false;
    }
  }

  private retryAfterFailure(): void {
    if (!this.running) return;
    const first = this.options.readRetryMs ?? 50;
    const delay = Math.min(this.options.readRetryMaxMs ?? 2000, first * 2 ** Math.min(this.failedReads - 1, 16));
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.pump();
    }, delay);
    this.retryTimer.unref();
  }

  private async readAll(): Promise<void> {
    const batchSize = this.options.readBatchSize ?? 1000;
    for (;;) {
      const events = await this.store.changesSince(this.revision, batchSize);
      if (!this.running) return;
      this.apply(events);
      if (events.length < batchSize) return;
    }
  }

  /**
   * Ends every watch of one logical cluster with Compacted (the client's 410 Gone: relist) and refuses to resume
   * one from before `revision`, as watchers see an etcd restore. Other clusters' watches go on, and so do watches
   * of every cluster (ALL_CLUSTERS, the workers' informers): a reset, restore or deletion writes a change row for
   * each object it removes or puts back, so they follow it event by event instead of relisting every cluster.
   */
  expireCluster(cluster: string, revision: number): void {
    this.restoredAt.set(cluster, Math.max(revision, this.restoredAt.get(cluster) ?? 0));
    const expired: Watcher[] = [];
    for (const [resourceKey, watchers] of this.watchers) {
      if (!resourceKey.startsWith(`${cluster}\0`)) continue;
      expired.push(...watchers);
      this.watchers.delete(resourceKey);
    }
    this.dropWatchers(expired, `the cluster ${cluster} was reset or restored; relist`);
  }

  /**
   * Ends `watchers` with Compacted once they are out of the hub's sets: a listener that watches again from its
   * `onError` (the API server's own followers do) joins a new set instead of the one being walked (a Set walk
   * visits what is added during it: a watcher re-made from its onError was ended and re-made for ever).
   */
  private dropWatchers(watchers: Watcher[], message: string): void {
    for (const watcher of watchers) watcher.closed = true;
    for (const watcher of watchers) watcher.onError?.(new StoreError('Compacted', message));
  }

  /**
   * Falling behind compaction loses events: reload, then drop every watcher (they relist). Dropped after the
   * reload, so that those who watch again from their `onError` start from the reloaded cache, not the stale one.
   */
  private async readFailed(error: unknown): Promise<void> {
    this.onError(error);
    if (!(error instanceof StoreError) || error.code !== 'Compacted' || !this.running) return;
    await this.loadSnapshot().catch((failure) => this.onError(failure));
    const dropped = [...this.watchers.values()].flatMap((watchers) => [...watchers]);
    this.watchers.clear();
    this.dropWatchers(dropped, 'the watch cache fell behind compaction; relist');
    this.settleWaiters();
  }

  /**
   * Applies consecutive events to the objects and the ring, then fans them out. The change log is
   * gap-free, so a gap is a bug: the events from the gap on are left for the next read.
   */
  private apply(events: ChangeEvent[]): void {
    const next = events.findIndex((event, index) => event.revision !== this.revision + 1 + index);
    if (next >= 0) this.onError(new Error(`change log gap before revision ${events[next].revision}`));
    const applied = next >= 0 ? events.slice(0, next) : events;
    if (applied.length === 0) return;
    const now = Date.now();
    for (const event of applied) {
      const previous = this.objects.apply(event);
      if (event.type !== 'ADDED' && previous) event.previous = previous;
      this.ring.push(event, now);
    }
    this.fanOut(applied);
    this.ring.evict(now);
    this.settleWaiters();
  }

  private settleWaiters(): void {
    const reached = this.waiters.filter((waiter) => waiter.revision <= this.revision);
    reached.forEach((waiter) => waiter.done(true));
  }

  private fanOut(events: ChangeEvent[]): void {
    const byResource = new Map<string, ChangeEvent[]>();
    for (const event of events) {
      // The event's own cluster's watchers, and those of every cluster (kcp's wildcard watches).
      for (const resourceKey of [resourceKeyString(event.key.cluster, event.key.resource), resourceKeyString(ALL_CLUSTERS, event.key.resource)]) {
        if (!this.watchers.has(resourceKey)) continue;
        const list = byResource.get(resourceKey);
        if (list) list.push(event);
        else byResource.set(resourceKey, [event]);
      }
    }
    for (const [resourceKey, resourceEvents] of byResource) {
      for (const watcher of this.watchers.get(resourceKey) ?? []) this.enqueue(watcher, resourceEvents);
    }
    // Watchers of every resource of a cluster (filter.resource ALL_RESOURCES) see every event in order.
    const clusters = new Set(events.map((event) => event.key.cluster));
    for (const cluster of clusters) {
      for (const watcher of this.watchers.get(resourceKeyString(cluster, ALL_RESOURCES)) ?? []) this.enqueue(watcher, events);
    }
  }
}

function* objectsOf(entries: Iterable<{ object: KubeObject }>): Generator<KubeObject> {
  for (const entry of entries) yield entry.object;
}
