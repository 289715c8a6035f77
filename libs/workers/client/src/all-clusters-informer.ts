import { withoutLogicalCluster, type KubeObject } from '@drydock/util';
import type { KubeClient, ResourceRef, WatchEvent } from './client.types';
import { HandlerList, ResourceEventHandler } from './event-handlers';
import type { IndexFunc } from './informer-cache';
import { InformerStore } from './informer-store';
import { Reflector } from './reflector';
import { Informer, InformerOptions, typeMetaOf } from './shared-informer';

/** How a worker reads one cluster: the same resource and selectors at `/clusters/<name>` (a per-cluster client). */
export type ClusterClientFor = (cluster: string) => KubeClient;

/** What each cluster's share of an AllClustersInformer is: its store, and how far it has been brought. */
export interface ClusterPartition<T extends KubeObject> {
  store: InformerStore<T>;
  /** The highest resourceVersion applied: an older event or list of this cluster changes nothing (they may race). */
  revision: number;
  /** While its own list runs: the events of the wildcard watch that arrived meanwhile, applied after it. */
  buffered?: WatchEvent<T>[];
  /** Resolves once the cluster's own list has been stored (the partition is synced for its views). */
  syncing?: Promise<void>;
  views: number;
}

const revisionOf = (object: KubeObject): number => Number(object.metadata?.resourceVersion ?? 0) || 0;

/**
 * One list and one watch of a resource across every logical cluster (`/clusters/*`, kcp's wildcard informer),
 * shared by every cluster a worker process serves: a cluster costs no connection of its own. Each object is
 * stored in its cluster's partition (the annotation `drydock.dev/cluster` of the answer names it, and is taken
 * off), so a cluster's view (viewOf) is an ordinary Informer whose cache and handlers hold only that cluster, and
 * whatever keys a controller makes from it stay per cluster.
 *
 * Two streams are not one order: a cluster discovered from its Cluster object may be served before the wildcard
 * watch has delivered its newest objects. So a cluster's partition becomes synced by a list of that cluster
 * alone (ordinary request, no watch) taken once the wildcard informer synced: events of the wildcard watch
 * arriving meanwhile are held, and those newer than the list applied after it. Every partition ignores what is
 * older than what it already applied (resourceVersions are one revision across clusters). A relist of the
 * wildcard (410: its watch fell out of the API server's window) replaces every partition; a cluster's reset or
 * restore comes as the removal and re-creation of its objects.
 */
export class AllClustersInformer<T extends KubeObject = KubeObject> {
  private readonly partitions = new Map<string, ClusterPartition<T>>();
  private readonly reflector: Reflector<T>;
  private readonly typeMeta: (object: T) => T;
  private readonly indexers: Record<string, IndexFunc<T>> = {};
  private readonly log: (message: string) => void;
  private started = false;
  private synced = false;
  private syncWaiters: (() => void)[] = [];
  /** Bumped by each full list of every cluster: a cluster's own list taken across one is taken again. */
  private generation = 0;

  constructor(
    allClusters: KubeClient,
    private readonly clusterClient: ClusterClientFor,
    readonly resource: ResourceRef,
    private readonly options: Pick<InformerOptions<T>, 'namespace' | 'labelSelector' | 'fieldSelector' | 'pageSize' | 'log'> = {},
  ) {
    this.log = options.log ?? ((message) => process.stderr.write(`informer ${resource.resource} (every cluster): ${message}\n`));
    this.typeMeta = typeMetaOf<T>(resource);
    const { namespace, labelSelector, fieldSelector, pageSize } = options;
    this.reflector = new Reflector<T>(allClusters, resource, { namespace, labelSelector, fieldSelector, pageSize, log: this.log }, {
      replace: (items, resourceVersion) => this.replaceAll(items, Number(resourceVersion) || 0),
      apply: (event) => this.applyEvent(event),
    });
  }

