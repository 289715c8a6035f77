import type { KubeObject } from './kube-object';

/**
 * The annotation that names an object's logical cluster in a list or watch of every cluster (`/clusters/*`,
 * as kcp's `kcp.io/cluster`). Only those answers carry it: the server adds it to a copy, never stores it, and
 * a client takes it off again (withoutLogicalCluster) before the object reaches a cache or a write.
 */
export const LOGICAL_CLUSTER_ANNOTATION = 'drydock.dev/cluster';

/** A shallow copy of `object` carrying its cluster (the original is the cache's: never changed). */
export function withLogicalCluster(object: KubeObject, cluster: string): KubeObject {
  return { ...object, metadata: { ...object.metadata, annotations: { ...object.metadata.annotations, [LOGICAL_CLUSTER_ANNOTATION]: cluster } } };
}

/**
 * The cluster an object of a list or watch of every cluster belongs to, taken off the object (which the caller
 * has just parsed and owns); undefined when it carries none. An annotations map left empty is removed.
 */
export function withoutLogicalCluster(object: KubeObject): string | undefined {
  const annotations = object.metadata?.annotations;
  const cluster = annotations?.[LOGICAL_CLUSTER_ANNOTATION];
  if (cluster === undefined) return undefined;
  delete annotations![LOGICAL_CLUSTER_ANNOTATION];
  if (Object.keys(annotations!).length === 0) delete object.metadata.annotations;
  return cluster;
}
