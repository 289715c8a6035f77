'use client';
import Link from 'next/link';
import { useState } from 'react';
import { formatAge } from '@/components/ui/format-quantity';
import { problemHref, type Problem } from './cluster-summary';

const SEVERITY: Record<string, { label: string; row: string; badge: string }> = {
  critical: {
    label: 'Critical',
    row: 'border-l-red-600',
    badge: 'bg-red-600 text-white dark:bg-red-500',
  },
  error: {
    label: 'Error',
    row: 'border-l-red-400',
    badge: 'bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300',
  },
  warning: {
    label: 'Warning',
    row: 'border-l-amber-400',
    badge: 'bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300',
  },
};

const FIRST = 5;
const MOST = 200;

/** "Is anything wrong": the summary's problems, most severe first, each linking to its object. */
export function ProblemsPanel({ problems: all, nodeCount, eventsPending = false }: { problems: Problem[]; nodeCount: number; eventsPending?: boolean }) {
  const pendingNote = eventsPending ? <span className="text-xs font-normal text-slate-500 dark:text-slate-400">(warning events still loading…)</span> : null;
  // Warnings about deleted nodes and pods outlive them by an hour: not a problem any more, only a pointer to the events.
  const problems = all.filter((p) => !p.gone);
  const goneCount = all.length - problems.length;
  const goneNote = goneCount ? (
    <Link href="/events?type=Warning" prefetch={false} className="text-xs font-normal text-slate-600 underline dark:text-slate-400">
      {goneCount} recent warning{goneCount === 1 ? '' : 's'} about deleted objects
    </Link>
  ) : null;
  const [expanded, setExpanded] = useState(false);
  if (problems.length === 0) {
    return (
      <section aria-labelledby="problems-heading" data-testid="problems" className="flex items-center gap-3 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950/60 dark:text-emerald-200">
        <span aria-hidden className="flex h-6 w-6 items-center justify-center rounded-full bg-emerald-500 text-white">✓</span>
        <h2 id="problems-heading" className="font-medium">
          Nothing wrong
        </h2>
        <span className="text-emerald-800 dark:text-emerald-300">
          {nodeCount.toLocaleString()} node{nodeCount === 1 ? '' : 's'} Ready, no failing or unscheduled pods{eventsPending || goneCount ? '' : ', no warnings in the last hour'}.
        </span>
        {pendingNote}
        {goneNote}
      </section>
    );
  }
  const counts = { critical: 0, error: 0, warning: 0 } as Record<string, number>;
  for (const p of problems) counts[p.severity] = (counts[p.severity] ?? 0) + 1;
  const groups = groupByObject(problems);
  const worst = counts.critical || counts.error ? 'error' : 'warning';
  const shown = groups.slice(0, expanded ? MOST : FIRST);
  return (
    <section aria-labelledby="problems-heading" data-testid="problems" className={`rounded-lg border bg-white dark:bg-slate-900 ${worst === 'warning' ? 'border-amber-200 dark:border-amber-900/70' : 'border-red-200 dark:border-red-900/70'}`}>
      <header className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-4 py-2 dark:border-slate-800">
        <h2 id="problems-heading" className={`font-semibold ${worst === 'warning' ? 'text-amber-800 dark:text-amber-300' : 'text-red-700 dark:text-red-300'}`}>
          {problems.length} problem{problems.length === 1 ? '' : 's'}
        </h2>
        {(['critical', 'error', 'warning'] as const).map((severity) =>
          counts[severity] ? (
            <span key={severity} className={`rounded-full px-2 py-0.5 text-xs font-medium ${SEVERITY[severity].badge}`}>
              {counts[severity]} {SEVERITY[severity].label.toLowerCase()}
            </span>
          ) : null,
        )}
        {pendingNote}
        <span className="ml-auto">{goneNote}</span>
      </header>
      <ul className="divide-y divide-slate-100 dark:divide-slate-800">
        {shown.map(({ problem, more }) => {
          const style = SEVERITY[problem.severity] ?? SEVERITY.warning;
          return (
            <li key={`${problem.kind}/${problem.namespace}/${problem.name}`} data-testid="problem" data-severity={problem.severity} className={`border-l-4 ${style.row}`}>
              <Link href={problemHref(problem)} prefetch={false} className="flex items-baseline gap-3 px-3 py-1.5 text-sm hover:bg-slate-50 dark:hover:bg-slate-800/60">
                <span className={`w-16 shrink-0 rounded px-1.5 text-center text-[11px] font-medium ${style.badge}`}>{style.label}</span>
                <span className="w-64 shrink-0 truncate font-medium" title={`${problem.kind} ${problem.namespace ? `${problem.namespace}/` : ''}${problem.name}`}>
                  <span className="text-slate-500 dark:text-slate-400">{problem.kind} </span>
                  {problem.namespace ? `${problem.namespace}/` : ''}
                  {problem.name}
                </span>
                <span className="max-w-48 shrink-0 truncate font-medium text-slate-800 dark:text-slate-200">{problem.reason}</span>
                <span className="min-w-0 flex-1 truncate text-slate-600 dark:text-slate-400" title={problem.message}>
                  {problem.message}
                </span>
                {more.length > 0 && (
                  <span className="shrink-0 rounded bg-slate-100 px-1.5 text-[11px] text-slate-600 dark:bg-slate-800 dark:text-slate-300" title={more.map((p) => `${p.reason}: ${p.message}`).join('\n')}>
                    +{more.length} more
                  </span>
                )}
                <span className="shrink-0 text-xs tabular-nums text-slate-500" title={problem.since ?? undefined}>
                  {problem.since ? formatAge(problem.since) : ''}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
      {groups.length > FIRST && (
        <button type="button" onClick={() => setExpanded(!expanded)} className="w-full border-t border-slate-200 px-4 py-1.5 text-left text-xs font-medium text-sky-700 hover:bg-slate-50 dark:border-slate-800 dark:text-sky-400 dark:hover:bg-slate-800/60">
          {expanded ? 'Show fewer' : `Show all ${groups.length > MOST ? `(first ${MOST} of ${groups.length} objects)` : `${groups.length} objects`}`}
        </button>
      )}
    </section>
  );
}

/** One row per object (its most severe problem first: the list comes sorted), the rest behind "+N more". */
function groupByObject(problems: Problem[]): { problem: Problem; more: Problem[] }[] {
  const groups = new Map<string, { problem: Problem; more: Problem[] }>();
  for (const problem of problems) {
    const key = `${problem.kind}/${problem.namespace ?? ''}/${problem.name}`;
    const group = groups.get(key);
    if (group) group.more.push(problem);
    else groups.set(key, { problem, more: [] });
  }
  return [...groups.values()];
}
