/** The `clusterSummary` query: counts, allocation and problems (most severe first). */
export interface Problem {
  severity: 'critical' | 'error' | 'warning' | string;
  kind: string;
  namespace?: string | null;
  name: string;
  reason: string;
  message: string;
  since?: string | null;
  /** Set by the dashboard: the node or pod no longer exists (its warning events outlive it). */
  gone?: boolean;
}

export interface Allocation {
  requested: number;
  limits: number;
  allocatable: number;
  capacity: number;
}

export interface ClusterSummary {
  problems: Problem[];
  nodes: { total: number; ready: number; notReady: number; unschedulable: number };
  pods: { total: number; pending: number; running: number; succeeded: number; failed: number; unknown: number; failing: number };
  cpu: Allocation;
  memory: Allocation;
  namespaces: number;
  warningEvents: number;
}

const ALLOCATION = 'requested limits allocatable capacity';
export const CLUSTER_SUMMARY_QUERY = `query ClusterSummary { clusterSummary {
  problems { severity kind namespace name reason message since }
  nodes { total ready notReady unschedulable }
  pods { total pending running succeeded failed unknown failing }
  cpu { ${ALLOCATION} } memory { ${ALLOCATION} } namespaces warningEvents } }`;

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
