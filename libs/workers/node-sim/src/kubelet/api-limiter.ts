/**
 * Bounds concurrent API calls from one node-sim process (thousands of nodes and pods share one
 * client). At most `concurrency` calls are in flight; `low` priority calls (events) get at most
 * `lowConcurrency` of those slots and start only when no normal call (status, leases, registration)
 * is waiting, so under load pods reach Running first and their events trail. FIFO within a
 * priority; a failed task rejects only its own promise.
 */
export class ApiLimiter {
  private active = 0;
  private activeLow = 0;
  private readonly queue: Array<() => void> = [];
  private readonly lowQueue: Array<() => void> = [];

  constructor(
    private readonly concurrency: number,
    private readonly lowConcurrency = Math.max(1, Math.floor(concurrency / 4)),
  ) {}

  run<T>(task: () => Promise<T>, priority: 'normal' | 'low' = 'normal'): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const low = priority === 'low';
      const start = () => {
        this.active++;
        if (low) this.activeLow++;
        task().then(resolve, reject).finally(() => {
          this.active--;
          if (low) this.activeLow--;
          this.next();
        });
      };
      (low ? this.lowQueue : this.queue).push(start);
      this.next();
    });
  }

  private next(): void {
    while (this.active < this.concurrency) {
      const start = this.queue.shift() ?? (this.activeLow < this.lowConcurrency ? this.lowQueue.shift() : undefined);
      if (!start) return;
      start();
    }
  }

  get pending(): number {
    return this.queue.length + this.lowQueue.length + this.active;
  }
}
