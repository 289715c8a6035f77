'use client';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useQuery, useSubscription } from '@/lib/graphql';
import type { PodChangesSubscription, PodChangesSubscriptionVariables, PodsQuery, PodsQueryVariables } from '@/lib/graphql-types.generated';
import { DebouncedInput, NamespaceSelect, useUrlParams } from '@/components/ui/list-filters';
import { RetryableError } from '@/components/ui/retryable-error';
import { EmptyState, ErrorState, Loading } from '@/components/ui/states';
import { toneOf } from '@/components/ui/status-badge';
import { useThrottled } from '@/components/ui/use-throttle';
import { PodsTable } from './pods-table';
import { POD_ROW_FIELDS, podKey, type PodRow } from './pod-types';

const PODS = /* GraphQL */ `query Pods($namespace: String, $labelSelector: String, $search: String) {
  pods(namespace: $namespace, labelSelector: $labelSelector, search: $search) { ...PodRow }
}
${POD_ROW_FIELDS}`;
const POD_CHANGES = /* GraphQL */ `subscription PodChanges($namespace: String) {
  objectChanges(kinds: ["Pod"], namespace: $namespace) { type kind namespace name uid pod { ...PodRow } }
}
${POD_ROW_FIELDS}`;

/** Rendering more rows than this makes a 10,000-pod cluster sluggish; filters narrow the list instead. */
const MAX_ROWS = 500;

/** Failing, Pending or not fully ready (a finished pod is not trouble). */
function inTrouble(pod: PodRow): boolean {
  const tone = toneOf(pod.status);
  if (tone === 'error' || tone === 'warning' || pod.status === 'Pending') return true;
  const [ready, total] = pod.ready.split('/').map(Number);
  return pod.phase === 'Running' && ready < total;
}

function byNamespaceThenName(a: PodRow, b: PodRow): number {
  return a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name);
}

/** The pods list: filters in the URL (?namespace=&label=&q=), kept live by the objectChanges subscription. */
export function PodsList() {
  const [params, setParams] = useUrlParams();
  const namespace = params.get('namespace') ?? '';
  const label = params.get('label') ?? '';
  const q = params.get('q') ?? '';
  const problemsOnly = params.get('problems') === '1';
  const filtered = !!(label || q);
  const { data, error, loading, refetch } = useQuery<PodsQuery, PodsQueryVariables>(PODS, { namespace: namespace || undefined, labelSelector: label || undefined, search: q || undefined });
  const [pods, setPods] = useState<Map<string, PodRow>>(new Map());
  const latest = useRef(pods);
  useEffect(() => {
    if (!data) return;
    latest.current = new Map(data.pods.map((p) => [podKey(p), p]));
    setPods(latest.current);
  }, [data]);
  // A new pod may or may not match a label or search filter: the server decides, on a throttled refetch.
  const refetchSoon = useThrottled(() => void refetch(), 1000);

  useSubscription<PodChangesSubscription, PodChangesSubscriptionVariables>(POD_CHANGES, { namespace: namespace || undefined }, ({ objectChanges }) => {
    // The whole batch becomes one state update.
    let needsRefetch = false;
    const next = new Map(latest.current);
    for (const change of objectChanges) {
      const key = podKey(change);
      if (change.type === 'DELETED') next.delete(key);
      else if (next.has(key) && change.pod) next.set(key, change.pod);
      else if (filtered) needsRefetch = true;
      else if (change.pod) next.set(key, change.pod);
    }
    latest.current = next;
    setPods(next);
    if (needsRefetch) refetchSoon();
  });

  const all = useMemo(() => [...pods.values()].sort(byNamespaceThenName), [pods]);
  const problems = useMemo(() => all.filter(inTrouble), [all]);
  const rows = problemsOnly ? problems : all;
  const shown = rows.length > MAX_ROWS ? rows.slice(0, MAX_ROWS) : rows;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Pods</h1>
        <div className="flex flex-wrap items-center gap-2">
          <NamespaceSelect value={namespace} onChange={(ns) => setParams({ namespace: ns })} />
          <DebouncedInput label="Label selector" placeholder="app=web,tier!=db" value={label} onChange={(v) => setParams({ label: v })} testId="label-filter" />
          <DebouncedInput label="Search pods" placeholder="Search (press /)" value={q} onChange={(v) => setParams({ q: v })} search testId="search" />
          <label className="flex items-center gap-1.5 text-sm text-slate-600 dark:text-slate-400">
            <input type="checkbox" checked={problemsOnly} onChange={(e) => setParams({ problems: e.target.checked ? '1' : undefined })} data-testid="problems-only" className="accent-sky-600" />
            Problems only{data ? ` (${problems.length})` : ''}
          </label>
        </div>
      </div>
      {error && !data ? (
        <RetryableError error={error} title="Could not load pods" retry={refetch} />
      ) : loading && !data ? (
        <Loading label="Loading pods…" />
      ) : rows.length === 0 ? (
        <EmptyState title={problemsOnly && all.length ? 'No pods in trouble' : filtered || namespace ? 'No pods match these filters' : 'No pods yet'}>
          {problemsOnly && all.length ? `All ${all.length} pods here are fine.` : filtered || namespace ? 'Clear the filters or pick another namespace.' : 'Create a Deployment (Apply YAML, or kubectl create deployment) and its pods appear here.'}
        </EmptyState>
      ) : (
        <>
          {error && <ErrorState error={error} title="Could not refresh; showing the last pods loaded" />}
          <PodsTable pods={shown} showNamespace={!namespace} />
          <p className="text-xs text-slate-500">
            {rows.length > MAX_ROWS ? `Showing the first ${MAX_ROWS} of ${rows.length} pods; narrow the list with the filters.` : `${rows.length} pod${rows.length === 1 ? '' : 's'}.`} <kbd className="font-mono">j</kbd>/<kbd className="font-mono">k</kbd> to move, <kbd className="font-mono">Enter</kbd> to open, <kbd className="font-mono">/</kbd> to search.
          </p>
        </>
      )}
    </div>
  );
}
