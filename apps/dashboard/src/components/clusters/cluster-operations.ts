import { GraphQLRequestError } from '@/lib/graphql';
import type { ApplyClusterObjectMutation, ClustersQuery } from '@/lib/graphql-types.generated';

/** The GraphQL operations of the Clusters page and the cluster switcher (Drydock's own group lives in the default cluster). */
export const CLUSTERS = /* GraphQL */ `query Clusters { clusters: kindTable(group: "drydock.dev", version: "v1", resource: "clusters") { columns { name } rows { name cells } } snapshots: kindTable(group: "drydock.dev", version: "v1", resource: "clustersnapshots") { columns { name } rows { name cells } } }`;
export const CLUSTER_NAMES = /* GraphQL */ `query ClusterNames { kindTable(group: "drydock.dev", version: "v1", resource: "clusters") { rows { name } } }`;
export const APPLY = /* GraphQL */ `mutation ApplyClusterObject($yaml: String!) { applyManifests(yaml: $yaml) { ok results { name action error } } }`;
export const DELETE_CLUSTER = /* GraphQL */ `mutation DeleteCluster($name: String!) { deleteObject(apiVersion: "drydock.dev/v1", kind: "Cluster", name: $name) { status } }`;
export const DELETE_SNAPSHOT = /* GraphQL */ `mutation DeleteClusterSnapshot($name: String!) { deleteObject(apiVersion: "drydock.dev/v1", kind: "ClusterSnapshot", name: $name) { status } }`;
export const RESET = /* GraphQL */ `mutation ResetCluster($name: String!) { resetCluster(name: $name) }`;
export const RESTORE = /* GraphQL */ `mutation RestoreCluster($name: String!, $snapshot: String!) { restoreCluster(name: $name, snapshot: $snapshot) }`;

/** A Cluster as YAML for applyManifests (JSON is YAML). */
export function clusterManifest(name: string, owner: { team?: string; user?: string }, nodes: number, snapshot?: string): string {
  return JSON.stringify({ apiVersion: 'drydock.dev/v1', kind: 'Cluster', metadata: { name }, spec: { owner, nodes, ...(snapshot ? { source: { snapshot } } : {}) } });
}

export function snapshotManifest(name: string, cluster: string): string {
  return JSON.stringify({ apiVersion: 'drydock.dev/v1', kind: 'ClusterSnapshot', metadata: { name }, spec: { cluster } });
}

type Table = ClustersQuery['clusters'];

/** A row's cells by column name (the printer columns of `kubectl get clusters`). */
export function cellsByColumn(table: Table, cells: unknown[]): Record<string, string> {
  return Object.fromEntries(table.columns.map((column, index) => [column.name, String(cells[index] ?? '')]));
}

/** An applyManifests answer that refused its document, as an error for MutationError. */
export function applyError(result?: ApplyClusterObjectMutation): GraphQLRequestError | undefined {
  const failed = result?.applyManifests.results.find((r) => r.error);
  return failed ? new GraphQLRequestError(failed.error ?? 'refused') : undefined;
}

