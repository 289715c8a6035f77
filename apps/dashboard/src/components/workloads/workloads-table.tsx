'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback } from 'react';
import { Age, useNow } from '@/components/ui/age';
import { useListKeyboard } from '@/components/ui/list-keyboard';
import { StatusBadge } from '@/components/ui/status-badge';
import { workloadHref, type WorkloadRow } from './workload-types';

const th = 'px-3 py-2 font-medium';

function readyText(w: WorkloadRow): string {
  if (w.kind === 'Job') return `${w.available}/${w.desired}`;
  if (w.kind === 'CronJob') return `${w.current} active`;
  return `${w.ready}/${w.desired}`;
}

function readyTone(w: WorkloadRow): string {
  if (w.kind === 'CronJob' || w.kind === 'Job') return '';
  if (w.ready >= w.desired) return 'text-emerald-700 dark:text-emerald-400';
  return w.ready === 0 && w.desired > 0 ? 'text-red-700 dark:text-red-400' : 'text-amber-700 dark:text-amber-400';
}

/** Workloads of one kind, with keyboard navigation (j/k, Enter). Also used for a Deployment's ReplicaSets. */
export function WorkloadsTable({ workloads, showNamespace = true, keyboard = true }: { workloads: WorkloadRow[]; showNamespace?: boolean; keyboard?: boolean }) {
  const router = useRouter();
  const now = useNow();
  const open = useCallback((i: number) => router.push(workloadHref(workloads[i].kind, workloads[i].namespace, workloads[i].name)), [router, workloads]);
  const [selected, setSelected] = useListKeyboard(keyboard ? workloads.length : 0, open);
  const kind = workloads[0]?.kind;
  const showRevision = kind === 'ReplicaSet';
  const showUpdated = kind === 'Deployment' || kind === 'StatefulSet' || kind === 'DaemonSet';
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-xs text-slate-500 uppercase dark:border-slate-800">
          <tr>
            <th className={th}>Name</th>
            {showNamespace && <th className={th}>Namespace</th>}
            <th className={th}>Status</th>
            <th className={`${th} text-right`}>{kind === 'Job' ? 'Completions' : kind === 'CronJob' ? 'Jobs' : 'Ready'}</th>
            {showUpdated && <th className={`${th} text-right`}>Up-to-date</th>}
            {showRevision && <th className={`${th} text-right`}>Revision</th>}
            <th className={th}>Images</th>
            <th className={`${th} text-right`}>Age</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {workloads.map((w, index) => (
            <tr
              key={w.uid || `${w.namespace}/${w.name}`}
              data-testid="row"
              data-row-index={index}
              data-workload={`${w.namespace}/${w.name}`}
              data-status={w.status}
              aria-selected={index === selected}
              onMouseEnter={() => keyboard && setSelected(index)}
              className="hover:bg-slate-50 aria-selected:bg-sky-50 dark:hover:bg-slate-800/60 dark:aria-selected:bg-sky-950/60"
            >
              <td className="px-3 py-1.5 font-medium">
                <Link href={workloadHref(w.kind, w.namespace, w.name)} className="text-sky-700 hover:underline dark:text-sky-300">
                  {w.name}
                </Link>
              </td>
              {showNamespace && <td className="px-3 py-1.5 text-slate-600 dark:text-slate-400">{w.namespace}</td>}
              <td className="px-3 py-1.5">
                <StatusBadge status={w.status} />
                {w.kind === 'Deployment' && w.status === 'Progressing' && w.desired > 0 && (
                  <span className="mt-1 block h-1 w-20 overflow-hidden rounded bg-slate-200 dark:bg-slate-700" title={`${w.updated} of ${w.desired} updated, ${w.available} available`} data-testid="rollout-progress">
                    <span className="block h-full bg-sky-500 transition-all duration-300" style={{ width: `${Math.min(100, (w.updated / w.desired) * 100)}%` }} />
                  </span>
                )}
              </td>
              <td className={`px-3 py-1.5 text-right font-medium tabular-nums ${readyTone(w)}`}>{readyText(w)}</td>
              {showUpdated && <td className="px-3 py-1.5 text-right tabular-nums">{w.updated}</td>}
              {showRevision && <td className="px-3 py-1.5 text-right tabular-nums">{w.revision ?? '—'}</td>}
              <td className="max-w-xs px-3 py-1.5">
                <span className="block truncate font-mono text-xs text-slate-600 dark:text-slate-400" title={w.images.join('\n')}>
                  {w.images.join(', ') || '—'}
                </span>
              </td>
              <td className="px-3 py-1.5 text-right text-slate-500">
                <Age timestamp={w.createdAt} now={now} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
