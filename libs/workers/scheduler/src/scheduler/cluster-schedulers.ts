import { ClusterClients, clusterClock, ClusterSet, DEFAULT_CLUSTER, serveDiscoveredClusters } from '@drydock/client';
import type { KubeObject } from '@drydock/util';
import { Scheduler, SchedulerOptions, SchedulerStats } from './scheduler';

export interface ClusterSchedulerOptions extends Omit<SchedulerOptions, 'client' | 'informers' | 'events'> {
  /** Also schedule the sandbox clusters the default cluster's Cluster objects name (default true). */
  discoverClusters?: boolean;
}

/**
 * One scheduler per cluster in one process: each cluster has its own queue, cache and informers, so a
 * pod's key is (cluster, namespace/name) by construction and a cluster flooded with pods fills only its
 * own queue. Fairness between clusters: a cluster's loop schedules one bounded batch (at most 200 cycles,
 * or until its bind slots are full) and then yields to the event loop, whose queue is first in, first
 * out; so clusters with pending pods take turns batch by batch (round-robin), whatever their backlog.
 * Leadership (one Lease per process) pauses and resumes them all.
 */
export class ClusterSchedulers {
  private readonly set: ClusterSet<Scheduler, KubeObject>;
  private discovery?: { stop(): Promise<void> };
  private readonly log: (line: string) => void;
  private leading = false;

  constructor(
    private readonly clients: ClusterClients,
    private readonly options: ClusterSchedulerOptions,
  ) {
    const log = (this.log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`)));
    this.set = new ClusterSet<Scheduler, KubeObject>((cluster, object) => this.startCluster(cluster, object, log), log);
  }

  get schedulerName(): string {
    return this.options.schedulerName ?? 'default-scheduler';
  }

  /** Starts scheduling the cluster (paused unless leading); resolves once its caches synced. */
  add(cluster: string, object?: KubeObject): Promise<void> {
    return this.set.add(cluster, object);
  }

  /** Stops the cluster's scheduler and drops its queue and cache. */
  remove(cluster: string): Promise<void> {
    return this.set.remove(cluster);
  }

  scheduler(cluster: string): Scheduler | undefined {
    return this.set.get(cluster);
  }

  clusters(): string[] {
    return this.set.names();
  }

  /** The default cluster first (so it starts as before), then every cluster discovery finds. */
  async start(options: { paused?: boolean } = {}): Promise<void> {
    this.leading = !options.paused;
    await this.add(DEFAULT_CLUSTER);
    if (this.options.discoverClusters !== false) this.discovery ??= serveDiscoveredClusters(this.set, this.clients, this.log);
  }

  pauseScheduling(): void {
    this.leading = false;
    for (const cluster of this.set.names()) this.set.get(cluster)?.pauseScheduling();
  }

  resumeScheduling(): void {
    this.leading = true;
    for (const cluster of this.set.names()) this.set.get(cluster)?.resumeScheduling();
  }

  async stop(): Promise<void> {
    await this.discovery?.stop();
    await this.set.stop();
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

  private async startCluster(cluster: string, object: KubeObject | undefined, log: (line: string) => void): Promise<Scheduler> {
    const clusterLog = cluster === DEFAULT_CLUSTER ? log : (line: string) => log(`[cluster ${cluster}] ${line}`);
    const informers = this.clients.informersFor(cluster, clusterLog);
    const scheduler = new Scheduler({ ...this.options, clock: clusterClock(object, this.options.clock), client: this.clients.forCluster(cluster), informers, stopInformers: true, log: clusterLog });
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
