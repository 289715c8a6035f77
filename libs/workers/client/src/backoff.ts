/** Jittered exponential back-off for reconnecting (client-go's reflector: 800 ms doubling to 30 s). */
export class Backoff {
  private failures = 0;

  constructor(
    private readonly initialMs = 800,
    private readonly maxMs = 30_000,
  ) {}

  /** The next wait in ms; each call doubles it up to the maximum. */
  next(): number {
    const base = Math.min(this.maxMs, this.initialMs * 2 ** this.failures++);
    return base * (0.8 + Math.random() * 0.4);
  }

  reset(): void {
    this.failures = 0;
  }
}

/** Resolves after `ms`, or at once when the signal aborts (never rejects). */
export function sleepUnlessAborted(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}
