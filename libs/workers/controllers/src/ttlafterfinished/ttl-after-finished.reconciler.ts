import { Informer, isNotFound, resources, splitMetaNamespaceKey } from '@drydock/client';
import { ControllerContext, QueueReconciler } from '../controller-context';
import type { Job } from '../job/job-status';
import { ttlTimeLeft } from './ttl-after-finished';

/**
 * pkg/controller/ttlafterfinished: deletes a finished Job once ttlSecondsAfterFinished (simulated) has
 * passed, with foreground propagation and a UID precondition as upstream; its pods go with it.
 */
export class TtlAfterFinishedReconciler extends QueueReconciler {
  private readonly jobs: Informer<Job>;

  constructor(ctx: ControllerContext) {
    super('ttl-after-finished', ctx, 'ttl-after-finished-controller');
    this.jobs = ctx.informers.informerFor<Job>(resources.jobs);
    this.jobs.addEventHandler({ onAdd: (job) => this.enqueue(job), onUpdate: (_old, job) => this.enqueue(job) });
  }

  async sync(key: string): Promise<void> {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const cached = this.jobs.get(namespace, name);
    if (!cached) return;
    const left = ttlTimeLeft(cached, (start) => this.ctx.clock.simulatedSince(start));
    if (left === undefined) return;
    if (left > 0) return this.queue.addAfter(key, left);
    // The TTL may have changed since the cache saw it: decide again on the API server's copy.
    const fresh = await this.ctx.client.get<Job>(resources.jobs, namespace, name);
    if (!fresh || fresh.metadata.uid !== cached.metadata.uid) return;
    const freshLeft = ttlTimeLeft(fresh, (start) => this.ctx.clock.simulatedSince(start));
    if (freshLeft === undefined) return;
    if (freshLeft > 0) return this.queue.addAfter(key, freshLeft);
    try {
      await this.ctx.client.delete(resources.jobs, namespace, name, { propagationPolicy: 'Foreground', preconditions: { uid: fresh.metadata.uid } });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
}
