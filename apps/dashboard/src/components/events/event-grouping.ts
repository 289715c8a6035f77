import { eventTime, type TimelineEvent } from './event-model';

/** One row of the timeline: an event, or a run of similar events about sibling objects (150 pods "Killing"). */
export type TimelineItem = { kind: 'event'; event: TimelineEvent } | { kind: 'group'; key: string; events: TimelineEvent[]; objects: string };

/** How many similar events in a row make a group. */
export const MIN_RUN = 3;

/**
 * The words of a message that differ between siblings (their names, node names, IPs) blanked out:
 * any token with both a dash or dot and a digit, or the object's own name.
 */
export function messageShape(event: TimelineEvent): string {
  const name = event.involvedObject.name;
  return (event.message ?? '')
    .split(/(\s+|["'()])/)
    .map((token) => (token === name || (/[-.]/.test(token) && /\d/.test(token)) ? '*' : token))
    .join('');
}

/** The name with its last generated segment replaced: bulk-584f765489-v95xq → bulk-584f765489-*. */
function siblingPattern(name: string): string {
  const dash = name.lastIndexOf('-');
  return dash > 0 ? `${name.slice(0, dash)}-*` : name;
}

function shapeKey(event: TimelineEvent): string {
  const o = event.involvedObject;
  return [event.type, event.reason, o.kind, o.namespace, siblingPattern(o.name), messageShape(event)].join('\u0000');
}

/** How far apart (ms) two similar events may be and still share a group. */
export const GROUP_WINDOW = 60_000;

/**
 * Collapses similar events about sibling objects (same type, reason, kind, namespace, sibling name
 * pattern and message shape; at least MIN_RUN distinct objects) into one item placed where the newest
 * of them is. Members may be interleaved with other events (a ReplicaSet's 150 pods each Pulled,
 * Created, Started) but stay within `bucket` (the time heading) and GROUP_WINDOW of the group's newest.
 * Events not in a group keep their order. Input is newest first.
 */
export function groupSimilar(events: TimelineEvent[], bucket: (t: number) => string): TimelineItem[] {
  interface Slot { key: string; events: TimelineEvent[]; newest: number; heading: string }
  const open = new Map<string, Slot>();
  const slotOf: Slot[] = [];
  for (const event of events) {
    const key = shapeKey(event);
    const t = eventTime(event);
    const heading = bucket(t);
    let slot = open.get(key);
    if (!slot || slot.heading !== heading || slot.newest - t > GROUP_WINDOW) {
      slot = { key, events: [], newest: t, heading };
      open.set(key, slot);
    }
    slot.events.push(event);
    slotOf.push(slot);
  }
  const items: TimelineItem[] = [];
  const emitted = new Set<Slot>();
  events.forEach((event, index) => {
    const slot = slotOf[index];
    const grouped = slot.events.length >= MIN_RUN && new Set(slot.events.map((e) => e.involvedObject.name)).size >= MIN_RUN;
    if (!grouped) return void items.push({ kind: 'event', event });
    if (emitted.has(slot)) return;
    emitted.add(slot);
    const o = slot.events[0].involvedObject;
    items.push({ kind: 'group', key: `${slot.key}\u0000${slot.events[0].uid}`, events: slot.events, objects: `${o.kind.toLowerCase()}/${siblingPattern(o.name)}` });
  });
  return items;
}
