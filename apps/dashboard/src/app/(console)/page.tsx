'use client';
import { useMemo } from 'react';
import { useQuery } from '@/lib/graphql';
import { ErrorState, Loading } from '@/components/ui/states';
import { CLUSTER_SUMMARY_QUERY, type ClusterSummary } from '@/components/overview/cluster-summary';
import { ClusterStats } from '@/components/overview/cluster-stats';
import { NodeGrid } from '@/components/overview/node-grid';
import { ProblemsPanel } from '@/components/overview/problems-panel';
import { useClusterLive, useThrottledRefetch } from '@/components/overview/use-cluster-live';

/**
 * The Overview: what is wrong first, then the counts, then every node with its pods, live. The grid
 * follows `objectChanges` batches; the summary is refetched at most every 5 s while changes arrive.
 */
export default function OverviewPage() {
  const summary = useQuery<{ clusterSummary: ClusterSummary }>(CLUSTER_SUMMARY_QUERY);
  const namespaces = useQuery<{ namespaces: { name: string }[] }>('query OverviewNamespaces { namespaces { name } }');
  const refreshSummary = useThrottledRefetch(summary.refetch);
  const live = useClusterLive(refreshSummary);
  const namespaceNames = useMemo(() => (namespaces.data?.namespaces ?? []).map((ns) => ns.name).sort(), [namespaces.data]);

  const error = summary.error ?? live.error;
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
      {summary.data ? (
        <>
          <ProblemsPanel problems={summary.data.clusterSummary.problems} nodeCount={summary.data.clusterSummary.nodes.total} />
          <ClusterStats summary={summary.data.clusterSummary} />
        </>
      ) : (
        <Loading label="Reading the cluster summary…" />
      )}
      {live.loaded ? <NodeGrid store={live.store} generation={live.generation} namespaces={namespaceNames} /> : <Loading label="Loading nodes and pods…" />}
    </div>
  );
}
