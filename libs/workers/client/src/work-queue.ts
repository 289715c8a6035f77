import { Clock, createClock } from '@drydock/util';
import { defaultControllerRateLimiter, RateLimiter } from './rate-limiter';

export interface WorkQueueOptions<K> {
  /** Default: defaultControllerRateLimiter() (5 ms doubling to 1000 s per key, 10 qps / 100 burst overall). */
  rateLimiter?: RateLimiter<K>;
  /** Delays (addAfter, addRateLimited) are simulated ms on this clock (default: real time). */
  clock?: Clock;
}

/**
 * client-go's rate-limited delaying work queue. Contracts:
 * - a key added while queued is queued once; a key added while being processed (between get and
 *   done) is queued again when done is called, so one key is never processed by two workers at once;
 * - addAfter keeps, per key, only the earliest pending delay;
 * - after shutDown, add is ignored, pending delays are dropped and get resolves undefined (also for
 *   callers already waiting), so workers stop at once.
 */
export class WorkQueue<K = string> {
  private readonly queue: K[] = [];
  private readonly dirty = new Set<K>();
  private readonly processing = new Set<K>();
  private readonly waiting = new Map<K, { readyAt: number; timer: NodeJS.Timeout }>();
  private readonly getters: ((key: K | undefined) => void)[] = [];
  private readonly rateLimiter: RateLimiter<K>;
  private readonly clock: Clock;
  private shuttingDown = false;

  constructor(options: WorkQueueOptions<K> = {}) {
    this.rateLimiter = options.rateLimiter ?? defaultControllerRateLimiter<K>();
    this.clock = options.clock ?? createClock(1);
  }

  add(key: K): void {
    if (this.shuttingDown || this.dirty.has(key)) return;
    this.dirty.add(key);
    if (this.processing.has(key)) return;
    this.push(key);
  }

  /** Adds the key once `delayMs` (simulated) passed; at once when delayMs <= 0. */
  addAfter(key: K, delayMs: number): void {
    if (this.shuttingDown) return;
    if (delayMs <= 0) return this.add(key);
    const readyAt = Date.now() + this.clock.realMs(delayMs);
    const pending = this.waiting.get(key);
    if (pending && pending.readyAt <= readyAt) return;
    if (pending) clearTimeout(pending.timer);
    const timer = this.clock.setTimeout(() => {
      this.waiting.delete(key);
      this.add(key);
    }, delayMs);
    this.waiting.set(key, { readyAt, timer });
  }

  /** Adds the key after the rate limiter's delay for it (back-off grows until forget). */
  addRateLimited(key: K): void {
    this.addAfter(key, this.rateLimiter.when(key));
  }

  /** Ends the key's back-off: call after a successful sync. */
  forget(key: K): void {
    this.rateLimiter.forget(key);
  }

  numRequeues(key: K): number {
    return this.rateLimiter.numRequeues(key);
  }

  /** The next key, waiting for one; undefined once shut down. Call done(key) when finished with it. */
  get(): Promise<K | undefined> {
    if (this.shuttingDown) return Promise.resolve(undefined);
    const key = this.queue.shift();
    if (key !== undefined) return Promise.resolve(this.startProcessing(key));
    return new Promise((resolve) => this.getters.push(resolve));
  }

  done(key: K): void {
    this.processing.delete(key);
    if (this.dirty.has(key) && !this.shuttingDown) this.push(key);
  }

  shutDown(): void {
    this.shuttingDown = true;
    for (const { timer } of this.waiting.values()) clearTimeout(timer);
    this.waiting.clear();
    for (const resolve of this.getters.splice(0)) resolve(undefined);
  }

  isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  /** Keys ready to be processed (not those waiting for a delay or being processed). */
  len(): number {
    return this.queue.length;
  }

  private push(key: K): void {
    const getter = this.getters.shift();
    if (getter) getter(this.startProcessing(key));
    else this.queue.push(key);
  }

  private startProcessing(key: K): K {
    this.dirty.delete(key);
    this.processing.add(key);
    return key;
  }
}
