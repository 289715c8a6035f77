'use client';
import { useMemo } from 'react';
import { eventTime, objectKey, type LaneColour, type TimelineEvent } from './event-model';

const MAX_LANES = 12;
const MAX_MARKS_PER_LANE = 150;

interface Lane {
  key: string;
  object: TimelineEvent['involvedObject'];
  events: TimelineEvent[];
  warnings: number;
}

/**
 * The timeline at a glance: one lane per object (the busiest recent ones), each event a mark on a shared
 * time axis, so a Deployment's scaling, its ReplicaSet's pod creations and a pod's warnings line up.
 * A repeated event (count > 1) is drawn as a bar from its first to its last occurrence.
 */
export function EventLanes({ events, colours, onSelect }: { events: TimelineEvent[]; colours: Map<string, LaneColour>; onSelect?: (object: TimelineEvent['involvedObject']) => void }) {
  const { lanes, start, end, hidden } = useMemo(() => buildLanes(events), [events]);
  if (lanes.length === 0) return null;
  const span = Math.max(end - start, 1000);
  const at = (t: number) => `${(((t - start) / span) * 100).toFixed(2)}%`;
  return (
    <section aria-label="Event lanes by object" data-testid="event-lanes" className="rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
      <ul className="space-y-1">
        {lanes.map((lane) => {
          const colour = colours.get(lane.key);
          return (
            <li key={lane.key} className="flex items-center gap-2 text-xs" data-testid="event-lane">
              <button
                type="button"
                onClick={() => onSelect?.(lane.object)}
                disabled={!onSelect}
                title={onSelect ? `Show only ${lane.object.kind} ${lane.object.name}` : undefined}
                className={`w-52 shrink-0 truncate text-left font-mono enabled:hover:underline ${colour?.text ?? 'text-slate-600 dark:text-slate-300'}`}
              >
                {lane.object.kind.toLowerCase()}/{lane.object.name}
              </button>
              <div className="relative h-4 min-w-0 flex-1 rounded bg-slate-100 dark:bg-slate-800">
                {lane.events.map((event) => {
                  const last = eventTime(event);
                  const first = Date.parse(event.firstTimestamp ?? '');
                  const warning = event.type === 'Warning';
                  const tone = warning ? 'bg-red-500' : (colour?.dot ?? 'bg-slate-400');
                  const label = `${event.reason ?? ''}${event.count > 1 ? ` ×${event.count}` : ''}: ${event.message ?? ''}`;
                  if (event.count > 1 && Number.isFinite(first) && first < last) {
                    return <span key={event.uid} title={label} className={`absolute top-1.5 h-1 rounded ${tone} opacity-70`} style={{ left: at(Math.max(first, start)), width: `calc(${at(last)} - ${at(Math.max(first, start))} + 4px)` }} />;
                  }
                  return <span key={event.uid} title={label} className={`absolute top-1 -ml-1 h-2 w-2 rounded-full ring-1 ring-white dark:ring-slate-900 ${tone}`} style={{ left: at(last) }} />;
                })}
              </div>
              <span className="w-14 shrink-0 text-right text-slate-500">
                {lane.events.length}
                {lane.warnings > 0 && <span className="ml-1 text-red-600 dark:text-red-400">▲{lane.warnings}</span>}
              </span>
            </li>
          );
        })}
      </ul>
      <div className="mt-1 flex justify-between pl-[13.5rem] pr-16 text-[11px] text-slate-400">
        <span>{new Date(start).toLocaleTimeString([], { hour12: false })}</span>
        {hidden > 0 && <span>{hidden} more objects not drawn</span>}
        <span>{new Date(end).toLocaleTimeString([], { hour12: false })}</span>
      </div>
    </section>
  );
}

function buildLanes(events: TimelineEvent[]) {
  const byObject = new Map<string, Lane>();
  for (const event of events) {
    const key = objectKey(event);
    let lane = byObject.get(key);
    if (!lane) byObject.set(key, (lane = { key, object: event.involvedObject, events: [], warnings: 0 }));
    if (lane.events.length < MAX_MARKS_PER_LANE) lane.events.push(event);
    if (event.type === 'Warning') lane.warnings++;
  }
  // Newest-first input: the first lanes met are the most recently active ones; show them oldest object first.
  const all = [...byObject.values()];
  const lanes = all.slice(0, MAX_LANES).sort((a, b) => eventTime(a.events[a.events.length - 1]) - eventTime(b.events[b.events.length - 1]));
  let start = Infinity;
  let end = -Infinity;
  for (const lane of lanes) {
    for (const event of lane.events) {
      const t = eventTime(event);
      if (t) {
        start = Math.min(start, t);
        end = Math.max(end, t);
      }
    }
  }
  if (!Number.isFinite(start)) return { lanes: [], start: 0, end: 0, hidden: 0 };
  return { lanes, start, end, hidden: all.length - lanes.length };
}
