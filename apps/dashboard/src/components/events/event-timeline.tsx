'use client';
import { Fragment, useMemo, useState } from 'react';
import { EmptyState, ErrorState, Loading } from '@/components/ui/states';
import { useNow } from '@/components/ui/use-now';
import { EventGroupRow } from './event-group-row';
import { groupSimilar } from './event-grouping';
import { EventLanes } from './event-lanes';
import { eventTime, laneColours, matchesSearch, objectKey, timeGroup, type TimelineEvent, type TimelineFilter } from './event-model';
import { EventRow } from './event-row';
import { LiveBadge } from './live-badge';
import { useEventFeed } from './use-event-feed';

export type { TimelineFilter, WorkloadKindName, TimelineEvent } from './event-model';

const PAGE = 500;

/**
 * A live, filterable event timeline across objects (events query + events subscription), newest first,
 * grouped by time, warnings highlighted; with `includeRelated` a workload's ReplicaSets and pods share it,
 * one colour (lane) per object. Agreed interface: `filter` is what to show; `compact` is for detail pages.
 */
export function EventTimeline(props: { filter: TimelineFilter; compact?: boolean; onSelectObject?: (object: TimelineEvent['involvedObject']) => void }) {
  const { search, ...server } = props.filter;
  // A new server-side filter is a new feed: remount, so nothing of the previous one lingers.
  return <TimelineFeed key={JSON.stringify(server)} {...props} filter={{ ...server, search }} />;
}

function TimelineFeed({ filter, compact, onSelectObject }: { filter: TimelineFilter; compact?: boolean; onSelectObject?: (object: TimelineEvent['involvedObject']) => void }) {
  const { events, error, loading, live, liveCount } = useEventFeed(filter);
  const [warningsOnly, setWarningsOnly] = useState(false);
  const [localSearch, setLocalSearch] = useState('');
  const [shown, setShown] = useState(PAGE);
  const [grouped, setGrouped] = useState(true);
  const now = useNow(10_000);
  const search = filter.search ?? localSearch;

  const visible = useMemo(() => events.filter((e) => (!warningsOnly || e.type === 'Warning') && matchesSearch(e, search)), [events, warningsOnly, search]);
  const colours = useMemo(() => laneColours(visible), [visible]);
  const warnings = useMemo(() => visible.reduce((n, e) => n + (e.type === 'Warning' ? 1 : 0), 0), [visible]);
  const objects = useMemo(() => new Set(visible.map(objectKey)).size, [visible]);
  const filtered = Boolean(filter.type || filter.reason || filter.kind || filter.name || filter.namespace);

  const rendered = useMemo(() => visible.slice(0, shown), [visible, shown]);
  const items = useMemo(() => (grouped ? groupSimilar(rendered, (t) => timeGroup(t, now)) : rendered.map((event) => ({ kind: 'event' as const, event }))), [rendered, grouped, now]);

  if (loading) return <Loading label="Loading events…" />;
  if (error && events.length === 0) return <ErrorState error={error} title="Could not load events" />;

  let lastGroup = '';
  return (
    <div className="space-y-3" data-testid="event-timeline">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
        <p className="text-slate-600 dark:text-slate-400">
          <span className="font-medium text-slate-900 dark:text-slate-100">{visible.length}</span> events
          {warnings > 0 && <span className="text-red-700 dark:text-red-400"> · {warnings} warnings</span>} · {objects} objects
        </p>
        <LiveBadge status={live.status} error={live.error} received={liveCount} />
        <label className="flex items-center gap-1.5 text-xs text-slate-700 dark:text-slate-300" title="Collapse runs of the same event about sibling objects (e.g. 150 pods Killing) into one row">
          <input type="checkbox" checked={grouped} onChange={(e) => setGrouped(e.target.checked)} className="accent-sky-600" />
          Group similar
        </label>
        {compact && (
          <div className="ml-auto flex items-center gap-3">
            <label className="flex items-center gap-1.5 text-xs text-slate-700 dark:text-slate-300">
              <input type="checkbox" checked={warningsOnly} onChange={(e) => setWarningsOnly(e.target.checked)} className="accent-amber-600" />
              Warnings only
            </label>
            {filter.search === undefined && (
              <input
                type="search"
                aria-label="Search events"
                placeholder="Search events"
                value={localSearch}
                onChange={(e) => setLocalSearch(e.target.value)}
                className="w-48 rounded-md border border-slate-300 bg-white px-2 py-1 text-xs dark:border-slate-700 dark:bg-slate-900"
              />
            )}
          </div>
        )}
      </div>
      {!compact && visible.length > 0 && <EventLanes events={visible} colours={colours} hierarchy={Boolean(filter.includeRelated)} onSelect={onSelectObject} />}
      {visible.length === 0 ? (
        <EmptyState title={events.length > 0 ? 'No events match the search' : filtered ? 'No events match these filters' : 'No events yet'}>
          {events.length > 0
            ? 'Clear the search or the warnings-only toggle to see the others.'
            : compact
              ? 'Events about this object appear here as they happen (Kubernetes keeps events for an hour).'
              : 'Events appear here as they happen: scale a Deployment or apply a manifest to see some. Kubernetes keeps events for an hour.'}
        </EmptyState>
      ) : (
        <ol className="overflow-hidden rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900" aria-label="Events, newest first">
          {items.map((item) => {
            const first = item.kind === 'event' ? item.event : item.events[0];
            const group = timeGroup(eventTime(first), now);
            const heading = group !== lastGroup;
            lastGroup = group;
            return (
              <Fragment key={item.kind === 'event' ? item.event.uid : item.key}>
                {heading && (
                  <li className="sticky top-0 z-10 border-b border-slate-200 bg-slate-100/95 px-4 py-1 text-xs font-semibold tracking-wide text-slate-600 uppercase backdrop-blur dark:border-slate-800 dark:bg-slate-800/95 dark:text-slate-300" data-testid="event-group">
                    {group}
                  </li>
                )}
                {item.kind === 'event' ? (
                  <EventRow event={item.event} lane={colours.get(objectKey(item.event))} now={now} compact={compact} />
                ) : (
                  <EventGroupRow events={item.events} objects={item.objects} lanes={colours} now={now} compact={compact} />
                )}
              </Fragment>
            );
          })}
        </ol>
      )}
      {visible.length > shown && (
        <div className="flex items-center justify-center gap-3 text-sm">
          <span className="text-slate-500">
            Showing {shown} of {visible.length}
          </span>
          <button type="button" onClick={() => setShown((n) => n + PAGE)} className="rounded-md border border-slate-300 px-3 py-1 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
            Show more
          </button>
        </div>
      )}
    </div>
  );
}
