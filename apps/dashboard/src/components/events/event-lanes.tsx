'use client';
import { useMemo, useState } from 'react';
import { eventTime, objectKey, type LaneColour, type TimelineEvent } from './event-model';

const LANES = 7;
const ALL_LANES = 40;
/** Time spans of the axis, ending at the newest event (0: everything shown). */
const ZOOMS: [string, number][] = [
  ['all', 0],
  ['15m', 15 * 60_000],
  ['5m', 5 * 60_000],
  ['1m', 60_000],
];
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
export function EventLanes({ events, colours, hierarchy, onSelect }: { events: TimelineEvent[]; colours: Map<string, LaneColour>; hierarchy?: boolean; onSelect?: (object: TimelineEvent['involvedObject']) => void }) {
  const [open, setOpen] = useState(true);
  const [all, setAll] = useState(false);
  const [zoom, setZoom] = useState(0);
  const { lanes, start: first, end, hidden } = useMemo(() => buildLanes(events, all ? ALL_LANES : LANES, hierarchy), [events, all, hierarchy]);
  const start = zoom ? Math.max(first, end - zoom) : first;
  if (lanes.length === 0) return null;
  const header = (
    <div className="flex items-center gap-3 text-xs text-slate-500">
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)} className="font-semibold tracking-wide whitespace-nowrap text-slate-600 uppercase hover:text-slate-900 dark:text-slate-300 dark:hover:text-white">
        <span aria-hidden>{open ? '▾' : '▸'}</span> Lanes by object
      </button>
      {open && <span className="min-w-0 truncate">{hierarchy ? 'workload, ReplicaSets, then pods in their ReplicaSet’s colour' : 'the most recently active objects'} · bar: a repeated event · red: warning</span>}
      {open && (
        <span className="ml-auto flex shrink-0 items-center gap-1" role="group" aria-label="Time span">
          {ZOOMS.map(([label, ms]) => (
            <button key={label} type="button" aria-pressed={zoom === ms} onClick={() => setZoom(ms)} className="rounded px-1.5 hover:bg-slate-100 aria-pressed:bg-sky-100 aria-pressed:text-sky-800 dark:hover:bg-slate-800 dark:aria-pressed:bg-sky-950 dark:aria-pressed:text-sky-300">
              {label}
            </button>
          ))}
        </span>
      )}
      {open && (hidden > 0 || all) && (
        <button type="button" onClick={() => setAll(!all)} className="shrink-0 whitespace-nowrap text-sky-700 hover:underline dark:text-sky-300">
          {all ? 'Fewer lanes' : `All lanes (+${hidden})`}
        </button>
      )}
    </div>
  );
  if (!open) return <section aria-label="Event lanes by object" className="rounded-lg border border-slate-200 bg-white px-3 py-2 dark:border-slate-800 dark:bg-slate-900">{header}</section>;
  const span = Math.max(end - start, 1000);
  const at = (t: number) => `${(((t - start) / span) * 100).toFixed(2)}%`;
  return (
    <section aria-label="Event lanes by object" data-testid="event-lanes" className="space-y-2 rounded-lg border border-slate-200 bg-white px-3 py-2 dark:border-slate-800 dark:bg-slate-900">
      {header}
      <ul className="space-y-0.5">
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
              <div className="relative h-3.5 min-w-0 flex-1 rounded bg-slate-100 dark:bg-slate-800">
                {lane.events.map((event) => {
                  const last = eventTime(event);
                  if (last < start) return null;
                  const first = Date.parse(event.firstTimestamp ?? '');
                  const warning = event.type === 'Warning';
                  const tone = warning ? 'bg-red-500' : (colour?.dot ?? 'bg-slate-400');
                  const label = `${event.reason ?? ''}${event.count > 1 ? ` ×${event.count}` : ''}: ${event.message ?? ''}`;
                  if (event.count > 1 && Number.isFinite(first) && first < last) {
                    return <span key={event.uid} title={label} className={`absolute top-[5px] h-1 rounded ${tone} opacity-70`} style={{ left: at(Math.max(first, start)), width: `calc(${at(last)} - ${at(Math.max(first, start))} + 4px)` }} />;
                  }
                  return <span key={event.uid} title={label} className={`absolute top-[3px] -ml-1 h-2 w-2 rounded-full ring-1 ring-white dark:ring-slate-900 ${tone}`} style={{ left: at(last) }} />;
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
      <div className="flex justify-between pl-[13.5rem] pr-16 text-[11px] text-slate-400">
        <span>{new Date(start).toLocaleTimeString([], { hour12: false })}</span>
        <span>{new Date(end).toLocaleTimeString([], { hour12: false })}</span>
      </div>
    </section>
  );
}

function buildLanes(events: TimelineEvent[], max: number, hierarchy = false) {
  const byObject = new Map<string, Lane>();
  for (const event of events) {
    const key = objectKey(event);
    let lane = byObject.get(key);
    if (!lane) byObject.set(key, (lane = { key, object: event.involvedObject, events: [], warnings: 0 }));
    if (lane.events.length < MAX_MARKS_PER_LANE) lane.events.push(event);
    if (event.type === 'Warning') lane.warnings++;
  }
  // Newest-first input: the first lanes met are the most recently active ones; draw them as a hierarchy
  // (workload, then its ReplicaSets/Jobs, then pods), each level oldest first, so lanes stay put.
  // With a workload's related objects, the workload and its ReplicaSets always get lanes before pods.
  const all = [...byObject.values()];
  const oldest = (lane: Lane) => eventTime(lane.events[lane.events.length - 1]);
  const candidates = hierarchy ? [...all].sort((a, b) => rank(a.object.kind) - rank(b.object.kind)) : all;
  const lanes = candidates.slice(0, max).sort((a, b) => rank(a.object.kind) - rank(b.object.kind) || oldest(a) - oldest(b));
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

function rank(kind: string): number {
  if (kind === 'Node') return 0;
  if (['Deployment', 'StatefulSet', 'DaemonSet', 'CronJob'].includes(kind)) return 1;
  if (kind === 'ReplicaSet' || kind === 'Job') return 2;
  if (kind === 'Pod') return 3;
  return 4;
}
