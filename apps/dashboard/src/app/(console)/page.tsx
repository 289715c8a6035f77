'use client';
import { useMemo, useRef } from 'react';
import { useQuery } from '@/lib/graphql';
import type { ClusterSummaryQuery, OverviewNamespacesQuery } from '@/lib/graphql-types.generated';
import { ErrorState, isForbidden, Loading, NoPermission } from '@/components/ui/states';
import { CLUSTER_SUMMARY_QUERY } from '@/components/overview/cluster-summary';
import { ClusterStats } from '@/components/overview/cluster-stats';
import { NodeGrid } from '@/components/overview/node-grid';
import { liveSummary, mergeProblems } from '@/components/overview/live-summary';
import { ProblemsPanel } from '@/components/overview/problems-panel';
import { useClusterLive, useThrottledRefetch } from '@/components/overview/use-cluster-live';

/**
 * The Overview: what is wrong first, then the counts, then every node with its pods, live. The grid,
 * the counts and the node/pod problems follow `objectChanges` batches; `clusterSummary` adds the
 * warning events and limits, refetched at most every 5 s while changes arrive.
 */
export default function OverviewPage() {
  const refreshSummary = useRef<() => void>(() => undefined);
  const live = useClusterLive(() => refreshSummary.current());
  // The summary reads every pod and event: it waits for the grid's load so the two do not compete on a big cluster.
  const summary = useQuery<ClusterSummaryQuery>(CLUSTER_SUMMARY_QUERY, undefined, { skip: !live.loaded && !live.error });
  refreshSummary.current = useThrottledRefetch(summary.refetch);
  const namespaces = useQuery<OverviewNamespacesQuery>(/* GraphQL */ `query OverviewNamespaces { namespaces { name } }`);
  const namespaceNames = useMemo(() => (namespaces.data?.namespaces ?? []).map((ns) => ns.name).sort(), [namespaces.data]);
  const server = summary.data?.clusterSummary;
  // Recomputed once per applied batch (`generation`), from the store.
  const local = useMemo(() => (live.loaded ? liveSummary(live.store) : undefined), [live.store, live.loaded, live.generation]);
  const problems = useMemo(() => (local ? mergeProblems(local.problems, server?.problems, live.store) : server?.problems), [local, server]);
  const stats = local
    ? { ...local, cpu: { ...local.cpu, limits: server?.cpu.limits ?? NaN }, memory: { ...local.memory, limits: server?.memory.limits ?? NaN }, namespaces: server?.namespaces, warningEvents: server?.warningEvents }
    : server;

  // A user who may not list nodes (a team member) gets the summary of what they can see and one note where the grid would be.
  const gridForbidden = isForbidden(live.error);
  const error = summary.error ?? (gridForbidden ? undefined : live.error);
  if (error && !summary.data && !live.loaded) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold">Overview</h1>
        <ErrorState error={error} title="The cluster could not be read" />
        <button
          type="button"
          onClick={() => void Promise.all([summary.refetch(), live.refetch(), namespaces.refetch()])}
          className="rounded-md bg-sky-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-700"
        >
          Try again
        </button>
      </div>
    );
  }

  return (
    <div className="space-y-4">
      <div className="flex items-baseline justify-between gap-4">
        <h1 className="text-2xl font-semibold">Overview</h1>
        {error && <span className="text-xs text-red-700 dark:text-red-400">Last refresh failed: {error.message}</span>}
      </div>
      {server && server.forbidden.length > 0 && (
        <p role="note" data-testid="summary-forbidden" className="text-xs text-amber-800 dark:text-amber-300">
          These counts leave out what your roles do not let you list: {server.forbidden.join(', ')}.
        </p>
      )}
      {problems && stats ? (
        <>
          <ProblemsPanel problems={problems} nodeCount={stats.nodes.total} eventsPending={!server} />
          <ClusterStats summary={stats} />
        </>
      ) : (
        <Loading label="Reading the cluster summary…" />
      )}
      {live.loaded ? (
        <NodeGrid store={live.store} generation={live.generation} namespaces={namespaceNames} />
      ) : gridForbidden && live.error ? (
        <NoPermission message={`The node grid needs nodes and pods: ${live.error.message}. Your namespaces' pods and workloads are on the Pods and Workloads pages.`} />
      ) : (
        <Loading label="Loading nodes and pods…" />
      )}
    </div>
  );
}
