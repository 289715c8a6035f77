import type { KubeObject } from '@drydock/util';
import type { KubeClient } from './client.types';
import { resources } from './resources';
import { SharedInformer } from './shared-informer';

/** What discovery reports: a cluster to serve (with its Cluster object, again when it changes) or to drop. */
export interface ClusterDiscoveryHandler {
  clusterAdded(name: string, cluster: KubeObject): void;
  clusterRemoved(name: string): void;
}

/**
 * Watches the `drydock.dev/v1` Cluster objects of the default cluster and tells the handler which
 * clusters exist. A Cluster being deleted (deletionTimestamp set) is dropped at once: its workers stop
 * before the API server removes its objects. The default cluster is not a Cluster object; callers
 * serve it themselves.
 */
export function watchClusters(client: KubeClient, handler: ClusterDiscoveryHandler, log?: (message: string) => void): SharedInformer<KubeObject> {
  const informer = new SharedInformer<KubeObject>(client, resources.clusters, { log });
  const seen = (cluster: KubeObject) => {
    const name = cluster.metadata.name ?? '';
    if (cluster.metadata.deletionTimestamp) handler.clusterRemoved(name);
    else handler.clusterAdded(name, cluster);
  };
  informer.onAdd(seen).onUpdate((_old, cluster) => seen(cluster)).onDelete((cluster) => handler.clusterRemoved(cluster.metadata.name ?? ''));
  informer.start();
  return informer;
}
