'use client';
import { useState } from 'react';
import { formatAge } from '@/components/ui/use-now';
import { eventTime, objectKey, type LaneColour, type TimelineEvent } from './event-model';
import { EventRow } from './event-row';

/** A run of similar events about sibling objects, as one row that opens to show each of them. */
export function EventGroupRow({ events, objects, lanes, now, compact }: { events: TimelineEvent[]; objects: string; lanes?: Map<string, LaneColour>; now: number; compact?: boolean }) {
  const [open, setOpen] = useState(false);
  const first = events[0];
  const warning = first.type === 'Warning';
  const oldest = eventTime(events[events.length - 1]);
  const newest = eventTime(first);
  return (
    <>
      <li data-testid="event-group-row" data-type={first.type} data-count={events.length} className={`relative flex gap-3 border-b border-slate-100 py-1.5 pr-3 pl-4 dark:border-slate-800 ${warning ? 'bg-amber-50/70 dark:bg-amber-950/20' : ''}`}>
        <span aria-hidden className="absolute top-1 bottom-1 left-0 w-1 rounded-r bg-[repeating-linear-gradient(180deg,var(--color-slate-400)_0_3px,transparent_3px_6px)]" />
        <div className="w-16 shrink-0 text-right font-mono text-xs leading-5 text-slate-500">{formatAge(newest, now)}</div>
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-x-2 gap-y-0.5">
            {warning && <span className="rounded-full bg-red-100 px-1.5 text-[11px] font-semibold text-red-700 dark:bg-red-950 dark:text-red-300">▲ Warning</span>}
            <span className={`text-sm font-medium ${warning ? 'text-red-700 dark:text-red-300' : 'text-slate-800 dark:text-slate-200'}`}>{first.reason}</span>
            <span className="rounded bg-sky-100 px-1.5 text-[11px] font-semibold text-sky-800 dark:bg-sky-950 dark:text-sky-300">{events.length} objects</span>
            <span className="font-mono text-xs text-slate-600 dark:text-slate-400">{objects}</span>
            {oldest < newest && <span className="text-xs text-slate-400">over {formatAge(oldest, newest)}</span>}
            <button type="button" aria-expanded={open} onClick={() => setOpen(!open)} className="ml-auto text-xs text-sky-700 hover:underline dark:text-sky-300">
              {open ? 'Hide each' : `Show each (${events.length})`}
            </button>
          </div>
          <p className="text-sm break-words text-slate-700 dark:text-slate-300">{first.message}</p>
        </div>
      </li>
      {open && events.map((event) => <EventRow key={event.uid} event={event} lane={lanes?.get(objectKey(event))} now={now} compact={compact} nested />)}
    </>
  );
}
