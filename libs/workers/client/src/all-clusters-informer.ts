import { withoutLogicalCluster, type KubeObject } from '@drydock/util';
import type { KubeClient, ResourceRef, WatchEvent } from './client.types';
import { EventHandlerRegistrar, HandlerList, ResourceEventHandler } from './event-handlers';
import type { IndexFunc } from './informer-cache';
import { InformerStore } from './informer-store';
import { Reflector } from './reflector';
import { Informer, InformerOptions, typeMetaOf } from './shared-informer';

/** What each cluster's share of an AllClustersInformer is: its store, and how many views read it. */
interface ClusterPartition<T extends KubeObject> {
  store: InformerStore<T>;
  views: number;
}

/**
 * One list and one watch of a resource across every logical cluster (`/clusters/*`, kcp's wildcard informer),
 * shared by every cluster a worker process serves: a cluster costs no connection and no request of its own.
 * Each object is stored in its cluster's partition (the annotation `drydock.dev/cluster` of the answer names it,
 * and is taken off), so a cluster's view (viewOf) is an ordinary Informer whose cache and handlers hold only that
 * cluster, and whatever keys a controller makes from it stay per cluster.
 *
 * Once the list of every cluster is stored, every partition, of a cluster known then or later, is that cluster
 * as of the informer's resourceVersion (a cluster with no objects yet is an empty partition), and the watch
 * moves them all forward in revision order: so a view is synced as soon as the informer is, as kcp's cluster
 * listers are over their wildcard informer, and it costs no list of its own. A cluster served before the watch
 * delivered its newest objects (one discovered from its Cluster object, a stream of its own) sees them arrive
 * as events, as an informer behind the store does. A relist (410: the watch fell out of the API server's window)
 * replaces every partition; a cluster's reset, restore or deletion comes as the removal and re-creation of its
 * objects.
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

  constructor(
    allClusters: KubeClient,
    readonly resource: ResourceRef,
    options: Pick<InformerOptions<T>, 'namespace' | 'labelSelector' | 'fieldSelector' | 'pageSize' | 'log'> = {},
  ) {
    this.log = options.log ?? ((message) => process.stderr.write(`informer ${resource.resource} (every cluster): ${message}\n`));
    this.typeMeta = typeMetaOf<T>(resource);
    const { namespace, labelSelector, fieldSelector, pageSize } = options;
    this.reflector = new Reflector<T>(allClusters, resource, { namespace, labelSelector, fieldSelector, pageSize, log: this.log }, {
      replace: (items) => this.replaceAll(items),
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

  /** The informer of one cluster over this one (synced once this one is). */
  viewOf(cluster: string): Informer<T> {
    return new ClusterView<T>(this, cluster, this.log);
  }

  /** True once the list of every cluster has been stored. */
  hasSynced(): boolean {
    return this.synced;
  }

  /** Resolves once the list of every cluster has been stored (or at stop()). */
  whenSynced(): Promise<void> {
    if (this.synced) return Promise.resolve();
    this.start();
    return new Promise((resolve) => this.syncWaiters.push(resolve));
  }

  /** The resourceVersion every partition is at: the last list's or event's. */
  lastSyncResourceVersion(): string {
    return this.reflector.lastSyncResourceVersion();
  }

  /** @internal (ClusterView) The cluster's partition, made on first use. */
  partition(cluster: string): ClusterPartition<T> {
    let partition = this.partitions.get(cluster);
    if (!partition) {
      partition = { store: new InformerStore<T>(this.typeMeta, this.log, { ...this.indexers }), views: 0 };
      this.partitions.set(cluster, partition);
    }
    return partition;
  }

  /**
   * @internal (ClusterView) A view stopped: a partition no view reads and that holds nothing is dropped (one made
   * again later starts empty, which is that cluster's state).
   */
  release(cluster: string, partition: ClusterPartition<T>): void {
    partition.views--;
    if (partition.views <= 0 && partition.store.size === 0 && this.partitions.get(cluster) === partition) this.partitions.delete(cluster);
  }

  /** A full list of every cluster: each partition becomes its cluster's items (none: emptied). */
  private replaceAll(items: T[]): void {
    const byCluster = new Map<string, T[]>();
    for (const item of items) {
      const cluster = withoutLogicalCluster(item);
      if (cluster === undefined) continue;
      const list = byCluster.get(cluster);
      if (list) list.push(item);
      else byCluster.set(cluster, [item]);
    }
    for (const cluster of new Set([...this.partitions.keys(), ...byCluster.keys()])) {
      this.partition(cluster).store.replace(byCluster.get(cluster) ?? []);
    }
    this.synced = true;
    for (const waiter of this.syncWaiters.splice(0)) waiter();
  }

  private applyEvent(event: WatchEvent<T>): void {
    const cluster = withoutLogicalCluster(event.object);
    if (cluster !== undefined) this.partition(cluster).store.apply(event);
  }
}

/**
 * One cluster's informer over an AllClustersInformer: its partition's cache, its own handlers. As a
 * SharedInformer's, its handlers hear nothing before it synced, then onAdd of every object, then each change.
 */
class ClusterView<T extends KubeObject> extends EventHandlerRegistrar<T> implements Informer<T> {
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
    super();
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

  /** True once the informer of every cluster synced and this view's handlers heard every object. */
  hasSynced(): boolean {
    return this.synced;
  }

  lastSyncResourceVersion(): string {
    return this.informer.lastSyncResourceVersion();
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

  /** Once the informer of every cluster synced (its reflector retries failed lists), the handlers hear every object. */
  private async sync(): Promise<void> {
    await this.informer.whenSynced();
    if (this.stopped || !this.informer.hasSynced()) return;
    this.synced = true;
    for (const object of this.partition.store.list()) this.handlers.added(object);
  }
}
