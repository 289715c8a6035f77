import { getControllerOf, kubeTime, newControllerRef } from '@drydock/kube';
import type { KubeObject } from '@drydock/util';
import { Informer, isConflict, isNotFound, metaNamespaceKey, resources, splitMetaNamespaceKey } from '@drydock/client';
import { ControllerContext, QueueReconciler } from '../controller-context';
import { podFromTemplate } from '../util/pod-template';
import { isPodReady } from '../util/pod-status';
import type { Pod } from '../util/workload.types';
import { ControllerExpectations } from '../replicaset/expectations';
import { isIndexed, pendingIndexes, withCompletionIndex } from './job-indexes';
import { slowStartBatch } from '../replicaset/replicaset.reconciler';
import {
  countPods, countsStatus, failureReason, finishedCondition, Job, JobReasons, JobStatus, jobStatusUnchanged,
  newJobCondition, podFailureBackoffLeft, PodCounts, successCriteriaMet, wantActive, withCondition,
} from './job-status';

const CONTROLLER_UID_INDEX = 'controllerUid';
/** Upstream's MaxPodCreateDeletePerSync. */
const MAX_POD_CREATE_DELETE_PER_SYNC = 500;

/**
 * pkg/controller/job: runs a Job's pods to `completions` successes (`parallelism` at a time), fails it
 * past backoffLimit or activeDeadlineSeconds, and writes status, conditions and events as upstream.
 *
 * Counting: succeeded and failed are counted from the pods that still exist (upstream's behaviour before
 * the batch.kubernetes.io/job-tracking finalizer); a finished pod removed by hand or by pod GC before
 * the Job finishes is no longer counted. Indexed completion mode runs one pod per index (no
 * backoffLimitPerIndex, no successPolicy).
 */
export class JobReconciler extends QueueReconciler {
  private readonly jobs: Informer<Job>;
  private readonly pods: Informer<Pod>;
  readonly expectations = new ControllerExpectations();

  constructor(ctx: ControllerContext) {
    super('job', ctx, 'job-controller');
    this.jobs = ctx.informers.informerFor<Job>(resources.jobs);
    this.pods = ctx.informers.informerFor<Pod>(resources.pods, { indexers: { [CONTROLLER_UID_INDEX]: (pod) => { const ref = getControllerOf(pod); return ref ? [ref.uid] : []; } } });
    this.jobs.addEventHandler({
      onAdd: (job) => this.enqueue(job),
      onUpdate: (_old, job) => this.enqueue(job),
      onDelete: (job) => { this.expectations.delete(metaNamespaceKey(job)); this.enqueue(job); },
    });
    this.pods.addEventHandler({
      onAdd: (pod) => this.podChanged(pod, (key) => this.expectations.creationObserved(key)),
      onUpdate: (old, pod) => this.podChanged(pod, (key) => { if (pod.metadata.deletionTimestamp && !old.metadata.deletionTimestamp) this.expectations.deletionObserved(key, metaNamespaceKey(pod)); }),
      onDelete: (pod) => this.podChanged(pod, (key) => this.expectations.deletionObserved(key, metaNamespaceKey(pod))),
    });
  }

  private podChanged(pod: Pod, observe: (jobKey: string) => void): void {
    const ref = getControllerOf(pod);
    if (!ref || ref.kind !== 'Job') return;
    const job = this.jobs.get(pod.metadata.namespace ?? '', ref.name);
    if (job?.metadata.uid !== ref.uid) return;
    observe(metaNamespaceKey(job));
    this.enqueue(job);
  }

  /** syncJob: count pods, decide failure or success, otherwise create or delete toward the wanted active count. */
  async sync(key: string): Promise<void> {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const job = this.jobs.get(namespace, name);
    if (!job) return this.expectations.delete(key);
    if (finishedCondition(job) || job.metadata.deletionTimestamp) return;
    const satisfied = this.expectations.satisfied(key);
    const pods = this.pods.byIndex(CONTROLLER_UID_INDEX, job.metadata.uid!);
    const counts = countPods(pods, job);
    const now = this.ctx.clock.now();
    let status = countsStatus(job.status, counts);
    if (!job.spec.suspend && !status.startTime) status.startTime = kubeTime(now);
    const activeMs = status.startTime && !job.spec.suspend ? this.ctx.clock.simulatedSince(Date.parse(status.startTime)) : undefined;
    const failure = failureReason(job, counts, pods, activeMs);
    /** Finish events wait for the status write, so a conflict's retry does not record them twice. */
    const finished: [type: 'Normal' | 'Warning', reason: string, message: string][] = [];
    if (failure) {
      status = withCondition(status, newJobCondition('FailureTarget', 'True', failure.reason, failure.message, now));
      await this.deletePods(key, job, counts.active);
      if (counts.active.length === 0 && counts.terminating === 0) {
        status = withCondition(status, newJobCondition('Failed', 'True', failure.reason, failure.message, now));
        finished.push(['Warning', failure.reason, failure.message]);
      }
    } else if (successCriteriaMet(job, counts)) {
      const { reason, message } = JobReasons.completionsReached;
      status = withCondition(status, newJobCondition('SuccessCriteriaMet', 'True', reason, message, now));
      await this.deletePods(key, job, counts.active);
      if (counts.active.length === 0 && counts.terminating === 0) {
        status = { ...withCondition(status, newJobCondition('Complete', 'True', reason, message, now)), completionTime: kubeTime(now) };
        finished.push(['Normal', 'Completed', 'Job completed']);
      }
    } else {
      status = this.suspendCondition(job, status, now);
      if (satisfied) await this.manageActive(key, job, counts);
    }
    await this.writeStatus(job, status);
    for (const [type, reason, message] of finished) this.events.event(typed(job), type, reason, message);
    if (!failure && job.spec.activeDeadlineSeconds !== undefined && activeMs !== undefined) {
      this.queue.addAfter(key, job.spec.activeDeadlineSeconds * 1000 - activeMs);
    }
  }

