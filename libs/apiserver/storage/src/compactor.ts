import type { ObjectStore } from './store.types';

export interface CompactorOptions {
  /** How much of the change log to keep. Default 5 minutes (etcd's and kube-apiserver's default). */
  keepMs?: number;
  /** How often to compact. Default 60 s. */
  intervalMs?: number;
  onError?: (error: unknown) => void;
  /** Clock, for tests. */
  now?: () => number;
}

interface Sample {
  at: number;
  revision: number;
}

/**
 * Trims the change log to a time window. Every interval it samples the current revision; it then
 * compacts up to the newest sample at least `keepMs` old, so every change younger than `keepMs`
 * is kept. Several API servers may each run one: compaction only ever drops older rows.
 */
export class Compactor {
  private samples: Sample[] = [];
  private timer?: NodeJS.Timeout;
  private readonly keepMs: number;
  private readonly now: () => number;

  constructor(
    private readonly store: ObjectStore,
    private readonly options: CompactorOptions = {},
  ) {
    this.keepMs = options.keepMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
  }

  start(): void {
    if (this.timer) return;
    const intervalMs = this.options.intervalMs ?? 60_000;
    this.timer = setInterval(() => {
      this.runOnce().catch((error) => (this.options.onError ?? console.error)(error));
    }, intervalMs);
    this.timer.unref();
    void this.runOnce().catch((error) => (this.options.onError ?? console.error)(error));
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Samples the revision and compacts; returns the revision compacted to, if any. */
  async runOnce(): Promise<number | undefined> {
    const now = this.now();
    this.samples.push({ at: now, revision: await this.store.currentRevision() });
    let target: Sample | undefined;
    while (this.samples.length > 0 && this.samples[0].at <= now - this.keepMs) target = this.samples.shift();
    if (!target) return undefined;
    await this.store.compact(target.revision + 1);
    return target.revision;
  }
}
