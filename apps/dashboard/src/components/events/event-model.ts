/** Events as the timeline holds them, and the pure functions that filter, merge and group them. */
import type { EventFilter, TimelineEventFragment, WorkloadKind } from '@/lib/graphql-types.generated';

export type WorkloadKindName = WorkloadKind;

/** What the timeline shows: the GraphQL EventFilter's fields, absent rather than null (includeRelated adds a workload's ReplicaSets and pods). */
export type TimelineFilter = { [K in Exclude<keyof EventFilter, 'limit'>]?: NonNullable<EventFilter[K]> } & {
  /** Free text matched in the browser against reason, message, object and source (not sent to the server). */
  search?: string;
};

export type TimelineEvent = TimelineEventFragment;

export const EVENT_FIELDS = /* GraphQL */ `fragment TimelineEvent on Event {
  uid namespace type reason message count firstTimestamp lastTimestamp source involvedObject { apiVersion kind namespace name uid }
}`;

/** Events kept in memory: the newest ones; older ones fall off as new ones arrive. */
export const EVENT_BUFFER = 5000;

export function eventTime(event: TimelineEvent): number {
  const t = Date.parse(event.lastTimestamp ?? event.firstTimestamp ?? '');
  return Number.isNaN(t) ? 0 : t;
}

export function objectKey(event: TimelineEvent): string {
  const o = event.involvedObject;
  return `${o.kind}/${o.namespace ?? ''}/${o.name}`;
}

const CHILD_KINDS = new Set(['ReplicaSet', 'Pod', 'Job', 'ControllerRevision']);

/** Whether an event (e.g. one arriving live) belongs to the filter the server was asked for. */
export function matchesServerFilter(event: TimelineEvent, filter: TimelineFilter): boolean {
  const o = event.involvedObject;
  if (filter.namespace && (event.namespace ?? o.namespace) !== filter.namespace) return false;
  if (filter.type && event.type !== filter.type) return false;
  if (filter.reason && event.reason !== filter.reason) return false;
  if (filter.uid && o.uid !== filter.uid) return false;
  if (filter.since && eventTime(event) < Date.parse(filter.since)) return false;
  const self = (!filter.kind || o.kind === filter.kind) && (!filter.name || o.name === filter.name);
  if (self) return true;
  // A workload's related objects are named after it with one generated segment, then maybe a pod suffix:
  // web-7d9f8c (ReplicaSet), web-7d9f8c-x2k4q (its Pod), db-0 (StatefulSet Pod), cron-28473 (Job), cron-28473-abcde.
  // One segment, so Deployment "web" does not claim the pods of "web-api".
  return Boolean(filter.includeRelated && filter.name && CHILD_KINDS.has(o.kind) && relatedName(filter.name).test(o.name));
}

const relatedNames = new Map<string, RegExp>();
function relatedName(owner: string): RegExp {
  let pattern = relatedNames.get(owner);
  if (!pattern) relatedNames.set(owner, (pattern = new RegExp(`^${owner.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-[a-z0-9]+(-[a-z0-9]{5})?$`)));
  return pattern;
}

export function matchesSearch(event: TimelineEvent, search: string): boolean {
  if (!search) return true;
  const o = event.involvedObject;
  const haystack = `${event.reason ?? ''} ${event.message ?? ''} ${o.kind} ${o.kind.toLowerCase()}/${o.name} ${o.namespace ?? ''} ${event.source ?? ''} ${event.type}`.toLowerCase();
  return search
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

/** Merges a batch into the list (an event seen again replaces its older copy), newest first, capped. */
export function mergeEvents(current: TimelineEvent[], batch: TimelineEvent[], cap = EVENT_BUFFER): TimelineEvent[] {
  if (batch.length === 0) return current;
  const incoming = new Map(batch.map((e) => [e.uid, e]));
  const kept = current.filter((e) => !incoming.has(e.uid));
  const merged = [...incoming.values(), ...kept].sort((a, b) => eventTime(b) - eventTime(a));
  return merged.length > cap ? merged.slice(0, cap) : merged;
}

/** The heading an event is grouped under: recent minutes first, then hours of today, then days. */
export function timeGroup(t: number, now: number): string {
  const age = now - t;
  if (t === 0) return 'Unknown time';
  if (age < 60_000) return 'Last minute';
  if (age < 5 * 60_000) return 'Last 5 minutes';
  if (age < 15 * 60_000) return 'Last 15 minutes';
  if (age < 60 * 60_000) return 'Last hour';
  const date = new Date(t);
  const today = new Date(now);
  const hour = date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false }).replace(/:\d\d$/, ':00');
  if (date.toDateString() === today.toDateString()) return `Today, ${hour}`;
  return `${date.toLocaleDateString([], { weekday: 'short', month: 'short', day: 'numeric' })}, ${hour}`;
}

