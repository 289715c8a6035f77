import { Clock, createClock, KubeObject } from '@drydock/util';
import type { KubeClient } from './client.types';
import type { ClusterClients } from './cluster-clients';
import type { ClusterInstance, ClusterSet } from './cluster-set';
import { resources } from './resources';
import { SharedInformer } from './shared-informer';

/** What discovery reports: a cluster to serve (with its Cluster object) or to drop. */
export interface ClusterDiscoveryHandler {
  clusterAdded(name: string, cluster: KubeObject): void;
  clusterRemoved(name: string): void;
}

/** The API server's promise that a cluster's namespaces and bootstrap RBAC exist (docs/architecture.md). */
export function isBootstrapped(cluster: KubeObject): boolean {
  const conditions = (cluster.status as { conditions?: { type?: string; status?: string }[] } | undefined)?.conditions ?? [];
  return conditions.some((condition) => condition.type === 'Bootstrapped' && condition.status === 'True');
}

/** The cluster's simulated clock (`spec.clockScale`); `fallback` when it names none. */
export function clusterClock(cluster: KubeObject | undefined, fallback: Clock): Clock {
  const scale = (cluster?.spec as { clockScale?: unknown } | undefined)?.clockScale;
  return typeof scale === 'number' && scale > 0 && Number.isFinite(scale) && scale !== fallback.scale ? createClock(scale) : fallback;
}

/**
 * Watches the `drydock.dev/v1` Cluster objects of the default cluster and tells the handler which
 * clusters to serve: a Cluster once the API server reports it `Bootstrapped` (the contract in
 * docs/architecture.md), until it is being deleted (deletionTimestamp) or gone. The default cluster is
 * not a Cluster object; callers serve it themselves. Stop the returned informer to stop discovering.
 */
export function watchClusters(client: KubeClient, handler: ClusterDiscoveryHandler, log?: (message: string) => void): SharedInformer<KubeObject> {
  const informer = new SharedInformer<KubeObject>(client, resources.clusters, { log });
  const seen = (cluster: KubeObject) => {
    const name = cluster.metadata.name ?? '';
    if (cluster.metadata.deletionTimestamp) handler.clusterRemoved(name);
    else if (isBootstrapped(cluster)) handler.clusterAdded(name, cluster);
  };
  informer.onAdd(seen).onUpdate((_old, cluster) => seen(cluster)).onDelete((cluster) => handler.clusterRemoved(cluster.metadata.name ?? ''));
  informer.start();
  return informer;
}

/**
 * Serves every discovered cluster with `set` (each started with its Cluster object), releasing a removed
 * cluster's client. `stop` ends the discovery only; stop the set itself afterwards.
 */
export function serveDiscoveredClusters<T extends ClusterInstance>(set: ClusterSet<T, KubeObject>, clients: ClusterClients, log?: (message: string) => void): { stop(): Promise<void> } {
  const informer = watchClusters(clients.forCluster('default'), {
    clusterAdded: (name, cluster) => void set.add(name, cluster),
    clusterRemoved: (name) => void set.remove(name).then(() => clients.release(name)),
  }, log);
  return { stop: () => informer.stop() };
}
