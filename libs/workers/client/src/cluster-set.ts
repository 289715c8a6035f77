/** What a worker runs for one cluster: its informers, queues and loops, stopped as one. */
export interface ClusterInstance {
  stop(): Promise<void>;
}

/** A cluster whose start failed is tried again after this long (real ms), doubling up to the maximum. */
const RETRY_INITIAL_MS = 1_000;
const RETRY_MAX_MS = 30_000;
/**
 * Clusters starting at once (their lists and watches opening). A process that restarts with a hundred
 * clusters would otherwise open thousands of lists in one burst, and its Lease renewal would wait behind them.
 */
const MAX_CONCURRENT_STARTS = 4;

/**
 * The clusters a worker process serves, each with its own instance (informers, work queues, caches),
 * so the cluster is part of every cache and queue key by construction. Starting and stopping a cluster
 * are serialized per cluster: a cluster removed while it starts is stopped once started, one re-added
 * while it stops starts again afterwards; one whose start failed (caches that did not sync, nodes that
 * could not register under load) is tried again with back-off while it is wanted. `start` receives what the discovery knows of the cluster
 * (the Cluster object; undefined for the default cluster).
 */
export class ClusterSet<T extends ClusterInstance, S = unknown> {
  private readonly instances = new Map<string, T>();
  /** The last operation queued per cluster; its settling is the cluster's turn. */
  private readonly pending = new Map<string, Promise<void>>();
  /** Whether each cluster should run, as last asked. */
  private readonly wanted = new Map<string, S | undefined>();
  private readonly retries = new Map<string, { delayMs: number; timer?: NodeJS.Timeout }>();
  private stopped = false;
  private starting = 0;
  private readonly startSlots: (() => void)[] = [];

  constructor(
    private readonly start: (cluster: string, source: S | undefined) => Promise<T>,
    private readonly log: (message: string) => void = (message) => process.stderr.write(`${message}\n`),
  ) {}

  /** Runs the cluster (idempotent); resolves once its instance started (or failed to: logged). */
  add(cluster: string, source?: S): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.wanted.set(cluster, source);
    return this.enqueue(cluster);
  }

  /** Stops and forgets the cluster (idempotent); resolves once its instance stopped. */
  remove(cluster: string): Promise<void> {
    this.wanted.delete(cluster);
    return this.enqueue(cluster);
  }

  get(cluster: string): T | undefined {
    return this.instances.get(cluster);
  }

  names(): string[] {
    return [...this.instances.keys()];
  }

  /** Stops every cluster; afterwards add() is ignored. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wanted.clear();
    for (const retry of this.retries.values()) clearTimeout(retry.timer);
    this.retries.clear();
    await Promise.all([...new Set([...this.instances.keys(), ...this.pending.keys()])].map((cluster) => this.enqueue(cluster)));
  }

  private enqueue(cluster: string): Promise<void> {
    const next = (this.pending.get(cluster) ?? Promise.resolve()).then(() => this.reconcile(cluster));
    this.pending.set(cluster, next);
    void next.then(() => {
      if (this.pending.get(cluster) === next) this.pending.delete(cluster);
    });
    return next;
  }

  /** Brings one cluster to what `wanted` says; never throws (a failed start is logged and retried with back-off). */
  private async reconcile(cluster: string): Promise<void> {
    const running = this.instances.get(cluster);
    const want = this.wanted.has(cluster);
    try {
      if (want && !running) {
        this.instances.set(cluster, await this.limited(() => this.start(cluster, this.wanted.get(cluster))));
        this.clearRetry(cluster);
      } else if (!want) {
        this.clearRetry(cluster);
        if (running) {
          this.instances.delete(cluster);
          await running.stop();
        }
      }
    } catch (error) {
      this.log(`cluster ${cluster}: ${want ? 'start' : 'stop'} failed: ${(error as Error)?.stack ?? error}`);
      if (want) this.retryLater(cluster);
    }
  }

  /** Runs a start when one of MAX_CONCURRENT_STARTS slots is free, in order of asking. */
  private async limited<R>(action: () => Promise<R>): Promise<R> {
    if (this.starting >= MAX_CONCURRENT_STARTS) await new Promise<void>((resolve) => this.startSlots.push(resolve));
    this.starting++;
    try {
      return await action();
    } finally {
      this.starting--;
      this.startSlots.shift()?.();
    }
  }

  private retryLater(cluster: string): void {
    if (this.stopped) return;
    const retry = this.retries.get(cluster) ?? { delayMs: RETRY_INITIAL_MS };
    clearTimeout(retry.timer);
    retry.timer = setTimeout(() => {
      retry.timer = undefined;
      if (this.wanted.has(cluster)) void this.enqueue(cluster);
    }, retry.delayMs);
    retry.timer.unref?.();
    retry.delayMs = Math.min(retry.delayMs * 2, RETRY_MAX_MS);
    this.retries.set(cluster, retry);
  }

  private clearRetry(cluster: string): void {
    clearTimeout(this.retries.get(cluster)?.timer);
    this.retries.delete(cluster);
  }
}
