/**
 * Group commit: callers submit one operation each; while a batch is in flight, new operations queue
 * and leave together as the next batch (at most `maxBatch`). Each caller is answered with its own
 * result. `execute` must return one result per operation, in order.
 */
export interface WriteBatcherOptions {
  /** Largest batch sent at once. Default 256. */
  maxBatch?: number;
  /** Batches in flight at once. Default 1 (the counter row serializes them in the database anyway). */
  maxInFlight?: number;
}

interface Pending<Op, Result> {
  op: Op;
  priority: boolean;
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
}

export interface WriteBatcherStats {
  batches: number;
  operations: number;
  largestBatch: number;
}

export class WriteBatcher<Op, Result> {
  private readonly queue: Pending<Op, Result>[] = [];
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];
  private readonly maxBatch: number;
  private readonly maxInFlight: number;
  readonly stats: WriteBatcherStats = { batches: 0, operations: 0, largestBatch: 0 };

  constructor(
    private readonly execute: (ops: Op[]) => Promise<Result[]>,
    options: WriteBatcherOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 256;
    this.maxInFlight = options.maxInFlight ?? 1;
  }

  /**
   * Queues `op` for the next batch. A `priority` op goes ahead of every queued op that is not (in the
   * order priority ops came): ops of concurrent callers have no order to keep between them, and the
   * control plane's lease renewals must not wait behind a backlog of bulk writes.
   */
  submit(op: Op, priority = false): Promise<Result> {
    return new Promise((resolve, reject) => {
      const pending = { op, priority, resolve, reject };
      const firstBulk = priority ? this.queue.findIndex((queued) => !queued.priority) : -1;
      if (firstBulk >= 0) this.queue.splice(firstBulk, 0, pending);
      else this.queue.push(pending);
      this.pump();
    });
  }

  /** Resolves when nothing is queued or in flight. */
  idle(): Promise<void> {
    if (this.inFlight === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight++;
      this.stats.batches++;
      this.stats.operations += batch.length;
      this.stats.largestBatch = Math.max(this.stats.largestBatch, batch.length);
      // After a batch of several, the slot is freed one macrotask after the answers, so callers that
      // write again as soon as they are answered join the next batch instead of trailing it in one of
      // their own. A lone writer is not made to wait for that.
      void this.send(batch).finally(() => (batch.length > 1 ? setImmediate(() => this.release()) : this.release()));
    }
  }

  private release(): void {
    this.inFlight--;
    this.pump();
    if (this.inFlight === 0 && this.queue.length === 0) this.idleWaiters.splice(0).forEach((wake) => wake());
  }

  /**
   * Sends one batch. When the whole batch fails (not one operation's precondition: a broken
   * connection or an operation the database rejects), each operation is retried alone, so one bad
   * operation cannot fail the others. If the connection broke after the batch committed, a retried
   * create answers AlreadyExists and a retried unconditional update is written twice.
   */
  private async send(batch: Pending<Op, Result>[]): Promise<void> {
    let results: Result[];
    try {
      results = await this.execute(batch.map((pending) => pending.op));
    } catch (error) {
      // A database that did not answer in time would not answer each operation alone either.
      if (batch.length === 1 || isQueryTimeout(error)) batch.forEach((pending) => pending.reject(error));
      else await Promise.all(batch.map((pending) => this.send([pending])));
      return;
    }
    if (results.length !== batch.length) {
      const error = new Error(`write batch returned ${results.length} results for ${batch.length} operations`);
      batch.forEach((pending) => pending.reject(error));
      return;
    }
    batch.forEach((pending, index) => pending.resolve(results[index]));
  }
}

/** pg's query_timeout expired: the database took the batch and gave no answer (stopped, partitioned). */
function isQueryTimeout(error: unknown): boolean {
  return error instanceof Error && error.message === 'Query read timeout';
}