/** Colours per object (lanes), never red or amber, which mean Warning. Full class names so Tailwind keeps them. */
export const LANE_COLOURS = [
  { bar: 'bg-sky-500', text: 'text-sky-700 dark:text-sky-300', dot: 'bg-sky-500' },
  { bar: 'bg-fuchsia-500', text: 'text-fuchsia-700 dark:text-fuchsia-300', dot: 'bg-fuchsia-500' },
  { bar: 'bg-lime-500', text: 'text-lime-700 dark:text-lime-300', dot: 'bg-lime-500' },
  { bar: 'bg-violet-500', text: 'text-violet-700 dark:text-violet-300', dot: 'bg-violet-500' },
  { bar: 'bg-teal-500', text: 'text-teal-700 dark:text-teal-300', dot: 'bg-teal-500' },
  { bar: 'bg-pink-500', text: 'text-pink-700 dark:text-pink-300', dot: 'bg-pink-500' },
  { bar: 'bg-indigo-500', text: 'text-indigo-700 dark:text-indigo-300', dot: 'bg-indigo-500' },
  { bar: 'bg-cyan-500', text: 'text-cyan-700 dark:text-cyan-300', dot: 'bg-cyan-500' },
  { bar: 'bg-emerald-500', text: 'text-emerald-700 dark:text-emerald-300', dot: 'bg-emerald-500' },
  { bar: 'bg-slate-400', text: 'text-slate-600 dark:text-slate-300', dot: 'bg-slate-400' },
];
export type LaneColour = (typeof LANE_COLOURS)[number];

/**
 * The family an object's colour follows: a pod takes its ReplicaSet's (or Job's, DaemonSet's,
 * StatefulSet's) by name, so during a rollout the old and the new ReplicaSet's pods read as two colours.
 */
export function familyOf(event: TimelineEvent): string {
  const o = event.involvedObject;
  const namespace = o.namespace ?? event.namespace ?? '';
  if (o.kind === 'Pod') {
    const owner = o.name.replace(/-[a-z0-9]{5}$/, '').replace(/-\d+$/, '');
    return `${namespace}/${owner}`;
  }
  if (o.kind === 'ReplicaSet' || o.kind === 'Job' || o.kind === 'DaemonSet' || o.kind === 'StatefulSet') return `${namespace}/${o.name}`;
  return objectKey(event);
}

/**
 * Colours per object through their families. With few families (a workload and its children) each
 * keeps its colour, assigned oldest first so that it stays put as newer events arrive (input is newest
 * first); with many, the most recently active families get the colours and the rest stay neutral.
 */
export function laneColours(events: TimelineEvent[]): Map<string, LaneColour> {
  const palette = LANE_COLOURS.length - 1; // the last one (slate) is "no colour"
  const families = new Map<string, LaneColour>();
  const order: string[] = [];
  for (let i = events.length - 1; i >= 0; i--) {
    const family = familyOf(events[i]);
    if (!families.has(family)) {
      families.set(family, LANE_COLOURS[0]);
      order.push(family);
    }
  }
  // Many families: give the colours to the most recently active ones.
  const chosen = order.length <= palette ? order : recentFamilies(events, palette);
  families.clear();
  chosen.forEach((family, index) => families.set(family, LANE_COLOURS[index]));
  const colours = new Map<string, LaneColour>();
  for (const event of events) {
    const colour = families.get(familyOf(event));
    if (colour) colours.set(objectKey(event), colour);
  }
  return colours;
}

function recentFamilies(events: TimelineEvent[], count: number): string[] {
  const recent: string[] = [];
  for (const event of events) {
    if (recent.length >= count) break;
    const family = familyOf(event);
    if (!recent.includes(family)) recent.push(family);
  }
  return recent;
}
