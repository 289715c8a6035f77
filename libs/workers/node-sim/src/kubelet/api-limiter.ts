/** The kinds of call of the node simulator, each with slots of its own. */
export type ApiCallKind = 'kubelet' | 'event' | 'heartbeat';

/**
 * Bounds concurrent API calls from one node-sim process (thousands of nodes and pods share one
 * client), per kind: kubelet calls (pod status, deletion, registration), event writes, and
 * heartbeats (Lease renewals and node status). Upstream's kubelet sends each through a client of its
 * own: events with `--event-qps` 50 / `--event-burst` 100, heartbeats with a client that is not rate
 * limited, beside `--kube-api-qps` for the rest. So no kind waits for another: a steady stream of
 * status writes cannot hold events back for minutes, and neither events nor 100 Lease renewals a
 * second (1,000 nodes) take the slots that bring pods to Running. FIFO within a kind; a failed task
 * rejects only its own promise.
 */
export class ApiLimiter {
  private readonly active: Record<ApiCallKind, number> = { kubelet: 0, event: 0, heartbeat: 0 };
  private readonly queues: Record<ApiCallKind, Array<() => void>> = { kubelet: [], event: [], heartbeat: [] };
  private readonly limits: Record<ApiCallKind, number>;

  /** `concurrency`: kubelet calls in flight; events and heartbeats default to half as many each. */
  constructor(concurrency: number, eventConcurrency = Math.floor(concurrency / 2), heartbeatConcurrency = Math.floor(concurrency / 2)) {
    this.limits = { kubelet: Math.max(1, concurrency), event: Math.max(1, eventConcurrency), heartbeat: Math.max(1, heartbeatConcurrency) };
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
    return (Object.keys(this.queues) as ApiCallKind[]).reduce((sum, kind) => sum + this.queues[kind].length + this.active[kind], 0);
  }
}
