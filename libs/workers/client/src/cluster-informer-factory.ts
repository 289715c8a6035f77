import type { KubeObject } from '@drydock/util';
import { AllClustersInformer } from './all-clusters-informer';
import type { KubeClient, ResourceRef } from './client.types';
import type { Informer } from './shared-informer';
import { addMissingIndexers, InformerFactory, informerKey, InformerSelection, SharedInformerFactory, waitForCacheSync } from './shared-informer-factory';
import { resources } from './resources';

/**
 * The resources a worker lists and watches across every cluster at once: the built-in ones every cluster serves
 * (resources.ts), not Drydock's own group (users, teams, clusters: the default cluster's alone) nor the computed
 * metrics. Anything else (a CRD's resource) is listed and watched per cluster.
 */
const spanning = new Set(
  Object.values(resources)
    .filter((resource) => resource.group !== 'drydock.dev' && resource.group !== 'metrics.k8s.io')
    .map((resource) => `${resource.group}/${resource.version}/${resource.resource}`),
);

const spansClusters = (resource: ResourceRef) => spanning.has(`${resource.group}/${resource.version}/${resource.resource}`);

/**
 * The informers of one worker process across every cluster it serves: per (resource, selection) one
 * AllClustersInformer, so a process holds one watch per resource however many clusters it serves (kcp's
 * wildcard informers), not one per cluster. Its clusters' factories (forCluster) hand out views of them.
 */
export class AllClustersInformers {
  private readonly informers = new Map<string, AllClustersInformer<KubeObject>>();

  constructor(
    private readonly allClusters: KubeClient,
    private readonly clusterClient: (cluster: string) => KubeClient,
    private readonly log?: (message: string) => void,
  ) {}

  /** The informer factory of one cluster (its own instance, its informers views of the shared ones). */
  forCluster(cluster: string, log?: (message: string) => void): InformerFactory {
    return new ClusterInformerFactory(this, cluster, this.clusterClient(cluster), log);
  }

  /** @internal The shared informer of a resource and selection, started. */
  informerFor<T extends KubeObject>(resource: ResourceRef, selection: InformerSelection<T>): AllClustersInformer<T> {
    const key = informerKey(resource, selection.namespace, selection);
    let informer = this.informers.get(key) as AllClustersInformer<T> | undefined;
    if (!informer) {
      informer = new AllClustersInformer<T>(this.allClusters, resource, { namespace: selection.namespace, labelSelector: selection.labelSelector, fieldSelector: selection.fieldSelector, log: this.log });
      this.informers.set(key, informer as unknown as AllClustersInformer<KubeObject>);
      informer.start();
    }
    return informer;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.informers.values()].map((informer) => informer.stop()));
    this.informers.clear();
  }
}

/**
 * One cluster's InformerFactory over a process's AllClustersInformers: a built-in resource's informer is that
 * cluster's view of the shared one (its cache and handlers that cluster's alone, synced by a list of the cluster),
 * anything else an informer of its own (SharedInformerFactory over the cluster's client). Stopping it detaches its
 * views; the shared informers go on serving the other clusters.
 */
export class ClusterInformerFactory implements InformerFactory {
  private readonly views = new Map<string, Informer<KubeObject>>();
  private readonly own: SharedInformerFactory;
  private started = false;

  constructor(
    private readonly shared: AllClustersInformers,
    private readonly cluster: string,
    client: KubeClient,
    log?: (message: string) => void,
  ) {
    this.own = new SharedInformerFactory(client, { log });
  }

  informerFor<T extends KubeObject = KubeObject>(resource: ResourceRef, selection: InformerSelection<T> = {}): Informer<T> {
    if (!spansClusters(resource)) return this.own.informerFor<T>(resource, selection);
    const key = informerKey(resource, selection.namespace, selection);
    let view = this.views.get(key) as Informer<T> | undefined;
    if (!view) {
      view = this.shared.informerFor<T>(resource, selection).viewOf(this.cluster);
      this.views.set(key, view as unknown as Informer<KubeObject>);
      if (this.started) view.start();
    }
    if (selection.indexers) addMissingIndexers(view, selection.indexers);
    return view;
  }

  start(): void {
    this.started = true;
    for (const view of this.views.values()) view.start();
    this.own.start();
  }

  async waitForCacheSync(timeoutMs: number): Promise<boolean> {
    const [views, own] = await Promise.all([waitForCacheSync([...this.views.values()], timeoutMs), this.own.waitForCacheSync(timeoutMs)]);
    return views && own;
  }

  async stop(): Promise<void> {
    await Promise.all([...[...this.views.values()].map((view) => view.stop()), this.own.stop()]);
  }
}
