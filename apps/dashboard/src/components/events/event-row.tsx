'use client';
import Link from 'next/link';
import { memo } from 'react';
import { objectHref } from '@/components/ui/object-href';
import { formatAge } from '@/components/ui/use-now';
import { eventTime, type LaneColour, type TimelineEvent } from './event-model';

function clock(t: number): string {
  return t ? new Date(t).toLocaleTimeString([], { hour12: false }) : '—';
}

/** The object's page, or for kinds without one (Service, ConfigMap…) the timeline of its events. */
export function ObjectName({ object }: { object: TimelineEvent['involvedObject'] }) {
  const page = objectHref(object);
  const events = new URLSearchParams({ kind: object.kind, name: object.name });
  if (object.namespace) events.set('namespace', object.namespace);
  return (
    <Link href={page ?? `/events?${events}`} title={page ? `Open ${object.kind} ${object.name}` : `Events of ${object.kind} ${object.name}`} className="font-mono text-xs text-sky-700 hover:underline dark:text-sky-300">
      {object.kind.toLowerCase()}/{object.name}
    </Link>
  );
}

/** One event: when, which object, what happened (warnings tinted), how often and who reported it. */
export const EventRow = memo(function EventRow({ event, lane, now, compact, nested }: { event: TimelineEvent; lane?: LaneColour; now: number; compact?: boolean; nested?: boolean }) {
  const t = eventTime(event);
  const first = Date.parse(event.firstTimestamp ?? '');
  const warning = event.type === 'Warning';
  return (
    <li
      data-testid="event"
      data-type={event.type}
      data-object={`${event.involvedObject.kind}/${event.involvedObject.name}`}
      className={`relative flex gap-3 border-b border-slate-100 py-1.5 pr-3 last:border-b-0 dark:border-slate-800 ${nested ? 'pl-10' : 'pl-4'} ${warning ? 'bg-amber-50/70 dark:bg-amber-950/20' : ''}`}
    >
      <span aria-hidden className={`absolute top-1 bottom-1 left-0 w-1 rounded-r ${lane?.bar ?? 'bg-slate-300 dark:bg-slate-700'}`} />
      <div className="w-16 shrink-0 text-right font-mono text-xs leading-5 text-slate-500" title={event.lastTimestamp ?? undefined}>
        <div>{formatAge(t, now)}</div>
        {!compact && <div className="text-[11px] text-slate-400">{clock(t)}</div>}
      </div>
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-x-2 gap-y-0.5">
          {warning && (
            <span className="inline-flex items-center gap-1 rounded-full bg-red-100 px-1.5 text-[11px] font-semibold text-red-700 dark:bg-red-950 dark:text-red-300">
              <span aria-hidden>▲</span>Warning
            </span>
          )}
          <span className={`text-sm font-medium ${warning ? 'text-red-700 dark:text-red-300' : 'text-slate-800 dark:text-slate-200'}`}>{event.reason || '(no reason)'}</span>
          <ObjectName object={event.involvedObject} />
          {!compact && event.involvedObject.namespace && <span className="text-xs text-slate-400">in {event.involvedObject.namespace}</span>}
          {event.count > 1 && (
            <span className="rounded bg-slate-200 px-1 text-[11px] font-medium text-slate-700 dark:bg-slate-700 dark:text-slate-200" title={`Seen ${event.count} times${Number.isFinite(first) ? `, first ${formatAge(first, now)} ago` : ''}`}>
              ×{event.count}
              {!compact && Number.isFinite(first) && first < t ? ` in ${formatAge(first, t)}` : ''}
            </span>
          )}
          {!compact && <span className="ml-auto truncate text-xs text-slate-400" title="Reported by">{event.source ?? ''}</span>}
        </div>
        <p className={`text-sm break-words text-slate-700 dark:text-slate-300 ${compact ? 'line-clamp-2' : ''}`}>{event.message}</p>
      </div>
      {lane && !compact && <span aria-hidden className={`mt-1.5 h-2 w-2 shrink-0 rounded-full ${lane.dot}`} />}
    </li>
  );
});
