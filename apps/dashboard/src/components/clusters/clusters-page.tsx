'use client';
import { useEffect, useState } from 'react';
import { buttonClass, inputClass, MutationError, primaryButtonClass } from '@/components/rollout/rollout-actions';
import { ErrorState, Loading } from '@/components/ui/states';
import { currentCluster, switchCluster } from '@/lib/cluster';
import { GraphQLRequestError, useMutation, useQuery } from '@/lib/graphql';
import type {
  ApplyClusterObjectMutation,
  ApplyClusterObjectMutationVariables,
  ClustersQuery,
  DeleteClusterMutation,
  DeleteClusterMutationVariables,
  ResetClusterMutation,
  ResetClusterMutationVariables,
} from '@/lib/graphql-types.generated';
import { APPLY, applyError, cellsByColumn, CLUSTERS, clusterManifest, DELETE_CLUSTER, RESET, snapshotManifest } from './cluster-operations';
import { SnapshotsSection } from './snapshots-section';

/** `/clusters`: the sandbox clusters (create, open, snapshot, reset, delete) and their snapshots (restore, clone, delete). */
export function ClustersPage() {
  const clusters = useQuery<ClustersQuery>(CLUSTERS);
  const { refetch } = clusters;
  // Phases, node counts and snapshots' readiness change on the server: read them again every 2 s.
  useEffect(() => {
    const timer = setInterval(() => void refetch(), 2000);
    return () => clearInterval(timer);
  }, [refetch]);
  if (clusters.error) return <ErrorState error={clusters.error} />;
  if (!clusters.data) return <Loading />;
  return (
    <div className="space-y-6">
      <CreateCluster onDone={clusters.refetch} />
      <section aria-label="Clusters" className="space-y-2">
        <h2 className="text-lg font-semibold">Clusters</h2>
        <ul data-testid="cluster-list" className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
          <li className="flex items-center justify-between p-3 text-sm">
            <span className="font-medium">default</span>
            <OpenButton name="default" />
          </li>
          {clusters.data.clusters.rows.map((row) => (
            <ClusterRow key={row.name} name={row.name} cells={cellsByColumn(clusters.data!.clusters, row.cells)} onDone={clusters.refetch} />
          ))}
        </ul>
      </section>
      <SnapshotsSection table={clusters.data.snapshots} onDone={clusters.refetch} />
    </div>
  );
}

function OpenButton({ name }: { name: string }) {
  const current = currentCluster() === name;
  return (
    <button type="button" className={buttonClass} disabled={current} onClick={() => switchCluster(name)}>
      {current ? 'Shown' : 'Open'}
    </button>
  );
}

function CreateCluster({ onDone }: { onDone: () => Promise<void> }) {
  const [name, setName] = useState('');
  const [ownerKind, setOwnerKind] = useState<'team' | 'user'>('team');
  const [owner, setOwner] = useState('');
  const [nodes, setNodes] = useState(3);
  const apply = useMutation<ApplyClusterObjectMutation, ApplyClusterObjectMutationVariables>(APPLY);
  const [refused, setRefused] = useState<GraphQLRequestError>();
  return (
    <form
      aria-label="Create a cluster"
      className="flex flex-wrap items-center gap-2"
      onSubmit={async (e) => {
        e.preventDefault();
        const result = await apply.run({ yaml: clusterManifest(name.trim(), { [ownerKind]: owner.trim() }, nodes) });
        setRefused(applyError(result));
        if (!result || applyError(result)) return;
        setName('');
        await onDone();
      }}
    >
      <input aria-label="Cluster name" placeholder="name (lab)" value={name} onChange={(e) => setName(e.target.value)} className={`${inputClass} w-36`} />
      <select aria-label="Owner kind" value={ownerKind} onChange={(e) => setOwnerKind(e.target.value as 'team' | 'user')} className={inputClass}>
        <option value="team">team</option>
        <option value="user">user</option>
      </select>
      <input aria-label="Owner" placeholder="owner (blue)" value={owner} onChange={(e) => setOwner(e.target.value)} className={`${inputClass} w-32`} />
      <input aria-label="Nodes" type="number" min={0} max={100} value={nodes} onChange={(e) => setNodes(Number(e.target.value))} className={`${inputClass} w-20`} />
      <button type="submit" className={primaryButtonClass} disabled={!name.trim() || !owner.trim() || apply.pending}>
        {apply.pending ? 'Creating…' : 'Create cluster'}
      </button>
      <MutationError error={apply.error ?? refused} />
    </form>
  );
}

function ClusterRow({ name, cells, onDone }: { name: string; cells: Record<string, string>; onDone: () => Promise<void> }) {
  const reset = useMutation<ResetClusterMutation, ResetClusterMutationVariables>(RESET);
  const snapshot = useMutation<ApplyClusterObjectMutation, ApplyClusterObjectMutationVariables>(APPLY);
  const remove = useMutation<DeleteClusterMutation, DeleteClusterMutationVariables>(DELETE_CLUSTER);
  const [confirming, setConfirming] = useState<'reset' | 'delete'>();
  const act = async (action: () => Promise<unknown>) => {
    setConfirming(undefined);
    if (await action()) await onDone();
  };
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 p-3 text-sm" data-testid={`cluster-${name}`}>
      <div className="min-w-0">
        <p className="font-medium">
          {name} <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs dark:bg-slate-800">{cells.Phase}</span>
        </p>
        <p className="text-xs text-slate-500">
          {cells.Owner} · nodes {cells.Nodes} · pods {cells.Pods} · {cells.Age} old
        </p>
        <MutationError error={reset.error ?? snapshot.error ?? remove.error} />
      </div>
      <div className="flex gap-2">
        <OpenButton name={name} />
        <button type="button" className={buttonClass} disabled={snapshot.pending} onClick={() => act(() => snapshot.run({ yaml: snapshotManifest(`${name}-${Date.now().toString(36)}`, name) }))}>
          Snapshot
        </button>
        {confirming ? (
          <button type="button" className={primaryButtonClass} onClick={() => act(() => (confirming === 'reset' ? reset.run({ name }) : remove.run({ name })))}>
            {confirming === 'reset' ? `Reset ${name}: every object goes` : `Delete ${name}`}
          </button>
        ) : (
          <>
            <button type="button" className={buttonClass} disabled={reset.pending} onClick={() => setConfirming('reset')}>
              {reset.pending ? 'Resetting…' : 'Reset'}
            </button>
            <button type="button" className={buttonClass} disabled={remove.pending} onClick={() => setConfirming('delete')}>
              Delete
            </button>
          </>
        )}
      </div>
    </li>
  );
}
