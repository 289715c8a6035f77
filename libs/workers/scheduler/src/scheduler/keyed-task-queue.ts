/**
 * Runs at most `limit` tasks at once; a task queued under a key that is still waiting replaces the
 * waiting one (only the latest record of a pod's failure matters). Tasks must not throw.
 */
export class KeyedTaskQueue {
  private readonly waiting = new Map<string, () => Promise<void>>();
  private running = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  push(key: string, task: () => Promise<void>): void {
    this.waiting.delete(key);
    this.waiting.set(key, task);
    this.drain();
  }

  get size(): number {
    return this.waiting.size + this.running;
  }

  /** Resolves when nothing is waiting or running. */
  idle(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private drain(): void {
    while (this.running < this.limit && this.waiting.size > 0) {
      const [key, task] = this.waiting.entries().next().value as [string, () => Promise<void>];
      this.waiting.delete(key);
      this.running++;
      void task().finally(() => {
        this.running--;
        this.drain();
        if (this.size === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
      });
    }
  }
}
