import { ClusterClients, ClusterSet, DEFAULT_CLUSTER } from '@drydock/client';
import { Scheduler, SchedulerOptions, SchedulerStats } from './scheduler';

export type ClusterSchedulerOptions = Omit<SchedulerOptions, 'client' | 'informers' | 'events'>;

/**
 * One scheduler per cluster in one process: each cluster has its own queue, cache and informers, so a
 * pod's key is (cluster, namespace/name) by construction and a cluster flooded with pods fills only its
 * own queue. Fairness between clusters: a cluster's loop schedules one bounded batch (at most 200 cycles,
 * or until its bind slots are full) and then yields to the event loop, whose queue is first in, first
 * out; so clusters with pending pods take turns batch by batch (round-robin), whatever their backlog.
 * Leadership (one Lease per process) pauses and resumes them all.
 */
export class ClusterSchedulers {
  private readonly set: ClusterSet<Scheduler>;
  private leading = false;

  constructor(
    private readonly clients: ClusterClients,
    private readonly options: ClusterSchedulerOptions,
  ) {
    const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
    this.set = new ClusterSet<Scheduler>((cluster) => this.startCluster(cluster, log), log);
  }

  get schedulerName(): string {
    return this.options.schedulerName ?? 'default-scheduler';
  }

  /** Starts scheduling the cluster (paused unless leading); resolves once its caches synced. */
  add(cluster: string): Promise<void> {
    return this.set.add(cluster);
  }

  /** Stops the cluster's scheduler and drops its queue and cache. */
  async remove(cluster: string): Promise<void> {
    await this.set.remove(cluster);
    if (cluster !== DEFAULT_CLUSTER) this.clients.release(cluster);
  }

  scheduler(cluster: string): Scheduler | undefined {
    return this.set.get(cluster);
  }

  clusters(): string[] {
    return this.set.names();
  }

  /** The default cluster first, so a process that serves only it starts as before. */
  async start(options: { paused?: boolean } = {}): Promise<void> {
    this.leading = !options.paused;
    await this.add(DEFAULT_CLUSTER);
  }

  pauseScheduling(): void {
    this.leading = false;
    for (const cluster of this.set.names()) this.set.get(cluster)?.pauseScheduling();
  }

  resumeScheduling(): void {
    this.leading = true;
    for (const cluster of this.set.names()) this.set.get(cluster)?.resumeScheduling();
  }

  stop(): Promise<void> {
    return this.set.stop();
  }

  /** The sum over every cluster. */
  stats(): SchedulerStats {
    const total: SchedulerStats = { scheduled: 0, failedAttempts: 0, bindErrors: 0, queue: { active: 0, backoff: 0, unschedulable: 0, 'in-flight': 0 } };
    for (const cluster of this.set.names()) {
      const stats = this.set.get(cluster)?.stats();
      if (!stats) continue;
      total.scheduled += stats.scheduled;
      total.failedAttempts += stats.failedAttempts;
      total.bindErrors += stats.bindErrors;
      for (const where of Object.keys(total.queue) as (keyof SchedulerStats['queue'])[]) total.queue[where] += stats.queue[where];
    }
    return total;
  }

  private async startCluster(cluster: string, log: (line: string) => void): Promise<Scheduler> {
    const scheduler = new Scheduler({ ...this.options, client: this.clients.forCluster(cluster), log: cluster === DEFAULT_CLUSTER ? log : (line) => log(`[cluster ${cluster}] ${line}`) });
    try {
      await scheduler.start({ paused: !this.leading });
    } catch (error) {
      await scheduler.stop();
      throw error;
    }
    // Leadership may have changed while the caches synced.
    if (this.leading) scheduler.resumeScheduling();
    else scheduler.pauseScheduling();
    return scheduler;
  }
}
