/** The `clusterSummary` query: counts, allocation and problems (most severe first). */
import type { ClusterSummaryQuery } from '../../lib/graphql-types.generated'; // relative: bench/ imports this file without the @/ alias

export type ClusterSummary = ClusterSummaryQuery['clusterSummary'];
export type Problem = ClusterSummary['problems'][number] & {
  /** Set by the dashboard: the node or pod no longer exists (its warning events outlive it). */
  gone?: boolean;
};
export type Allocation = ClusterSummary['cpu'];

const ALLOCATION = /* GraphQL */ `fragment AllocationFields on Allocation { requested limits allocatable capacity }`;
export const CLUSTER_SUMMARY_QUERY = /* GraphQL */ `query ClusterSummary { clusterSummary {
  problems { severity kind namespace name reason message since }
  nodes { total ready notReady unschedulable }
  pods { total pending running succeeded failed unknown failing }
  cpu { ...AllocationFields } memory { ...AllocationFields } namespaces warningEvents forbidden } }
${ALLOCATION}`;

const WORKLOAD_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']);

/** Where a problem's object lives in the dashboard. */
export function problemHref(problem: Pick<Problem, 'kind' | 'namespace' | 'name'>): string {
  const ns = encodeURIComponent(problem.namespace ?? '');
  const name = encodeURIComponent(problem.name);
  if (problem.kind === 'Node') return `/nodes/${name}`;
  if (problem.kind === 'Pod') return `/pods/${ns}/${name}`;
  if (WORKLOAD_KINDS.has(problem.kind)) return `/workloads/${problem.kind}/${ns}/${name}`;
  const query = new URLSearchParams({ kind: problem.kind, name: problem.name });
  if (problem.namespace) query.set('namespace', problem.namespace);
  return `/events?${query}`;
}
