'use client';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { Suspense, useCallback, useMemo } from 'react';
import { EventFilterBar, SINCE_WINDOWS } from '@/components/events/event-filter-bar';
import { EventTimeline, type TimelineFilter } from '@/components/events/event-timeline';
import { WORKLOAD_KINDS } from '@/components/ui/object-href';
import { Loading } from '@/components/ui/states';

/** `/events?namespace=&type=&kind=&name=&reason=&q=&since=15m&related=0`: the event timeline, its filters kept in the URL. */
export default function EventsPage() {
  return (
    <div className="space-y-4">
      <header>
        <h1 className="text-2xl font-semibold">Events</h1>
        <p className="text-sm text-slate-500">Everything the control plane reported, across objects, newest first and live.</p>
      </header>
      <Suspense fallback={<Loading />}>
        <EventsView />
      </Suspense>
    </div>
  );
}

function filterFromParams(params: URLSearchParams): TimelineFilter {
  const get = (key: string) => params.get(key) || undefined;
  const kind = get('kind');
  const name = get('name');
  const workload = Boolean(kind && name && (WORKLOAD_KINDS as readonly string[]).includes(kind));
  const chosen = SINCE_WINDOWS[params.get('since') ?? ''];
  // The window becomes a time when the URL changes (a new feed); live events keep arriving after it.
  const since = chosen ? new Date(Date.now() - chosen[1]).toISOString() : undefined;
  return { namespace: get('namespace'), type: get('type'), kind, name, reason: get('reason'), search: get('q'), since, includeRelated: workload ? params.get('related') !== '0' : undefined };
}

function EventsView() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filter = useMemo(() => filterFromParams(new URLSearchParams(params.toString())), [params]);

  const sinceWindow = params.get('since') ?? undefined;
  const onChange = useCallback(
    (next: TimelineFilter, nextSince: string | undefined = sinceWindow) => {
      const query = new URLSearchParams();
      const put = (key: string, value?: string) => value && query.set(key, value);
      put('namespace', next.namespace);
      put('type', next.type);
      put('kind', next.kind);
      put('name', next.name);
      put('reason', next.reason);
      put('q', next.search);
      put('since', nextSince);
      if (next.includeRelated === false) query.set('related', '0');
      const qs = query.toString();
      router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
    },
    [router, pathname, sinceWindow],
  );

  return (
    <>
      <EventFilterBar filter={filter} sinceWindow={sinceWindow} onChange={onChange} onWindow={(w) => onChange(filter, w)} />
      <EventTimeline filter={filter} onSelectObject={(o) => onChange({ ...filter, kind: o.kind, name: o.name, namespace: o.namespace ?? filter.namespace, includeRelated: undefined })} />
    </>
  );
}
