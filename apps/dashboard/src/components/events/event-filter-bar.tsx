'use client';
import { useEffect, useState } from 'react';
import { useQuery } from '@/lib/graphql';
import type { EventNamespacesQuery } from '@/lib/graphql-types.generated';
import { WORKLOAD_KINDS } from '@/components/ui/object-href';
import type { TimelineFilter } from './event-model';

const KINDS = ['Pod', 'Node', ...WORKLOAD_KINDS, 'Service', 'Endpoints', 'PersistentVolumeClaim', 'HorizontalPodAutoscaler', 'Namespace'];
const field = 'rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900';

/** `since` choices, kept in the URL as the window (`15m`) and turned into a time by the page. */
export const SINCE_WINDOWS: Record<string, [string, number]> = { '5m': ['Last 5 minutes', 5 * 60_000], '15m': ['Last 15 minutes', 15 * 60_000], '1h': ['Last hour', 60 * 60_000] };

/** The events page's filters; text fields report after a short pause so typing does not refetch per key. */
export function EventFilterBar({ filter, sinceWindow, onChange, onWindow }: { filter: TimelineFilter; sinceWindow?: string; onChange: (next: TimelineFilter) => void; onWindow: (window?: string) => void }) {
  const namespaces = useQuery<EventNamespacesQuery>(/* GraphQL */ `query EventNamespaces { namespaces { name } }`);
  const [name, setName] = useState(filter.name ?? '');
  const [reason, setReason] = useState(filter.reason ?? '');
  const [search, setSearch] = useState(filter.search ?? '');

  // The URL can change under the fields (a lane clicked, back/forward): follow it.
  useEffect(() => setName(filter.name ?? ''), [filter.name]);
  useEffect(() => setReason(filter.reason ?? ''), [filter.reason]);
  useEffect(() => setSearch(filter.search ?? ''), [filter.search]);

  useEffect(() => {
    const timer = setTimeout(() => {
      if (name !== (filter.name ?? '') || reason !== (filter.reason ?? '') || search !== (filter.search ?? '')) onChange({ ...filter, name: name || undefined, reason: reason || undefined, search: search || undefined });
    }, 350);
    return () => clearTimeout(timer);
  }, [name, reason, search, filter, onChange]);

  const set = (patch: Partial<TimelineFilter>) => onChange({ ...filter, ...patch });
  const isWorkload = Boolean(filter.kind && (WORKLOAD_KINDS as readonly string[]).includes(filter.kind) && filter.name);

  return (
    <form role="search" aria-label="Filter events" className="flex flex-wrap items-end gap-3" onSubmit={(e) => e.preventDefault()}>
      <label className="flex flex-col gap-1 text-xs text-slate-500">
        Namespace
        <select className={`${field} max-w-44`} value={filter.namespace ?? ''} onChange={(e) => set({ namespace: e.target.value || undefined })}>
          <option value="">All namespaces</option>
          {namespaces.data?.namespaces.map((ns) => (
            <option key={ns.name}>{ns.name}</option>
          ))}
          {filter.namespace && !namespaces.data?.namespaces.some((ns) => ns.name === filter.namespace) && <option>{filter.namespace}</option>}
        </select>
      </label>
      <fieldset className="flex flex-col gap-1 text-xs text-slate-500">
        <legend className="mb-1">Type</legend>
        <div className="flex overflow-hidden rounded-md border border-slate-300 dark:border-slate-700">
          {[
            ['', 'All'],
            ['Normal', 'Normal'],
            ['Warning', 'Warnings only'],
          ].map(([value, label]) => (
            <button
              key={label}
              type="button"
              aria-pressed={(filter.type ?? '') === value}
              onClick={() => set({ type: value || undefined })}
              className={`px-2.5 py-1 text-sm ${(filter.type ?? '') === value ? (value === 'Warning' ? 'bg-amber-500 text-white' : 'bg-sky-600 text-white') : 'bg-white text-slate-700 hover:bg-slate-100 dark:bg-slate-900 dark:text-slate-300 dark:hover:bg-slate-800'}`}
            >
              {label}
            </button>
          ))}
        </div>
      </fieldset>
      <label className="flex flex-col gap-1 text-xs text-slate-500">
        When
        <select className={`${field} w-40`} value={sinceWindow ?? ''} onChange={(e) => onWindow(e.target.value || undefined)}>
          <option value="">Any time</option>
          {Object.entries(SINCE_WINDOWS).map(([value, [label]]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs text-slate-500">
        Kind
        <select className={`${field} w-36`} value={filter.kind ?? ''} onChange={(e) => set({ kind: e.target.value || undefined })}>
          <option value="">All kinds</option>
          {KINDS.map((kind) => (
            <option key={kind}>{kind}</option>
          ))}
          {filter.kind && !KINDS.includes(filter.kind) && <option>{filter.kind}</option>}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs text-slate-500">
        Object name
        <input className={`${field} w-36`} value={name} onChange={(e) => setName(e.target.value)} placeholder="exact name" />
      </label>
      <label className="flex flex-col gap-1 text-xs text-slate-500">
        Reason
        <input className={`${field} w-32`} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="e.g. BackOff" list="event-reasons" />
        <datalist id="event-reasons">
          {['Scheduled', 'FailedScheduling', 'Pulling', 'Pulled', 'Created', 'Started', 'Killing', 'BackOff', 'Failed', 'Unhealthy', 'ScalingReplicaSet', 'SuccessfulCreate', 'SuccessfulDelete', 'NodeNotReady'].map((r) => (
            <option key={r} value={r} />
          ))}
        </datalist>
      </label>
      <label className="flex min-w-64 flex-1 flex-col gap-1 text-xs text-slate-500">
        Search
        <input type="search" className={field} value={search} onChange={(e) => setSearch(e.target.value)} placeholder="words in reason, message, object, source" />
      </label>
      {isWorkload && (
        <label className="flex items-center gap-1.5 pb-1.5 text-sm text-slate-700 dark:text-slate-300" title="Also its ReplicaSets / Jobs and pods">
          <input type="checkbox" checked={filter.includeRelated !== false} onChange={(e) => set({ includeRelated: e.target.checked })} className="accent-sky-600" />
          With related objects
        </label>
      )}
    </form>
  );
}
