import { Informer, isNotFound, resources } from '@drydock/client';
import { ControllerContext, QueueReconciler } from '../controller-context';
import type { Node, Pod } from '../util/workload.types';
import { DEFAULT_TERMINATED_POD_THRESHOLD, orphanedPods, terminatedPodsToDelete, unscheduledTerminatingPods } from './pod-gc-decisions';

/** Upstream's gcCheckPeriod and the quarantine of a node that seems gone, in simulated ms. */
export const POD_GC_PERIOD_MS = 20_000;
export const ORPHAN_QUARANTINE_MS = 40_000;
const KEY = 'podgc';

/**
 * pkg/controller/podgc: every period, force-deletes terminated pods beyond the threshold (oldest
 * first), pods bound to a node that has been gone for the quarantine time (confirmed by a GET), and
 * pods being deleted that were never scheduled. One key: the whole pass is the sync.
 */
export class PodGcReconciler extends QueueReconciler {
  private readonly pods: Informer<Pod>;
  private readonly nodes: Informer<Node>;
  private readonly missingSince = new Map<string, number>();
  private ticker?: NodeJS.Timeout;

  constructor(ctx: ControllerContext, private readonly terminatedThreshold = DEFAULT_TERMINATED_POD_THRESHOLD) {
    super('pod-garbage-collector', ctx);
    this.pods = ctx.informers.informerFor<Pod>(resources.pods);
    this.nodes = ctx.informers.informerFor<Node>(resources.nodes);
  }

  override run(workers: number): Promise<void> {
    this.queue.add(KEY);
    this.ticker = this.ctx.clock.setInterval(() => this.queue.add(KEY), POD_GC_PERIOD_MS);
    return super.run(Math.min(1, workers));
  }

  override stop(): void {
    if (this.ticker) clearInterval(this.ticker);
    super.stop();
  }

  async sync(): Promise<void> {
    const pods = this.pods.list();
    for (const pod of terminatedPodsToDelete(pods, this.terminatedThreshold)) await this.forceDelete(pod);
    for (const pod of await this.confirmedOrphans(pods)) await this.forceDelete(pod);
    for (const pod of unscheduledTerminatingPods(pods)) await this.forceDelete(pod);
  }

  /** Pods on nodes missing from the cache for the quarantine time, and absent from a live GET too. */
  private async confirmedOrphans(pods: Pod[]): Promise<Pod[]> {
    const candidates = orphanedPods(pods, (name) => !!this.nodes.get('', name));
    const missing = new Set(candidates.map((pod) => pod.spec!.nodeName!));
    for (const name of this.missingSince.keys()) if (!missing.has(name)) this.missingSince.delete(name);
    const gone = new Set<string>();
    for (const name of missing) {
      const since = this.missingSince.get(name) ?? Date.now();
      this.missingSince.set(name, since);
      if (this.ctx.clock.simulatedSince(since) < ORPHAN_QUARANTINE_MS) continue;
      if (!(await this.ctx.client.get(resources.nodes, '', name))) gone.add(name);
    }
    if (missing.size > gone.size) this.queue.addAfter(KEY, ORPHAN_QUARANTINE_MS);
    return candidates.filter((pod) => gone.has(pod.spec!.nodeName!));
  }

  private async forceDelete(pod: Pod): Promise<void> {
    try {
      await this.ctx.client.delete(resources.pods, pod.metadata.namespace!, pod.metadata.name!, { gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid } });
      this.ctx.log(`pod-garbage-collector: deleted pod ${pod.metadata.namespace}/${pod.metadata.name}`);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
}
