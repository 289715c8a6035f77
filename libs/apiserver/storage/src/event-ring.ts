import type { ChangeEvent } from './store.types';

export interface EventRingOptions {
  /** Keep events at least this long. Default 75 s (upstream's eventFreshDuration). */
  minAgeMs?: number;
  /** Keep at least this many events, however old. Default 10,000. */
  minEvents?: number;
  /** Never keep more than this many, whatever their age (bounds memory). Default 500,000. */
  maxEvents?: number;
}

/**
 * The recent change events of a watch cache: consecutive revisions (floor, latest]. A watch can
 * resume from any revision >= floor; older ones are gone (410).
 */
export class EventRing {
  private events: ChangeEvent[] = [];
  private times: number[] = [];
  private head = 0;
  private floorRevision: number;
  private readonly minAgeMs: number;
  private readonly minEvents: number;
  private readonly maxEvents: number;

  constructor(startRevision: number, options: EventRingOptions = {}) {
    this.floorRevision = startRevision;
    this.minAgeMs = options.minAgeMs ?? 75_000;
    this.minEvents = options.minEvents ?? 10_000;
    this.maxEvents = Math.max(options.maxEvents ?? 500_000, this.minEvents);
  }

  /** Every event with revision > floor is held. */
  get floor(): number {
    return this.floorRevision;
  }

  get latest(): number {
    return this.floorRevision + this.size;
  }

  get size(): number {
    return this.events.length - this.head;
  }

  /** Appends the next event; its revision must be latest + 1 (the change log is gap-free). */
  push(event: ChangeEvent, now: number): void {
    if (event.revision !== this.latest + 1) {
      throw new Error(`event ring: expected revision ${this.latest + 1}, got ${event.revision}`);
    }
    this.events.push(event);
    this.times.push(now);
  }

  /** Drops events older than minAgeMs beyond the first minEvents, and any beyond maxEvents. */
  evict(now: number): void {
    const oldest = now - this.minAgeMs;
    while (this.size > this.maxEvents || (this.size > this.minEvents && this.times[this.head] < oldest)) {
      this.head++;
      this.floorRevision++;
    }
    if (this.head > 1024 && this.head * 2 > this.events.length) {
      this.events = this.events.slice(this.head);
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
  }

  covers(revision: number): boolean {
    return revision >= this.floorRevision;
  }

  /** Events with revision > `revision`, oldest first; `revision` must be covered. */
  after(revision: number): ChangeEvent[] {
    if (!this.covers(revision)) throw new Error(`event ring: revision ${revision} is older than ${this.floorRevision}`);
    const start = this.head + Math.max(0, revision - this.floorRevision);
    return this.events.slice(start);
  }

  /** Forgets everything and starts again after `revision` (after a resync). */
  reset(revision: number): void {
    this.events = [];
    this.times = [];
    this.head = 0;
    this.floorRevision = revision;
  }
}
