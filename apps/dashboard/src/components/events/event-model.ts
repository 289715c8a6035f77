/** Events as the timeline holds them, and the pure functions that filter, merge and group them. */
export type WorkloadKindName = 'Deployment' | 'ReplicaSet' | 'StatefulSet' | 'DaemonSet' | 'Job' | 'CronJob';

/** What the timeline shows: the GraphQL EventFilter (with includeRelated for a workload's ReplicaSets and pods). */
export interface TimelineFilter {
  namespace?: string;
  kind?: string;
  name?: string;
  uid?: string;
  type?: string;
  reason?: string;
  includeRelated?: boolean;
  /** Only events last seen at or after this RFC 3339 time. */
  since?: string;
  /** Free text matched in the browser against reason, message, object and source (not sent to the server). */
  search?: string;
}

export interface TimelineEvent {
  uid: string;
  namespace?: string | null;
  type: string;
  reason?: string | null;
  message?: string | null;
  count: number;
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  source?: string | null;
  involvedObject: { apiVersion?: string | null; kind: string; namespace?: string | null; name: string; uid?: string | null };
}

export const EVENT_FIELDS = 'uid namespace type reason message count firstTimestamp lastTimestamp source involvedObject { apiVersion kind namespace name uid }';

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

/** Lane colours per object, assigned oldest first so that they stay put as newer events arrive (newest-first input). */
export function laneColours(events: TimelineEvent[]): Map<string, LaneColour> {
  const lanes = new Map<string, LaneColour>();
  for (let i = events.length - 1; i >= 0; i--) {
    const key = objectKey(events[i]);
    if (!lanes.has(key)) lanes.set(key, LANE_COLOURS[Math.min(lanes.size, LANE_COLOURS.length - 1)]);
  }
  return lanes;
}

/** In a busy view (many objects), colours for the most recently active objects only; the rest stay neutral. */
export function recentColours(events: TimelineEvent[], count = LANE_COLOURS.length - 1): Map<string, LaneColour> {
  const lanes = new Map<string, LaneColour>();
  for (const event of events) {
    if (lanes.size >= count) break;
    const key = objectKey(event);
    if (!lanes.has(key)) lanes.set(key, LANE_COLOURS[lanes.size]);
  }
  return lanes;
}
