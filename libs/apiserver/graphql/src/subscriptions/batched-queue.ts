export const BATCH_WINDOW_MS = 250;
/** Batches a client has not taken yet beyond which new windows join the last one (a slow client gets fewer, larger messages). */
export const MAX_PENDING_BATCHES = 40;
/**
 * Changes a client may leave untaken before its subscription is ended (DRYDOCK_GRAPHQL_MAX_PENDING_CHANGES):
 * a subscriber that does not read would otherwise make the server keep every change for it, as a
 * REST watcher that does not read is cut rather than buffered for (upstream's cacheWatcher).
 */
export const MAX_PENDING_CHANGES = Number(process.env.DRYDOCK_GRAPHQL_MAX_PENDING_CHANGES ?? 10_000);

/** What the queue does about a subscriber that fell behind. */
export interface PendingLimit {
  maxPending?: number;
  /** Called once when more than `maxPending` changes wait (the transport closes the subscriber). */
  onOverflow?: () => void;
}

/**
 * An async iterator of batches for a GraphQL subscription: items pushed within one window (at most
 * `windowMs` after the first of them) are delivered as one array, so 10,000 changes become a few
 * messages rather than 10,000. Items with the same key inside a window are merged (the last state of
 * an object wins). `return()` (the client unsubscribed) runs `onClose` once. When more than
 * `maxPending` changes wait untaken, the queue drops them, ends (its next() rejects) and calls
 * `onOverflow`: the subscriber is cut, and resubscribes to start again from the current state.
 */
export class BatchedQueue<T> implements AsyncIterableIterator<T[]> {
  private buffer: T[] = [];
  private readonly positions = new Map<string, number>();
  private readonly ready: T[][] = [];
  private waiting: ((result: IteratorResult<T[]>) => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private pending = 0;
  private overflowed: Error | undefined;

  constructor(
    private readonly onClose: () => void = () => undefined,
    private readonly windowMs = BATCH_WINDOW_MS,
    private readonly merge: (previous: T, next: T) => T = (_previous, next) => next,
    private readonly limit: PendingLimit = {},
  ) {}

  push(item: T, key?: string): void {
    if (this.closed) return;
    const at = key === undefined ? undefined : this.positions.get(key);
    if (at !== undefined) this.buffer[at] = this.merge(this.buffer[at], item);
    else {
      if (++this.pending > (this.limit.maxPending ?? MAX_PENDING_CHANGES)) return this.overflow();
      if (key !== undefined) this.positions.set(key, this.buffer.length);
      this.buffer.push(item);
    }
    this.timer ??= setTimeout(() => this.flush(), this.windowMs);
  }

  /** Ends the stream after what was already pushed (the source ended). */
  end(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    this.onClose();
    this.resolveWaiting();
  }

  next(): Promise<IteratorResult<T[]>> {
    if (this.overflowed) return Promise.reject(this.overflowed);
    const batch = this.ready.shift();
    if (batch) {
      this.pending -= batch.length;
      return Promise.resolve({ value: batch, done: false });
    }
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<T[]>> {
    if (!this.closed) {
      this.closed = true;
      clearTimeout(this.timer);
      this.buffer = [];
      this.ready.length = 0;
      this.onClose();
    }
    this.resolveWaiting();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error: unknown): Promise<IteratorResult<T[]>> {
    void this.return();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private overflow(): void {
    const max = this.limit.maxPending ?? MAX_PENDING_CHANGES;
    this.overflowed = new Error(`the subscriber fell more than ${max} changes behind; subscribe again`);
    void this.return();
    this.limit.onOverflow?.();
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    this.positions.clear();
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      this.pending -= batch.length;
      resolve({ value: batch, done: false });
    } else if (this.ready.length >= MAX_PENDING_BATCHES) this.ready[this.ready.length - 1].push(...batch);
    else this.ready.push(batch);
  }

  private resolveWaiting(): void {
    if (!this.waiting) return;
    const resolve = this.waiting;
    this.waiting = undefined;
    const batch = this.ready.shift();
    if (batch) this.pending -= batch.length;
    resolve(batch ? { value: batch, done: false } : { value: undefined, done: true });
  }
}
