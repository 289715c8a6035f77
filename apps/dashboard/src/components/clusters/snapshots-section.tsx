'use client';
import { useState } from 'react';
import { buttonClass, inputClass, MutationError, primaryButtonClass } from '@/components/rollout/rollout-actions';
import { GraphQLRequestError, useMutation } from '@/lib/graphql';
import type {
  ApplyClusterObjectMutation,
  ApplyClusterObjectMutationVariables,
  ClustersQuery,
  DeleteClusterSnapshotMutation,
  DeleteClusterSnapshotMutationVariables,
  RestoreClusterMutation,
  RestoreClusterMutationVariables,
} from '@/lib/graphql-types.generated';
import { APPLY, applyError, cellsByColumn, clusterManifest, DELETE_SNAPSHOT, RESTORE } from './cluster-operations';

/** The ClusterSnapshots: restore one into its cluster, clone it into a new cluster (a teammate's copy), delete it. */
export function SnapshotsSection({ table, onDone }: { table: ClustersQuery['snapshots']; onDone: () => Promise<void> }) {
  return (
    <section aria-label="Snapshots" className="space-y-2">
      <h2 className="text-lg font-semibold">Snapshots</h2>
      <ul data-testid="snapshot-list" className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
        {table.rows.length === 0 && <li className="p-3 text-sm text-slate-500">No snapshots yet: Snapshot on a cluster copies every object of it at one revision.</li>}
        {table.rows.map((row) => (
          <SnapshotRow key={row.name} name={row.name} cells={cellsByColumn(table, row.cells)} onDone={onDone} />
        ))}
      </ul>
    </section>
  );
}

function SnapshotRow({ name, cells, onDone }: { name: string; cells: Record<string, string>; onDone: () => Promise<void> }) {
  const restore = useMutation<RestoreClusterMutation, RestoreClusterMutationVariables>(RESTORE);
  const clone = useMutation<ApplyClusterObjectMutation, ApplyClusterObjectMutationVariables>(APPLY);
  const remove = useMutation<DeleteClusterSnapshotMutation, DeleteClusterSnapshotMutationVariables>(DELETE_SNAPSHOT);
  const [cloneName, setCloneName] = useState('');
  const [owner, setOwner] = useState('');
  const [refused, setRefused] = useState<GraphQLRequestError>();
  const [restored, setRestored] = useState(false);
  const ready = cells.ReadyToUse === 'True';
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 p-3 text-sm" data-testid={`snapshot-${name}`}>
      <div className="min-w-0">
        <p className="font-medium">{name}</p>
        <p className="text-xs text-slate-500">
          of {cells.Cluster} · {ready ? `${cells.Objects} objects at revision ${cells.Revision}` : 'being taken'} · {cells.Age} old
          {restored && <span className="ml-2 text-emerald-600">restored</span>}
        </p>
        <MutationError error={restore.error ?? clone.error ?? refused ?? remove.error} />
      </div>
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          className={buttonClass}
          disabled={!ready || restore.pending}
          onClick={async () => {
            setRestored(false);
            if (await restore.run({ name: cells.Cluster, snapshot: name })) setRestored(true);
            await onDone();
          }}
        >
          {restore.pending ? 'Restoring…' : `Restore ${cells.Cluster}`}
        </button>
        <form
          aria-label={`Clone ${name}`}
          className="flex gap-1"
          onSubmit={async (e) => {
            e.preventDefault();
            const result = await clone.run({ yaml: clusterManifest(cloneName.trim(), { user: owner.trim() }, 3, name) });
            setRefused(applyError(result));
            if (result && !applyError(result)) {
              setCloneName('');
              await onDone();
            }
          }}
        >
          <input aria-label="Clone name" placeholder="new cluster" value={cloneName} onChange={(e) => setCloneName(e.target.value)} className={`${inputClass} w-28`} />
          <input aria-label="Clone owner" placeholder="owner (user)" value={owner} onChange={(e) => setOwner(e.target.value)} className={`${inputClass} w-28`} />
          <button type="submit" className={primaryButtonClass} disabled={!ready || !cloneName.trim() || !owner.trim() || clone.pending}>
            Clone
          </button>
        </form>
        <button type="button" className={buttonClass} disabled={remove.pending} onClick={async () => (await remove.run({ name })) && (await onDone())}>
          Delete
        </button>
      </div>
    </li>
  );
}
