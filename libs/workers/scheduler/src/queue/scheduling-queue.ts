import type { Clock } from '@drydock/util';
import { podKey } from '../framework/node-info';
import type { Pod } from '../framework/types';
import { Heap } from './heap';

export const INITIAL_BACKOFF_MS = 1_000;
export const MAX_BACKOFF_MS = 10_000;
/** Upstream's podMaxInUnschedulablePodsDuration: unschedulable pods are retried at least this often. */
export const MAX_IN_UNSCHEDULABLE_MS = 5 * 60_000;

/** A pod waiting to be scheduled, with its attempt history. */
export interface QueuedPod {
  key: string;
  pod: Pod;
  attempts: number;
  /** Arrival order (ordering among equal priorities). */
  enqueuedAt: number;
  /** Real ms when the last attempt failed. */
  failedAt: number;
  where: 'active' | 'backoff' | 'unschedulable' | 'in-flight';
  /** Bumped on each heap insertion so stale heap entries can be told apart. */
  ticket: number;
  /** The scheduling cycle in which the pod was popped. */
  cycle: number;
}

type HeapEntry = { entry: QueuedPod; ticket: number; at: number };

let arrivals = 0;

/**
 * Upstream's PriorityQueue: activeQ (highest priority, then oldest, first), backoffQ (failed pods wait
 * 1 s doubling per attempt up to 10 s, in simulated time) and the unschedulable pool (pods that wait
 * for a cluster change that may help them: moveAllToActiveOrBackoff). Single-threaded; `pop` is async
 * only to wait for work.
 */
export class SchedulingQueue {
  private readonly entries = new Map<string, QueuedPod>();
  private readonly active = new Heap<HeapEntry>((a, b) => priorityOf(a.entry.pod) > priorityOf(b.entry.pod) || (priorityOf(a.entry.pod) === priorityOf(b.entry.pod) && a.at < b.at));
  private readonly backoff = new Heap<HeapEntry>((a, b) => a.at < b.at);
  private waiter: ((entry: QueuedPod | undefined) => void) | null = null;
  private backoffTimer: NodeJS.Timeout | null = null;
  private leftoverTimer: NodeJS.Timeout | null = null;
  private schedulingCycle = 0;
  private moveRequestCycle = -1;
  private closed = false;

  constructor(private readonly clock: Clock) {
    this.leftoverTimer = clock.setInterval(() => this.flushUnschedulableLeftover(), 30_000);
    this.leftoverTimer.unref?.();
  }

  /** A new pending pod, or a newer version of one already queued (kept where it is). */
  add(pod: Pod): void {
    const key = podKey(pod);
    const existing = this.entries.get(key);
    if (existing) {
      existing.pod = pod;
      return;
    }
    const entry: QueuedPod = { key, pod, attempts: 0, enqueuedAt: ++arrivals, failedAt: 0, where: 'active', ticket: 0, cycle: 0 };
    this.entries.set(key, entry);
    this.pushActive(entry);
  }

