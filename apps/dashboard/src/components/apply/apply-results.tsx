'use client';
import Link from 'next/link';
import { objectHref } from '@/components/ui/object-href';
import { DiffView } from '@/components/ui/diff-view';
import type { ApplyManifestsMutation } from '@/lib/graphql-types.generated';

export type ApplyResult = ApplyManifestsMutation['applyManifests'];
export type ApplyObjectResult = ApplyResult['results'][number];

const ACTION_STYLES: Record<string, string> = {
  created: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300',
  configured: 'bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-300',
  unchanged: 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300',
  error: 'bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300',
};

function summary(results: ApplyObjectResult[]): string {
  const counts = new Map<string, number>();
  for (const r of results) counts.set(r.action, (counts.get(r.action) ?? 0) + 1);
  return [...counts].map(([action, n]) => `${n} ${action}`).join(', ');
}

/** The object's events (with a workload's ReplicaSets and pods: the events page relates them). */
function eventsHref(result: ApplyObjectResult): string {
  const query = new URLSearchParams({ kind: result.kind ?? '', name: result.name ?? '' });
  if (result.namespace) query.set('namespace', result.namespace);
  return `/events?${query}`;
}

function objectLink(result: ApplyObjectResult, live: boolean) {
  const label = `${result.kind ?? '?'} ${result.namespace ? `${result.namespace}/` : ''}${result.name ?? '(no name)'}`;
  const href = live && result.action !== 'error' && result.kind && result.name ? (objectHref(result) ?? eventsHref(result)) : undefined;
  if (!href) return <span className="font-mono text-sm">{label}</span>;
  return (
    <Link href={href} className="font-mono text-sm text-sky-700 hover:underline dark:text-sky-300">
      {label}
    </Link>
  );
}

/** Per-object results of a dry run or an apply: the action kubectl would print, errors in full, the diff to the live object. */
export function ApplyResults({ result, stale }: { result: ApplyResult; stale: boolean }) {
  const failed = result.results.filter((r) => r.action === 'error').length;
  return (
    <section aria-label={result.dryRun ? 'Preview results' : 'Apply results'} data-testid="apply-results" data-dry-run={result.dryRun ? 'true' : 'false'} className="space-y-2">
      <div className="flex flex-wrap items-baseline gap-x-3">
        <h2 className="text-lg font-semibold">{result.dryRun ? 'Preview (server dry run)' : 'Applied'}</h2>
        <p className={`text-sm ${failed ? 'text-red-700 dark:text-red-400' : 'text-slate-600 dark:text-slate-400'}`}>
          {result.results.length} {result.results.length === 1 ? 'object' : 'objects'}: {summary(result.results)}
          {result.dryRun && !failed ? ' — nothing was changed yet.' : ''}
        </p>
        {stale && <p className="text-sm text-amber-700 dark:text-amber-400">The YAML changed since this {result.dryRun ? 'preview' : 'apply'}.</p>}
      </div>
      <ul className="divide-y divide-slate-200 overflow-hidden rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
        {result.results.map((r) => (
          <li key={r.index} className="space-y-2 px-4 py-3" data-testid="apply-result" data-action={r.action}>
            <div className="flex flex-wrap items-center gap-3">
              <span className="w-6 text-right text-xs text-slate-400">{r.index + 1}</span>
              {objectLink(r, !result.dryRun)}
              <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${ACTION_STYLES[r.action] ?? ACTION_STYLES.unchanged}`}>
                {r.action}
                {result.dryRun && r.action !== 'error' ? ' (dry run)' : ''}
              </span>
              {r.apiVersion && <span className="text-xs text-slate-400">{r.apiVersion}</span>}
              {!result.dryRun && r.action !== 'error' && r.kind && r.name && (
                <Link href={eventsHref(r)} className="ml-auto text-xs text-sky-700 hover:underline dark:text-sky-300">
                  Watch its events →
                </Link>
              )}
            </div>
            {r.error && (
              <p role="alert" className="ml-9 rounded-md border border-red-200 bg-red-50 px-3 py-2 font-mono text-xs break-words whitespace-pre-wrap text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
                {r.error}
              </p>
            )}
            {r.diff !== undefined && r.diff !== null && r.action !== 'error' && (
              <details className="ml-9" open={r.action === 'configured' || (result.dryRun && r.action === 'created')}>
                <summary className="cursor-pointer text-xs text-slate-500 select-none">{r.action === 'created' ? 'The new object' : 'Diff against the live object'}</summary>
                <div className="mt-1 max-h-80 overflow-auto">
                  <DiffView diff={r.diff ?? ''} empty="Identical to the live object." />
                </div>
              </details>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
