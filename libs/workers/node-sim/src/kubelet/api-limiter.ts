/** The two kinds of call of the node simulator, each with slots of its own. */
export type ApiCallKind = 'kubelet' | 'event';

/**
 * Bounds concurrent API calls from one node-sim process (thousands of nodes and pods share one
 * client): at most `concurrency` kubelet calls (status, leases, registration, deletion) and, apart
 * from them, at most `eventConcurrency` event writes in flight. Upstream's kubelet writes events
 * through a client of their own (`--event-qps` 50, `--event-burst` 100, beside `--kube-api-qps`), so
 * neither kind waits for the other: a steady stream of status writes cannot hold events back for
 * minutes, and a backlog of events cannot delay a status write or a lease renewal. FIFO within a
 * kind; a failed task rejects only its own promise.
 */
export class ApiLimiter {
  private readonly active: Record<ApiCallKind, number> = { kubelet: 0, event: 0 };
  private readonly queues: Record<ApiCallKind, Array<() => void>> = { kubelet: [], event: [] };
  private readonly limits: Record<ApiCallKind, number>;

  constructor(concurrency: number, eventConcurrency = Math.max(1, Math.floor(concurrency / 2))) {
    this.limits = { kubelet: Math.max(1, concurrency), event: Math.max(1, eventConcurrency) };
  }

  run<T>(task: () => Promise<T>, kind: ApiCallKind = 'kubelet'): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queues[kind].push(() => {
        this.active[kind]++;
        task().then(resolve, reject).finally(() => {
          this.active[kind]--;
          this.next(kind);
        });
      });
      this.next(kind);
    });
  }

  private next(kind: ApiCallKind): void {
    while (this.active[kind] < this.limits[kind] && this.queues[kind].length) this.queues[kind].shift()!();
  }

  get pending(): number {
    return this.queues.kubelet.length + this.queues.event.length + this.active.kubelet + this.active.event;
  }
}
