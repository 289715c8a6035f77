'use client';
import Link from 'next/link';
import { useEffect, useMemo, useRef } from 'react';
import { PodsTable } from '@/components/pods/pods-table';
import type { PodRow } from '@/components/pods/pod-types';
import { EmptyState, ErrorState, Loading } from '@/components/ui/states';
import { toneOf } from '@/components/ui/status-badge';
import { useThrottled } from '@/components/ui/use-throttle';
import { useQuery } from '@/lib/graphql';
import type { WorkloadKind, WorkloadPodsQuery, WorkloadPodsQueryVariables } from '@/lib/graphql-types.generated';
import { WORKLOAD_PODS, type WorkloadDetail } from './workload-types';

/** More than this many pods are listed on the pods page instead (filtered by the workload's selector). */
const MAX_ROWS = 200;

const TONE_ORDER = { error: 0, warning: 1, progress: 2, neutral: 3, ok: 4 };

/** Pods in trouble first, then by name. */
function byTrouble(a: PodRow, b: PodRow): number {
  return TONE_ORDER[toneOf(a.status)] - TONE_ORDER[toneOf(b.status)] || a.name.localeCompare(b.name);
}

export interface WorkloadPodsState {
  pods: PodRow[];
  loading: boolean;
  error?: Error;
}

/**
 * The workload's pods, troubled first. Reloaded when `version` moves (the page counts change
 * batches): once a second, or every 5 s for more than a thousand pods.
 */
export function useWorkloadPods(kind: string, namespace: string, name: string, version: number, skip: boolean): WorkloadPodsState {
  const { data, error, loading, refetch } = useQuery<WorkloadPodsQuery, WorkloadPodsQueryVariables>(WORKLOAD_PODS, { kind: kind as WorkloadKind, namespace, name }, { skip }); // the caller skips an invalid kind
  const count = data?.workload?.pods.length ?? 0;
  const refetchSoon = useThrottled(() => void refetch(), count > 1000 ? 5000 : 1000);
  const seen = useRef(version);
  useEffect(() => {
    if (seen.current === version) return;
    seen.current = version;
    refetchSoon();
  }, [version, refetchSoon]);
  const pods = useMemo(() => [...(data?.workload?.pods ?? [])].sort(byTrouble), [data]);
  return { pods, loading: loading && !data, error: data ? undefined : error };
}

export function WorkloadPodsSection({ workload: w, state }: { workload: WorkloadDetail; state: WorkloadPodsState }) {
  const { pods, loading, error } = state;
  const podsPage = `/pods?namespace=${encodeURIComponent(w.namespace)}${w.selector ? `&label=${encodeURIComponent(w.selector)}` : ''}`;
  return (
    <section className="space-y-2">
      <h2 className="text-sm font-semibold tracking-wide text-slate-500 uppercase">Pods ({pods.length})</h2>
      {loading ? (
        <Loading label="Loading pods…" />
      ) : error ? (
        <ErrorState error={error} title="Could not load the pods" />
      ) : pods.length === 0 ? (
        <EmptyState title="No pods">{w.desired === 0 ? 'Scaled to 0.' : 'The controller has not created any pods yet.'}</EmptyState>
      ) : (
        <>
          <PodsTable pods={pods.slice(0, MAX_ROWS)} showNamespace={false} />
          {pods.length > MAX_ROWS && (
            <p className="text-xs text-slate-500">
              Showing {MAX_ROWS} of {pods.length} pods, those in trouble first.{' '}
              <Link href={podsPage} className="text-sky-700 hover:underline dark:text-sky-300">
                All of them on the pods page
              </Link>
            </p>
          )}
        </>
      )}
    </section>
  );
}