  /** The pod changed in a way that may make it schedulable: an unschedulable one is retried. */
  update(pod: Pod): void {
    const entry = this.entries.get(podKey(pod));
    if (!entry) return this.add(pod);
    entry.pod = pod;
    if (entry.where === 'unschedulable') this.requeue(entry);
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    entry.ticket++;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** The next pod to schedule; resolves undefined once closed. */
  pop(): Promise<QueuedPod | undefined> {
    const entry = this.tryPop();
    if (entry || this.closed) return Promise.resolve(entry);
    return new Promise((resolve) => (this.waiter = resolve));
  }

  /** The next pod if one is ready now (for batching cycles without awaiting). */
  tryPop(): QueuedPod | undefined {
    for (let top = this.active.pop(); top; top = this.active.pop()) {
      const entry = top.entry;
      if (top.ticket !== entry.ticket || this.entries.get(entry.key) !== entry) continue;
      entry.where = 'in-flight';
      entry.attempts++;
      entry.cycle = ++this.schedulingCycle;
      return entry;
    }
    return undefined;
  }

  /** The pod was scheduled (or left our responsibility): forget it. */
  done(key: string): void {
    const entry = this.entries.get(key);
    if (entry?.where === 'in-flight') this.delete(key);
  }

  /**
   * The attempt failed. Unschedulable pods wait in the pool for a cluster change, unless one already
   * happened during their cycle; errors (e.g. a failed binding) go to back-off directly.
   */
  addUnschedulable(entry: QueuedPod, reason: 'unschedulable' | 'error'): void {
    if (this.entries.get(entry.key) !== entry) return;
    entry.failedAt = Date.now();
    if (reason === 'error' || this.moveRequestCycle >= entry.cycle) this.requeue(entry);
    else entry.where = 'unschedulable';
  }

  /** A cluster change that may help (node added or changed, pod deleted): retry every unschedulable pod. */
  moveAllToActiveOrBackoff(): void {
    this.moveRequestCycle = this.schedulingCycle;
    for (const entry of this.entries.values()) if (entry.where === 'unschedulable') this.requeue(entry);
  }

  get length(): number {
    return this.entries.size;
  }

  counts(): Record<QueuedPod['where'], number> {
    const counts = { active: 0, backoff: 0, unschedulable: 0, 'in-flight': 0 };
    for (const entry of this.entries.values()) counts[entry.where]++;
    return counts;
  }

  close(): void {
    this.closed = true;
    if (this.backoffTimer) clearTimeout(this.backoffTimer);
    if (this.leftoverTimer) clearInterval(this.leftoverTimer);
    this.waiter?.(undefined);
    this.waiter = null;
  }

  /** Real ms at which the entry's back-off ends. */
  backoffExpiry(entry: QueuedPod): number {
    const simulated = Math.min(MAX_BACKOFF_MS, INITIAL_BACKOFF_MS * 2 ** Math.max(0, entry.attempts - 1));
    return entry.failedAt + this.clock.realMs(simulated);
  }

  private requeue(entry: QueuedPod): void {
    const expiry = this.backoffExpiry(entry);
    if (expiry <= Date.now()) return this.pushActive(entry);
    entry.where = 'backoff';
    this.backoff.push({ entry, ticket: ++entry.ticket, at: expiry });
    this.armBackoffTimer();
  }

  private pushActive(entry: QueuedPod): void {
    entry.where = 'active';
    this.active.push({ entry, ticket: ++entry.ticket, at: entry.enqueuedAt });
    if (this.waiter) {
      const waiter = this.waiter;
      this.waiter = null;
      const next = this.tryPop();
      if (next) waiter(next);
      else this.waiter = waiter;
    }
  }

  private armBackoffTimer(): void {
    const top = this.backoff.peek();
    if (!top || this.closed) return;
    if (this.backoffTimer) clearTimeout(this.backoffTimer);
    this.backoffTimer = setTimeout(() => this.flushBackoff(), Math.max(0, top.at - Date.now()));
  }

  private flushBackoff(): void {
    this.backoffTimer = null;
    const now = Date.now();
    for (let top = this.backoff.peek(); top && top.at <= now; top = this.backoff.peek()) {
      this.backoff.pop();
      if (top.ticket === top.entry.ticket && this.entries.get(top.entry.key) === top.entry) this.pushActive(top.entry);
    }
    this.armBackoffTimer();
  }

  private flushUnschedulableLeftover(): void {
    const limit = this.clock.realMs(MAX_IN_UNSCHEDULABLE_MS);
    const now = Date.now();
    for (const entry of this.entries.values()) if (entry.where === 'unschedulable' && now - entry.failedAt > limit) this.requeue(entry);
  }
}

function priorityOf(pod: Pod): number {
  return pod.spec.priority ?? 0;
}