  /** Idempotent: lists and watches every cluster in the background until stop(). */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.reflector.start();
  }

  async stop(): Promise<void> {
    await this.reflector.stop();
    for (const waiter of this.syncWaiters.splice(0)) waiter();
  }

  /** Adds indexes to every cluster's store, now and later (a name already present is kept). */
  addIndexers(indexers: Record<string, IndexFunc<T>>): void {
    for (const [name, func] of Object.entries(indexers)) {
      if (this.indexers[name]) continue;
      this.indexers[name] = func;
      for (const partition of this.partitions.values()) partition.store.addIndexers({ [name]: func });
    }
  }

  /** The informer of one cluster over this one (start it to have that cluster's partition synced). */
  viewOf(cluster: string): Informer<T> {
    return new ClusterView<T>(this, cluster, this.log);
  }

  /** @internal (ClusterView) The cluster's partition, made on first use. */
  partition(cluster: string): ClusterPartition<T> {
    let partition = this.partitions.get(cluster);
    if (!partition) {
      partition = { store: new InformerStore<T>(this.typeMeta, this.log, { ...this.indexers }), revision: 0, views: 0 };
      this.partitions.set(cluster, partition);
    }
    return partition;
  }

  /** @internal (ClusterView) Syncs the cluster's partition once (its own list after the wildcard synced). */
  syncCluster(cluster: string, partition: ClusterPartition<T>): Promise<void> {
    partition.syncing ??= this.listCluster(cluster, partition);
    return partition.syncing;
  }

  /** @internal (ClusterView) A view stopped: a partition no view uses and that holds nothing is dropped. */
  release(cluster: string, partition: ClusterPartition<T>): void {
    partition.views--;
    if (partition.views <= 0 && partition.store.size === 0 && this.partitions.get(cluster) === partition) this.partitions.delete(cluster);
  }

  private async listCluster(cluster: string, partition: ClusterPartition<T>): Promise<void> {
    this.start();
    await this.whenSynced();
    const client = this.clusterClient(cluster);
    for (;;) {
      const generation = this.generation;
      partition.buffered = [];
      try {
        const items: T[] = [];
        let next: string | undefined;
        let resourceVersion = '';
        do {
          const page = await client.list<T>(this.resource, { namespace: this.options.namespace, labelSelector: this.options.labelSelector, fieldSelector: this.options.fieldSelector, limit: this.options.pageSize ?? 500, continue: next });
          items.push(...page.items);
          next = page.continue;
          resourceVersion = page.resourceVersion;
        } while (next);
        if (generation !== this.generation) continue;
        const buffered = partition.buffered;
        partition.buffered = undefined;
        const listed = Number(resourceVersion) || 0;
        if (listed >= partition.revision) {
          partition.store.replace(items);
          partition.revision = listed;
        }
        for (const event of buffered) this.applyToPartition(partition, event);
        return;
      } catch (error) {
        partition.buffered = undefined;
        partition.syncing = undefined;
        throw error;
      }
    }
  }

  private whenSynced(): Promise<void> {
    if (this.synced) return Promise.resolve();
    return new Promise((resolve) => this.syncWaiters.push(resolve));
  }

  /** A full list of every cluster: each partition becomes its cluster's items (none: emptied), unless it is further on. */
  private replaceAll(items: T[], revision: number): void {
    this.generation++;
    const byCluster = new Map<string, T[]>();
    for (const item of items) {
      const cluster = withoutLogicalCluster(item);
      if (cluster === undefined) continue;
      const list = byCluster.get(cluster);
      if (list) list.push(item);
      else byCluster.set(cluster, [item]);
    }
    for (const cluster of new Set([...this.partitions.keys(), ...byCluster.keys()])) {
      const partition = this.partition(cluster);
      if (partition.buffered) partition.buffered = [];
      // A partition its own list brought further keeps that (the watch from `revision` brings nothing it lacks).
      if (partition.revision > revision) continue;
      partition.store.replace(byCluster.get(cluster) ?? []);
      partition.revision = Math.max(partition.revision, revision);
    }
    this.synced = true;
    for (const waiter of this.syncWaiters.splice(0)) waiter();
  }

  private applyEvent(event: WatchEvent<T>): void {
    const cluster = withoutLogicalCluster(event.object);
    if (cluster === undefined) return;
    const partition = this.partition(cluster);
    if (partition.buffered) partition.buffered.push(event);
    else this.applyToPartition(partition, event);
  }

  private applyToPartition(partition: ClusterPartition<T>, event: WatchEvent<T>): void {
    const revision = revisionOf(event.object);
    if (revision && revision <= partition.revision) return;
    partition.store.apply(event);
    if (revision) partition.revision = revision;
  }
}

/**
 * One cluster's informer over an AllClustersInformer: its partition's cache, its own handlers. As a
 * SharedInformer's, its handlers hear nothing before it synced, then onAdd of every object, then each change.
 */
class ClusterView<T extends KubeObject> implements Informer<T> {
  private readonly partition: ClusterPartition<T>;
  private readonly handlers: HandlerList<T>;
  /** Registered on the partition's store: passes its changes on once this view synced. */
  private readonly forwarder: ResourceEventHandler<T> = {
    onAdd: (object) => this.synced && this.handlers.added(object),
    onUpdate: (oldObject, newObject) => this.synced && this.handlers.updated(oldObject, newObject),
    onDelete: (object) => this.synced && this.handlers.deleted(object),
  };
  private synced = false;
  private started = false;
  private stopped = false;

  constructor(
    private readonly informer: AllClustersInformer<T>,
    private readonly cluster: string,
    log: (message: string) => void,
  ) {
    this.handlers = new HandlerList<T>(log);
    this.partition = informer.partition(cluster);
    this.partition.views++;
    this.partition.store.addEventHandler(this.forwarder);
  }

  get resource(): ResourceRef {
    return this.informer.resource;
  }

  addEventHandler(handler: ResourceEventHandler<T>): void {
    this.handlers.add(handler);
    if (this.synced) for (const object of this.partition.store.list()) handler.onAdd?.(object);
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
    this.informer.addIndexers(indexers);
  }

  get(namespace: string, name: string): T | undefined {
    return this.partition.store.get(namespace, name);
  }

  getByKey(key: string): T | undefined {
    return this.partition.store.getByKey(key);
  }

  list(namespace?: string): T[] {
    return this.partition.store.list(namespace);
  }

  byIndex(indexName: string, value: string): T[] {
    return this.partition.store.byIndex(indexName, value);
  }

  /** True once the cluster's own list has been stored (the wildcard informer having synced before it). */
  hasSynced(): boolean {
    return this.synced;
  }

  lastSyncResourceVersion(): string {
    return String(this.partition.revision);
  }

  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    void this.sync();
  }

  /** Detaches it; the shared informer goes on for the other clusters. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.synced = false;
    this.partition.store.removeEventHandler(this.forwarder);
    this.informer.release(this.cluster, this.partition);
  }

  /** The cluster's own list, retried (1 s, doubling to 30 s) until it is stored or the view stops; then its handlers hear every object. */
  private async sync(): Promise<void> {
    for (let delayMs = 1_000; !this.stopped; delayMs = Math.min(delayMs * 2, 30_000)) {
      try {
        await this.informer.syncCluster(this.cluster, this.partition);
        if (this.stopped) return;
        this.synced = true;
        for (const object of this.partition.store.list()) this.handlers.added(object);
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
  }
}