  /** The Suspended condition and its events; a resumed job's startTime restarts now. */
  private suspendCondition(job: Job, status: JobStatus, now: Date): JobStatus {
    const current = status.conditions?.find((c) => c.type === 'Suspended');
    if (job.spec.suspend && current?.status !== 'True') {
      this.events.event(typed(job), 'Normal', 'Suspended', 'Job suspended');
      return withCondition(status, newJobCondition('Suspended', 'True', 'JobSuspended', 'Job suspended', now));
    }
    if (!job.spec.suspend && current?.status === 'True') {
      this.events.event(typed(job), 'Normal', 'Resumed', 'Job resumed');
      return { ...withCondition(status, newJobCondition('Suspended', 'False', 'JobResumed', 'Job resumed', now)), startTime: kubeTime(now) };
    }
    return status;
  }

  /**
   * manageJob: create the missing pods in slow-start batches (after the pod failure back-off), or delete
   * the surplus (not-ready and newest first).
   */
  private async manageActive(key: string, job: Job, counts: PodCounts): Promise<void> {
    const diff = wantActive(job, counts) - counts.active.length;
    if (diff < 0) {
      const victims = [...counts.active].sort((a, b) => Number(isPodReady(a)) - Number(isPodReady(b)) || (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? ''));
      return this.deletePods(key, job, victims.slice(0, Math.min(-diff, MAX_POD_CREATE_DELETE_PER_SYNC)));
    }
    if (diff === 0) return;
    const backoffLeft = podFailureBackoffLeft(this.pods.byIndex(CONTROLLER_UID_INDEX, job.metadata.uid!), (start) => this.ctx.clock.simulatedSince(start));
    if (backoffLeft > 0) return this.queue.addAfter(key, backoffLeft);
    const indexes = isIndexed(job) ? pendingIndexes(job, counts.active, counts.succeededIndexes ?? [], Math.min(diff, MAX_POD_CREATE_DELETE_PER_SYNC)) : [];
    const count = isIndexed(job) ? indexes.length : Math.min(diff, MAX_POD_CREATE_DELETE_PER_SYNC);
    if (count === 0) return;
    this.expectations.expectCreations(key, count);
    const created = await slowStartBatch(count, 1, () => this.createPod(job, indexes.shift()));
    for (let skipped = count - created.successes; skipped > 0; skipped--) this.expectations.creationObserved(key);
    if (created.error) throw created.error;
  }

  private async createPod(job: Job, index: number | undefined): Promise<void> {
    const fromTemplate = podFromTemplate(job.spec.template, job, newControllerRef(job, 'batch/v1', 'Job'));
    const pod = index === undefined ? fromTemplate : withCompletionIndex(fromTemplate, job, index);
    const uid = job.metadata.uid!;
    const name = job.metadata.name!;
    pod.metadata.labels = { ...pod.metadata.labels, 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': name, 'controller-uid': uid, 'job-name': name };
    try {
      const created = await this.ctx.client.create<Pod>(resources.pods, job.metadata.namespace!, pod);
      this.events.event(typed(job), 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
    } catch (error) {
      this.events.event(typed(job), 'Warning', 'FailedCreate', `Error creating: ${(error as Error).message}`);
      throw error;
    }
  }

  private async deletePods(key: string, job: Job, pods: Pod[]): Promise<void> {
    if (pods.length === 0) return;
    this.expectations.expectDeletions(key, pods.map((pod) => metaNamespaceKey(pod)));
    const results = await Promise.allSettled(pods.map(async (pod) => {
      try {
        await this.ctx.client.delete(resources.pods, pod.metadata.namespace!, pod.metadata.name!);
        this.events.event(typed(job), 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
      } catch (error) {
        this.expectations.deletionObserved(key, metaNamespaceKey(pod));
        if (isNotFound(error)) return;
        this.events.event(typed(job), 'Warning', 'FailedDelete', `Error deleting: ${(error as Error).message}`);
        throw error;
      }
    }));
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw failure.reason;
  }

  /** PUT status; a conflict is thrown (requeued) so the next sync recounts on the fresh object. */
  private async writeStatus(job: Job, status: JobStatus): Promise<void> {
    if (jobStatusUnchanged(job, status)) return;
    try {
      await this.ctx.client.update<Job>(resources.jobs, { ...job, status }, { subresource: 'status' });
    } catch (error) {
      if (isNotFound(error)) return;
      if (isConflict(error)) this.queue.add(metaNamespaceKey(job));
      throw error;
    }
  }
}

function typed(job: Job): KubeObject {
  return { ...job, apiVersion: 'batch/v1', kind: 'Job' };
}
