export const BATCH_WINDOW_MS = 250;
/** Batches a client has not taken yet beyond which new windows join the last one (a slow client gets fewer, larger messages). */
export const MAX_PENDING_BATCHES = 40;
/**
 * Changes a client may leave untaken before its subscription is ended (DRYDOCK_GRAPHQL_MAX_PENDING_CHANGES):
 * a subscriber that does not read would otherwise make the server keep every change for it, as a
 * REST watcher that does not read is cut rather than buffered for (upstream's cacheWatcher).
 */
export const MAX_PENDING_CHANGES = Number(process.env.DRYDOCK_GRAPHQL_MAX_PENDING_CHANGES ?? 10_000);
/**
 * Bytes of changes a client may leave untaken (DRYDOCK_GRAPHQL_MAX_PENDING_BYTES, 16 MiB as the REST
 * watcher's and the WebSocket's unsent bound): 10,000 changes of 128 KiB objects would otherwise be
 * 1.2 GiB kept for one subscriber that stopped reading. A change counts the watch line it was read from.
 */
export const MAX_PENDING_BYTES = Number(process.env.DRYDOCK_GRAPHQL_MAX_PENDING_BYTES ?? 16 * 1024 * 1024);

/** What the queue does about a subscriber that fell behind. */
export interface PendingLimit {
  maxPending?: number;
  maxPendingBytes?: number;
  /** Called once when more than `maxPending` changes or `maxPendingBytes` bytes wait (the transport closes the subscriber). */
  onOverflow?: () => void;
}

/**
 * An async iterator of batches for a GraphQL subscription: items pushed within one window (at most
 * `windowMs` after the first of them) are delivered as one array, so 10,000 changes become a few
 * messages rather than 10,000. Items with the same key inside a window are merged (the last state of
 * an object wins). `return()` (the client unsubscribed) runs `onClose` once. When more than
 * `maxPending` changes (or `maxPendingBytes` of them, as `push` sized them) wait untaken, the queue drops them, ends (its next() rejects) and calls
 * `onOverflow`: the subscriber is cut, and resubscribes to start again from the current state.
 */
export class BatchedQueue<T> implements AsyncIterableIterator<T[]> {
  private buffer: T[] = [];
  /** The size of each buffered item, beside `buffer`. */
  private bufferBytes: number[] = [];
  private readonly positions = new Map<string, number>();
  private readonly ready: T[][] = [];
  /** The size of each ready batch, beside `ready`. */
  private readonly readyBytes: number[] = [];
  private waiting: ((result: IteratorResult<T[]>) => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private pending = 0;
  private pendingBytes = 0;
  private overflowed: Error | undefined;

  constructor(
    private readonly onClose: () => void = () => undefined,
    private readonly windowMs = BATCH_WINDOW_MS,
    private readonly merge: (previous: T, next: T) => T = (_previous, next) => next,
    private readonly limit: PendingLimit = {},
  ) {}

  /** `bytes`: what the item holds (its encoded size); a merged item's replaces the earlier one's. */
  push(item: T, key?: string, bytes = 0): void {
    if (this.closed) return;
    const at = key === undefined ? undefined : this.positions.get(key);
    if (at !== undefined) {
      this.buffer[at] = this.merge(this.buffer[at], item);
      this.pendingBytes += bytes - this.bufferBytes[at];
      this.bufferBytes[at] = bytes;
    } else {
      this.pending++;
      this.pendingBytes += bytes;
      if (key !== undefined) this.positions.set(key, this.buffer.length);
      this.buffer.push(item);
      this.bufferBytes.push(bytes);
    }
    if (this.pending > (this.limit.maxPending ?? MAX_PENDING_CHANGES) || this.pendingBytes > (this.limit.maxPendingBytes ?? MAX_PENDING_BYTES)) {
      // A client waiting for its next batch is keeping up: a burst larger than the bound goes out early rather than cutting it.
      return this.waiting ? this.flush() : this.overflow();
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
    const batch = this.takeReady();
    if (batch) return Promise.resolve({ value: batch, done: false });
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<T[]>> {
    if (!this.closed) {
      this.closed = true;
      clearTimeout(this.timer);
      this.buffer = [];
      this.bufferBytes = [];
      this.ready.length = 0;
      this.readyBytes.length = 0;
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
    const maxBytes = this.limit.maxPendingBytes ?? MAX_PENDING_BYTES;
    this.overflowed = new Error(this.pending > max ? `the subscriber fell more than ${max} changes behind; subscribe again` : `the subscriber left more than ${maxBytes} bytes of changes untaken; subscribe again`);
    void this.return();
    this.limit.onOverflow?.();
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    const bytes = this.bufferBytes.reduce((sum, size) => sum + size, 0);
    this.buffer = [];
    this.bufferBytes = [];
    this.positions.clear();
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      this.pending -= batch.length;
      this.pendingBytes -= bytes;
      resolve({ value: batch, done: false });
    } else if (this.ready.length >= MAX_PENDING_BATCHES) {
      this.ready[this.ready.length - 1].push(...batch);
      this.readyBytes[this.readyBytes.length - 1] += bytes;
    } else {
      this.ready.push(batch);
      this.readyBytes.push(bytes);
    }
  }

  private takeReady(): T[] | undefined {
    const batch = this.ready.shift();
    if (!batch) return undefined;
    this.pending -= batch.length;
    this.pendingBytes -= this.readyBytes.shift() ?? 0;
    return batch;
  }

  private resolveWaiting(): void {
    if (!this.waiting) return;
    const resolve = this.waiting;
    this.waiting = undefined;
    const batch = this.takeReady();
    resolve(batch ? { value: batch, done: false } : { value: undefined, done: true });
  }
}
