'use client';
import { NodesTable } from '@/components/nodes/nodes-table';
import { useClusterLive } from '@/components/overview/use-cluster-live';
import { ErrorState, Loading } from '@/components/ui/states';

/** Every node with its status and allocation, live from the same store as the Overview's grid. */
export default function NodesPage() {
  const live = useClusterLive();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">
        Nodes {live.loaded && <span className="text-base font-normal text-slate-500">· {live.store.nodeCount.toLocaleString()}</span>}
      </h1>
      {live.error && !live.loaded ? (
        <ErrorState error={live.error} title="The nodes could not be read" />
      ) : !live.loaded ? (
        <Loading label="Loading nodes…" />
      ) : (
        <NodesTable store={live.store} generation={live.generation} />
      )}
    </div>
  );
}
