import type { KubeObject } from '@drydock/util';

export type EventType = 'Normal' | 'Warning';

/** core/v1 ObjectReference: what an Event is about (`fieldPath` names a container: `spec.containers{web}`). */
export interface ObjectReference {
  kind: string;
  namespace?: string;
  name: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

/** A core/v1 Event as the recorder writes it. */
export interface CoreEvent extends KubeObject {
  involvedObject: ObjectReference;
  reason: string;
  message: string;
  source: { component: string; host?: string };
  firstTimestamp: string;
  lastTimestamp: string;
  count: number;
  type: EventType;
  reportingComponent: string;
  reportingInstance: string;
}

/** What to write for an event: a new Event, or a PATCH of count/lastTimestamp/message on an existing one. */
export interface CorrelatedEvent {
  event: CoreEvent;
  /** True when `event` repeats one already written under the same name. */
  isUpdate: boolean;
  /** The key writes of the same Event are ordered by. */
  key: string;
  /** True when the object's spam budget is spent: do not write (the count still advances). */
  skip: boolean;
}

export interface EventCorrelatorOptions {
  /** Repeats within this window are one Event (default 10 min, upstream's aggregation interval). */
  windowMs?: number;
  /** Distinct messages of one (object, type, reason) within the window before they are combined (default 10). */
  similarThreshold?: number;
  /** Events remembered (default 4096, as upstream's LRU). */
  maxEntries?: number;
  /** Writes per (source, object) in a burst, then one per refill interval (default 25 and 5 min, upstream's spam filter). */
  spamBurst?: number;
  spamRefillMs?: number;
}

interface Observed {
  name: string;
  firstTimestamp: string;
  count: number;
  lastSeenMs: number;
}

export const COMBINED_PREFIX = '(combined from similar events): ';

/**
 * client-go's EventCorrelator without I/O: an event identical to one seen within the window (same
 * object, type, reason, message, source) becomes an update of that Event (count + 1, lastTimestamp);
 * once `similarThreshold` distinct messages of the same (object, type, reason) arrive within the
 * window, further ones are combined into one Event whose message is prefixed as upstream. Past
 * `spamBurst` writes about one object (refilled one per `spamRefillMs`), writes are skipped.
 */
export class EventCorrelator {
  private readonly windowMs: number;
  private readonly similarThreshold: number;
  private readonly maxEntries: number;
  private readonly observed = new Map<string, Observed>();
  private readonly similar = new Map<string, { messages: Set<string>; lastSeenMs: number }>();
  private readonly spamBudgets = new Map<string, { tokens: number; atMs: number }>();

  constructor(private readonly options: EventCorrelatorOptions = {}) {
    this.windowMs = options.windowMs ?? 10 * 60_000;
    this.similarThreshold = options.similarThreshold ?? 10;
    this.maxEntries = options.maxEntries ?? 4096;
  }

  /** Correlates a fresh event (count 1, its own name) seen at `nowMs`. Does not modify `event`. */
  correlate(event: CoreEvent, nowMs: number): CorrelatedEvent {
    const aggregateKey = keyOf(event, false);
    const combined = this.isSimilarFlood(aggregateKey, event.message, nowMs);
    const message = combined ? COMBINED_PREFIX + event.message : event.message;
    const key = combined ? aggregateKey : keyOf(event, true);
    const previous = this.observed.get(key);
    if (previous && nowMs - previous.lastSeenMs <= this.windowMs) {
      const repeat = { ...previous, count: previous.count + 1, lastSeenMs: nowMs };
      this.remember(key, repeat);
      const updated: CoreEvent = { ...event, message, metadata: { ...event.metadata, name: repeat.name }, firstTimestamp: repeat.firstTimestamp, count: repeat.count };
      return { event: updated, isUpdate: true, key, skip: this.isSpam(event, nowMs) };
    }
    this.remember(key, { name: event.metadata.name!, firstTimestamp: event.firstTimestamp, count: 1, lastSeenMs: nowMs });
    return { event: { ...event, message }, isUpdate: false, key, skip: this.isSpam(event, nowMs) };
  }

  /** Forgets an Event whose write failed for good, so the next repeat creates it afresh. */
  forget(key: string): void {
    this.observed.delete(key);
  }

  private isSimilarFlood(aggregateKey: string, message: string, nowMs: number): boolean {
    let record = this.similar.get(aggregateKey);
    if (!record || nowMs - record.lastSeenMs > this.windowMs) record = { messages: new Set(), lastSeenMs: nowMs };
    record.messages.add(message);
    record.lastSeenMs = nowMs;
    this.similar.delete(aggregateKey);
    this.similar.set(aggregateKey, record);
    if (this.similar.size > this.maxEntries) this.similar.delete(this.similar.keys().next().value!);
    return record.messages.size >= this.similarThreshold;
  }

  /** A token bucket per (source, involved object). */
  private isSpam(event: CoreEvent, nowMs: number): boolean {
    const burst = this.options.spamBurst ?? 25;
    const refillMs = this.options.spamRefillMs ?? 5 * 60_000;
    const key = spamKeyOf(event);
    const budget = this.spamBudgets.get(key) ?? { tokens: burst, atMs: nowMs };
    budget.tokens = Math.min(burst, budget.tokens + (nowMs - budget.atMs) / refillMs);
    budget.atMs = nowMs;
    const allowed = budget.tokens >= 1;
    if (allowed) budget.tokens -= 1;
    this.spamBudgets.delete(key);
    this.spamBudgets.set(key, budget);
    if (this.spamBudgets.size > this.maxEntries) this.spamBudgets.delete(this.spamBudgets.keys().next().value!);
    return !allowed;
  }

  /** LRU: re-inserting moves the key to the end; the oldest is evicted past maxEntries. */
  private remember(key: string, observed: Observed): void {
    this.observed.delete(key);
    this.observed.set(key, observed);
    if (this.observed.size > this.maxEntries) this.observed.delete(this.observed.keys().next().value!);
  }
}

function spamKeyOf(event: CoreEvent): string {
  const o = event.involvedObject;
  return [event.source.component, event.source.host ?? '', o.kind, o.namespace ?? '', o.name, o.uid ?? '', o.apiVersion ?? ''].join('\u0000');
}

function keyOf(event: CoreEvent, withMessage: boolean): string {
  const o = event.involvedObject;
  const parts = [event.source.component, event.source.host ?? '', o.kind, o.namespace ?? '', o.name, o.uid ?? '', o.apiVersion ?? '', o.fieldPath ?? '', event.type, event.reason];
  if (withMessage) parts.push(event.message);
  return parts.join('\u0000');
}
