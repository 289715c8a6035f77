'use client';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useMemo } from 'react';
import { useQuery, useSubscription } from '@/lib/graphql';
import { DebouncedInput, NamespaceSelect, useUrlParams } from '@/components/ui/list-filters';
import { RetryableError } from '@/components/ui/retryable-error';
import { EmptyState, ErrorState, Loading } from '@/components/ui/states';
import { useThrottled } from '@/components/ui/use-throttle';
import { WorkloadsTable } from './workloads-table';
import type { WorkloadChangesSubscription, WorkloadChangesSubscriptionVariables, WorkloadsQuery, WorkloadsQueryVariables } from '@/lib/graphql-types.generated';
import { KIND_PLURAL, WORKLOAD_KINDS, WORKLOAD_ROW_FIELDS, isWorkloadKind } from './workload-types';

const WORKLOADS = /* GraphQL */ `query Workloads($kind: WorkloadKind, $namespace: String, $labelSelector: String, $search: String) {
  workloads(kind: $kind, namespace: $namespace, labelSelector: $labelSelector, search: $search) { ...WorkloadRow }
}
${WORKLOAD_ROW_FIELDS}`;
const CHANGES = /* GraphQL */ `subscription WorkloadChanges($kinds: [String!]!, $namespace: String) { objectChanges(kinds: $kinds, namespace: $namespace) { type kind name } }`;

/** The workloads list: one kind at a time (?kind=), filters in the URL, refreshed on every batch of changes (at most once a second). */
export function WorkloadsList() {
  const [params, setParams] = useUrlParams();
  const kindParam = params.get('kind') ?? 'Deployment';
  const kind = isWorkloadKind(kindParam) ? kindParam : 'Deployment';
  const namespace = params.get('namespace') ?? '';
  const label = params.get('label') ?? '';
  const q = params.get('q') ?? '';
  const { data, error, loading, refetch } = useQuery<WorkloadsQuery, WorkloadsQueryVariables>(WORKLOADS, { kind, namespace: namespace || undefined, labelSelector: label || undefined, search: q || undefined });
  const refetchSoon = useThrottled(() => void refetch(), 1000);
  useSubscription<WorkloadChangesSubscription, WorkloadChangesSubscriptionVariables>(CHANGES, { kinds: [kind], namespace: namespace || undefined }, refetchSoon);
  const rows = useMemo(() => [...(data?.workloads ?? [])].sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name)), [data]);
  const filtered = !!(namespace || label || q);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Workloads</h1>
        <div className="flex flex-wrap items-center gap-2">
          <NamespaceSelect value={namespace} onChange={(ns) => setParams({ namespace: ns })} />
          <DebouncedInput label="Label selector" placeholder="app=web" value={label} onChange={(v) => setParams({ label: v })} testId="label-filter" />
          <DebouncedInput label="Search workloads" placeholder="Search (press /)" value={q} onChange={(v) => setParams({ q: v })} search testId="search" />
        </div>
      </div>
      <KindTabs current={kind} />
      {error && !data ? (
        <RetryableError error={error} title={`Could not load ${KIND_PLURAL[kind]}`} retry={refetch} />
      ) : loading && !data ? (
        <Loading label={`Loading ${KIND_PLURAL[kind]}…`} />
      ) : rows.length === 0 ? (
        <EmptyState title={filtered ? `No ${KIND_PLURAL[kind]} match these filters` : `No ${KIND_PLURAL[kind]} yet`}>
          {filtered ? 'Clear the filters or pick another namespace.' : kind === 'Deployment' ? 'Create one from Apply YAML, or: kubectl create deployment web --image=nginx --replicas=3' : null}
        </EmptyState>
      ) : (
        <>
          {error && <ErrorState error={error} title="Could not refresh; showing the last list loaded" />}
          <WorkloadsTable workloads={rows} showNamespace={!namespace} />
          <p className="text-xs text-slate-500">
            {rows.length} {rows.length === 1 ? kind : KIND_PLURAL[kind]}. <kbd className="font-mono">j</kbd>/<kbd className="font-mono">k</kbd> to move, <kbd className="font-mono">Enter</kbd> to open, <kbd className="font-mono">/</kbd> to search.
          </p>
        </>
      )}
    </div>
  );
}

function KindTabs({ current }: { current: string }) {
  const params = useSearchParams();
  return (
    <div role="tablist" aria-label="Workload kind" className="flex gap-1 overflow-x-auto border-b border-slate-200 dark:border-slate-800">
      {WORKLOAD_KINDS.map((kind) => {
        const next = new URLSearchParams(params.toString());
        next.set('kind', kind);
        const active = kind === current;
        return (
          <Link
            key={kind}
            role="tab"
            aria-selected={active}
            href={`/workloads?${next.toString()}`}
            replace
            scroll={false}
            data-testid={`kind-${kind}`}
            className={`-mb-px border-b-2 px-3 py-2 text-sm whitespace-nowrap ${active ? 'border-sky-600 font-medium text-sky-700 dark:text-sky-300' : 'border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100'}`}
          >
            {KIND_PLURAL[kind]}
          </Link>
        );
      })}
    </div>
  );
}
