'use client';
import { CLUSTER_STORAGE_KEY as STORAGE_KEY } from './early-query';

/**
 * The logical cluster the dashboard shows: `default`, or a sandbox cluster chosen in the switcher (kept in
 * the browser, so every tab of this browser shows the same one). Every GraphQL operation goes to that
 * cluster's endpoint (`/clusters/<name>/graphql`, forwarded by the dashboard server as the signed-in user).
 */
export function currentCluster(): string {
  if (typeof window === 'undefined') return 'default';
  return window.localStorage.getItem(STORAGE_KEY) || 'default';
}

/** Where GraphQL is served for the current cluster, on the dashboard's own origin. */
export function graphqlPath(): string {
  const cluster = currentCluster();
  return cluster === 'default' ? '/graphql' : `/clusters/${encodeURIComponent(cluster)}/graphql`;
}

/** Shows another cluster: the page loads again from the overview, so nothing of the previous cluster stays on screen. */
export function switchCluster(name: string): void {
  if (name === 'default') window.localStorage.removeItem(STORAGE_KEY);
  else window.localStorage.setItem(STORAGE_KEY, name);
  window.location.assign('/');
}
