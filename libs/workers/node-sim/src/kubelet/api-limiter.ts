/**
 * Bounds concurrent API calls from one node-sim process (thousands of nodes and pods share one
 * client). Tasks run in FIFO order with at most `concurrency` in flight; a failed task rejects only
 * its own promise.
 */
export class ApiLimiter {
  private active = 0;
  private readonly queue: Array<() => void> = [];

  constructor(private readonly concurrency: number) {}

  run<T>(task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        this.active++;
        task().then(resolve, reject).finally(() => {
          this.active--;
          this.queue.shift()?.();
        });
      };
      if (this.active < this.concurrency) start();
      else this.queue.push(start);
    });
  }

  get pending(): number {
    return this.queue.length + this.active;
  }
}
