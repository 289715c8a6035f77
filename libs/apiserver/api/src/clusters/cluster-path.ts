/** The logical cluster served at `/` (and also at `/clusters/default/`). */
export const DEFAULT_CLUSTER = 'default';

/** A request path split into the logical cluster it addresses and the path within that cluster. */
export interface ClusterPath {
  cluster: string;
  /** The path as the cluster serves it: `/api/v1/pods`, `/openapi/v3`, `/` for the bare prefix. */
  path: string;
}

/**
 * `/clusters/<name>/<rest>` addresses cluster `name` (as kcp addresses a logical cluster); any other path the
 * default cluster. Undefined for `/clusters` or `/clusters/` with no name, which no cluster serves.
 */
export function splitClusterPath(pathname: string): ClusterPath | undefined {
  if (pathname !== '/clusters' && !pathname.startsWith('/clusters/')) return { cluster: DEFAULT_CLUSTER, path: pathname };
  const rest = pathname.slice('/clusters/'.length);
  const slash = rest.indexOf('/');
  const name = decodeURIComponent(slash < 0 ? rest : rest.slice(0, slash));
  if (!name) return undefined;
  return { cluster: name, path: slash < 0 ? '/' : rest.slice(slash) };
}

/** The path of `path` (a cluster-relative path) as clients outside reach it. */
export function clusterUrlPath(cluster: string, path: string): string {
  return cluster === DEFAULT_CLUSTER ? path : `/clusters/${cluster}${path}`;
}
