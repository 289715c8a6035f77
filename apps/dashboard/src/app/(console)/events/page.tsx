'use client';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { Suspense, useCallback, useMemo } from 'react';
import { EventFilterBar } from '@/components/events/event-filter-bar';
import { EventTimeline, type TimelineFilter } from '@/components/events/event-timeline';
import { WORKLOAD_KINDS } from '@/components/ui/object-href';
import { Loading } from '@/components/ui/states';

/** `/events?namespace=&type=&kind=&name=&reason=&q=&related=0`: the event timeline, its filters kept in the URL. */
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
  return { namespace: get('namespace'), type: get('type'), kind, name, reason: get('reason'), search: get('q'), includeRelated: workload ? params.get('related') !== '0' : undefined };
}

function EventsView() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filter = useMemo(() => filterFromParams(new URLSearchParams(params.toString())), [params]);

  const onChange = useCallback(
    (next: TimelineFilter) => {
      const query = new URLSearchParams();
      const put = (key: string, value?: string) => value && query.set(key, value);
      put('namespace', next.namespace);
      put('type', next.type);
      put('kind', next.kind);
      put('name', next.name);
      put('reason', next.reason);
      put('q', next.search);
      if (next.includeRelated === false) query.set('related', '0');
      const qs = query.toString();
      router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
    },
    [router, pathname],
  );

  return (
    <>
      <EventFilterBar filter={filter} onChange={onChange} />
      <EventTimeline filter={filter} onSelectObject={(o) => onChange({ ...filter, kind: o.kind, name: o.name, namespace: o.namespace ?? filter.namespace, includeRelated: undefined })} />
    </>
  );
}
