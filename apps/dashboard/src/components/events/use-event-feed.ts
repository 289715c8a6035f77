'use client';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useQuery } from '@/lib/graphql';
import type { TimelineEventsQuery, TimelineEventsQueryVariables } from '@/lib/graphql-types.generated';
import { useLiveSubscription } from '@/components/ui/use-live-subscription';
import { EVENT_BUFFER, EVENT_FIELDS, matchesServerFilter, mergeEvents, type TimelineEvent, type TimelineFilter } from './event-model';

const EVENTS_QUERY = /* GraphQL */ `query TimelineEvents($filter: EventFilter) { events(filter: $filter) { ...TimelineEvent } }
${EVENT_FIELDS}`;
const EVENTS_SUBSCRIPTION = /* GraphQL */ `subscription TimelineEventStream($namespace: String) { events(namespace: $namespace) { ...TimelineEvent } }
${EVENT_FIELDS}`;

/** Events for one server-side filter: the first page from the `events` query, then each live batch merged in one update. */
export function useEventFeed(filter: TimelineFilter) {
  const serverFilter = useMemo(
    () => ({
      namespace: filter.namespace || undefined,
      kind: filter.kind || undefined,
      name: filter.name || undefined,
      uid: filter.uid || undefined,
      type: filter.type || undefined,
      reason: filter.reason || undefined,
      includeRelated: filter.includeRelated || undefined,
      since: filter.since || undefined,
      limit: EVENT_BUFFER,
    }),
    [filter.namespace, filter.kind, filter.name, filter.uid, filter.type, filter.reason, filter.includeRelated, filter.since],
  );
  const { data, error, loading, refetch } = useQuery<TimelineEventsQuery, TimelineEventsQueryVariables>(EVENTS_QUERY, { filter: serverFilter });
  // The server relates a workload to the children it has now; the namespace's events add those of
  // children already gone (pods deleted by a scale-down or a rollout), matched by name.
  const related = Boolean(serverFilter.includeRelated && serverFilter.name && serverFilter.namespace);
  const neighbours = useQuery<TimelineEventsQuery, TimelineEventsQueryVariables>(EVENTS_QUERY, { filter: { namespace: serverFilter.namespace, type: serverFilter.type, reason: serverFilter.reason, since: serverFilter.since, limit: EVENT_BUFFER } }, { skip: !related });
  const [events, setEvents] = useState<TimelineEvent[]>([]);
  const [liveCount, setLiveCount] = useState(0);

  useEffect(() => {
    if (data) setEvents((current) => mergeEvents(current, data.events));
  }, [data]);
  useEffect(() => {
    if (neighbours.data) setEvents((current) => mergeEvents(current, neighbours.data!.events.filter((event) => matchesServerFilter(event, serverFilter))));
  }, [neighbours.data, serverFilter]);

  const onBatch = useCallback(
    (batch: { events: TimelineEvent[] }) => {
      // A batch arrives oldest first; reversed, events of the same second keep newest-first order.
      const mine = batch.events.filter((event) => matchesServerFilter(event, serverFilter)).reverse();
      if (mine.length === 0) return;
      setEvents((current) => mergeEvents(current, mine));
      setLiveCount((n) => n + mine.length);
    },
    [serverFilter],
  );
  const live = useLiveSubscription(EVENTS_SUBSCRIPTION, { namespace: serverFilter.namespace ?? null }, onBatch);

  // Back live after the connection dropped (the dashboard server restarted): fetch what was missed.
  const wasLive = useRef(false);
  const dropped = useRef(false);
  useEffect(() => {
    if (live.status === 'live') {
      if (wasLive.current && dropped.current) void refetch();
      wasLive.current = true;
      dropped.current = false;
    } else if (wasLive.current) dropped.current = true;
  }, [live.status, refetch]);

  return { events, error, loading: loading && events.length === 0, live, liveCount };
}
