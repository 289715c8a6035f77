/**
 * Collects "token X was used at T" and writes them in one statement per interval, so authenticating
 * a request never waits for a write (the last-used time trails real use by up to `intervalMs`).
 */
export class LastUsedRecorder {
  private pending = new Map<string, Date>();
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly write: (uses: Map<string, Date>) => Promise<void>,
    private readonly onError: (error: unknown) => void,
    private readonly intervalMs = 5_000,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.flush(), this.intervalMs);
    this.timer.unref();
  }

  record(id: string, at = new Date()): void {
    this.pending.set(id, at);
  }

  /** Writes what was recorded so far; resolves once written (errors go to onError: a lost last-used time is not worth a failed request). */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (!this.pending.size) return;
      const uses = this.pending;
      this.pending = new Map();
      await this.write(uses).catch(this.onError);
    });
    return this.flushing;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }
}
