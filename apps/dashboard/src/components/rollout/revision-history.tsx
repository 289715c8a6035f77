'use client';
import { createTwoFilesPatch } from 'diff';
import { Fragment, useEffect, useRef, useState } from 'react';
import { Age } from '@/components/ui/age';
import { DiffView } from '@/components/ui/diff-view';
import { EmptyState, ErrorState, Loading } from '@/components/ui/states';
import { useMutation, useQuery } from '@/lib/graphql';
import type { RolloutHistoryQuery, RolloutHistoryQueryVariables, RolloutUndoMutation, RolloutUndoMutationVariables } from '@/lib/graphql-types.generated';
import { buttonClass, MutationError } from './rollout-actions';

export type Revision = RolloutHistoryQuery['rolloutHistory'][number];

const HISTORY = /* GraphQL */ `query RolloutHistory($namespace: String!, $name: String!) {
  rolloutHistory(namespace: $namespace, name: $name) { revision replicaSet createdAt changeCause images current templateYaml diff }
}`;
const UNDO = /* GraphQL */ `mutation RolloutUndo($namespace: String!, $name: String!, $toRevision: Int) { rolloutUndo(namespace: $namespace, name: $name, toRevision: $toRevision) { name revision } }`;

/** What a rollback to `target` changes in the pod template: the current revision's against the target's. */
function rollbackDiff(current: Revision | undefined, target: Revision): string {
  if (!current) return '';
  const patch = createTwoFilesPatch(`revision ${current.revision} (current)`, `revision ${target.revision}`, current.templateYaml, target.templateYaml, '', '', { context: 3 });
  return patch.includes('\n@@') ? patch : '';
}

/** A Deployment's revisions (newest first), each with its diff to the one before, and rollback to any of them. */
export function RevisionHistory({ namespace, name, version, onRolledBack }: { namespace: string; name: string; version: number; onRolledBack: () => void }) {
  const { data, error, loading, refetch } = useQuery<RolloutHistoryQuery, RolloutHistoryQueryVariables>(HISTORY, { namespace, name });
  // A new revision appears when the Deployment's template changes: reload then (version is the caller's signal).
  const seenVersion = useRef(version);
  useEffect(() => {
    if (seenVersion.current === version) return;
    seenVersion.current = version;
    void refetch();
  }, [version, refetch]);
  const [expanded, setExpanded] = useState<number>();
  const [confirming, setConfirming] = useState<number>();
  const undo = useMutation<RolloutUndoMutation, RolloutUndoMutationVariables>(UNDO);
  if (loading && !data) return <Loading label="Loading revisions…" />;
  if (error && !data) return <ErrorState error={error} title="Could not load the rollout history" />;
  const revisions = [...(data?.rolloutHistory ?? [])].reverse();
  if (!revisions.length) return <EmptyState title="No revisions yet">A revision is recorded each time the pod template changes.</EmptyState>;
  const shown = expanded ?? revisions.find((r) => r.current)?.revision;

  async function rollBack(revision: number) {
    if ((await undo.run({ namespace, name, toRevision: revision })) !== undefined) {
      setConfirming(undefined);
      await refetch();
      onRolledBack();
    }
  }

  return (
    <div className="space-y-2">
      <MutationError error={undo.error} />
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <table className="w-full text-left text-sm" data-testid="revision-history">
          <thead className="border-b border-slate-200 text-xs text-slate-500 uppercase dark:border-slate-800">
            <tr>
              <th className="px-3 py-2 font-medium">Revision</th>
              <th className="px-3 py-2 font-medium">Images</th>
              <th className="px-3 py-2 font-medium">Change cause</th>
              <th className="px-3 py-2 font-medium">Created</th>
              <th className="px-3 py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {revisions.map((r) => (
              <Fragment key={r.revision}>
                <tr data-testid="revision" data-revision={r.revision} data-current={r.current} className={r.current ? 'bg-sky-50/70 dark:bg-sky-950/30' : ''}>
                  <td className="px-3 py-2 font-medium whitespace-nowrap tabular-nums">
                    {r.revision}
                    {r.current && <span className="ml-2 rounded-full bg-sky-600 px-2 py-0.5 text-xs text-white">current</span>}
                    <div className="text-xs font-normal text-slate-500">{r.replicaSet}</div>
                  </td>
                  <td className="px-3 py-2 font-mono text-xs">{r.images.join(', ')}</td>
                  <td className="px-3 py-2 text-slate-600 dark:text-slate-400">{r.changeCause ?? <span className="text-slate-400">—</span>}</td>
                  <td className="px-3 py-2 text-slate-500">
                    <Age timestamp={r.createdAt} /> ago
                  </td>
                  <td className="px-3 py-2 text-right whitespace-nowrap">
                    <button type="button" className="mr-2 text-sm text-sky-700 hover:underline dark:text-sky-300" aria-expanded={shown === r.revision} onClick={() => setExpanded(shown === r.revision ? -1 : r.revision)}>
                      {shown === r.revision ? 'Hide diff' : 'Diff'}
                    </button>
                    {!r.current && (
                      <button type="button" className={buttonClass} onClick={() => { setConfirming(r.revision); setExpanded(-1); }} disabled={undo.pending}>
                        Roll back to revision {r.revision}
                      </button>
                    )}
                  </td>
                </tr>
                {confirming === r.revision && (
                  <tr>
                    <td colSpan={5} className="bg-amber-50 px-3 py-2 dark:bg-amber-950/40">
                      <div role="alertdialog" aria-label={`Confirm rollback to revision ${r.revision}`} className="space-y-2 text-sm">
                        <p>
                          Roll <strong>{name}</strong> back to revision {r.revision} ({r.images.join(', ')})? This starts a rolling update to that template; it becomes a new revision. What changes in the pod template:
                        </p>
                        <DiffView diff={rollbackDiff(revisions.find((c) => c.current), r)} empty="The same pod template as the current revision." />
                        <div className="flex gap-2">
                          <button type="button" data-testid="confirm-rollback" className="rounded-md bg-amber-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-amber-700 disabled:opacity-50" disabled={undo.pending} onClick={() => void rollBack(r.revision)}>
                            {undo.pending ? 'Rolling back…' : `Roll back to ${r.revision}`}
                          </button>
                          <button type="button" className={buttonClass} onClick={() => setConfirming(undefined)}>
                            Cancel
                          </button>
                        </div>
                      </div>
                    </td>
                  </tr>
                )}
                {shown === r.revision && (
                  <tr>
                    <td colSpan={5} className="px-3 py-2">
                      <p className="mb-1 text-xs text-slate-500">Pod template of revision {r.revision} against the revision before it:</p>
                      <DiffView diff={r.diff} empty={r.revision === revisions[revisions.length - 1].revision ? 'The first revision: nothing to compare with.' : 'Same template as the revision before.'} />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
