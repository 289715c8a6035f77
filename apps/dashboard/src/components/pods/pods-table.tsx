'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback } from 'react';
import { Age, useNow } from '@/components/ui/age';
import { useListKeyboard } from '@/components/ui/list-keyboard';
import { StatusBadge } from '@/components/ui/status-badge';
import { podHref, podKey, type PodRow } from './pod-types';

const th = 'px-3 py-2 font-medium';

/** A table of pods with keyboard navigation (j/k, Enter); used by the pods list and workload pages. */
export function PodsTable({ pods, showNamespace = true, keyboard = true }: { pods: PodRow[]; showNamespace?: boolean; keyboard?: boolean }) {
  const router = useRouter();
  const now = useNow();
  const open = useCallback((index: number) => router.push(podHref(pods[index].namespace, pods[index].name)), [router, pods]);
  const [selected, setSelected] = useListKeyboard(keyboard ? pods.length : 0, open);
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-xs text-slate-500 uppercase dark:border-slate-800">
          <tr>
            <th className={th}>Name</th>
            {showNamespace && <th className={th}>Namespace</th>}
            <th className={th}>Status</th>
            <th className={`${th} text-right`}>Ready</th>
            <th className={`${th} text-right`}>Restarts</th>
            <th className={th}>Node</th>
            <th className={`${th} text-right`}>Age</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {pods.map((pod, index) => (
            <tr
              key={podKey(pod)}
              data-testid="row"
              data-row-index={index}
              data-pod={podKey(pod)}
              data-status={pod.status}
              aria-selected={index === selected}
              onMouseEnter={() => keyboard && setSelected(index)}
              className="hover:bg-slate-50 aria-selected:bg-sky-50 dark:hover:bg-slate-800/60 dark:aria-selected:bg-sky-950/60"
            >
              <td className="px-3 py-1.5 font-medium">
                <Link href={podHref(pod.namespace, pod.name)} className="text-sky-700 hover:underline dark:text-sky-300">
                  {pod.name}
                </Link>
              </td>
              {showNamespace && <td className="px-3 py-1.5 text-slate-600 dark:text-slate-400">{pod.namespace}</td>}
              <td className="px-3 py-1.5">
                <StatusBadge status={pod.status} />
              </td>
              <td className="px-3 py-1.5 text-right tabular-nums">{pod.ready}</td>
              <td className={`px-3 py-1.5 text-right tabular-nums ${pod.restarts > 0 ? 'font-medium text-amber-700 dark:text-amber-400' : ''}`}>{pod.restarts}</td>
              <td className="px-3 py-1.5">
                {pod.nodeName ? (
                  <Link href={`/nodes/${encodeURIComponent(pod.nodeName)}`} className="hover:underline">
                    {pod.nodeName}
                  </Link>
                ) : (
                  <span className="text-slate-400">—</span>
                )}
              </td>
              <td className="px-3 py-1.5 text-right text-slate-500">
                <Age timestamp={pod.createdAt} now={now} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
