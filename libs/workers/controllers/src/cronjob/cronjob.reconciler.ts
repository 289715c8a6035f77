import { getControllerOf, isControlledBy, kubeTime } from '@drydock/kube';
import type { KubeObject } from '@drydock/util';
import { Informer, isAlreadyExists, isConflict, isNotFound, resources, splitMetaNamespaceKey } from '@drydock/client';
import { ControllerContext, QueueReconciler } from '../controller-context';
import { finishedCondition, Job } from '../job/job-status';
import { CronJob, jobFromTemplate, jobNameFor, jobsBeyondHistoryLimit, MAX_MISSED_TIMES, mostRecentScheduleTime, nextScheduleTime, ObjectReference, parseSchedule } from './cronjob-schedule';

/**
 * pkg/controller/cronjob (v2): creates a CronJob's Job at each schedule time, honours concurrencyPolicy,
 * startingDeadlineSeconds and suspend, tracks status.active and trims the finished-job history.
 *
 * Schedule time is simulated: it starts at the real time when this reconciler is created and runs
 * DRYDOCK_CLOCK_SCALE times faster, so at a high scale a `*∕1 * * * *` CronJob fires every few real
 * seconds. Job names, lastScheduleTime and the scheduled-timestamp annotation are in that time (ahead of
 * real time at a scale above 1, so kubectl shows LAST SCHEDULE `<invalid>`); after a restart, schedule
 * time resumes from the latest lastScheduleTime it sees instead of falling back to real time.
 */
export class CronJobReconciler extends QueueReconciler {
  private readonly cronJobs: Informer<CronJob>;
  private readonly jobs: Informer<Job>;
  private readonly startMs = Date.now();
  /** How far schedule time was moved forward to resume after the latest lastScheduleTime seen. */
  private offsetMs = 0;
  /** UIDs of jobs this reconciler deleted that the cache still shows (so a second sync does not delete again). */
  private readonly deleted = new Set<string>();

  constructor(ctx: ControllerContext) {
    super('cronjob', ctx, 'cronjob-controller');
    this.cronJobs = ctx.informers.informerFor<CronJob>(resources.cronjobs);
    this.jobs = ctx.informers.informerFor<Job>(resources.jobs);
    this.cronJobs.addEventHandler({ onAdd: (cj) => this.enqueue(cj), onUpdate: (_old, cj) => this.enqueue(cj), onDelete: (cj) => this.enqueue(cj) });
    const jobChanged = (job: Job) => {
      const ref = getControllerOf(job);
      if (ref?.kind !== 'CronJob') return;
      const owner = this.cronJobs.get(job.metadata.namespace ?? '', ref.name);
      if (owner?.metadata.uid === ref.uid) this.enqueue(owner);
    };
    this.jobs.addEventHandler({ onAdd: jobChanged, onUpdate: (_old, job) => jobChanged(job), onDelete: (job) => { this.deleted.delete(job.metadata.uid!); jobChanged(job); } });
  }

  /** The schedule's "now": real time at start plus the simulated time since. */
  now(): Date {
    return new Date(this.startMs + this.offsetMs + this.ctx.clock.simulatedSince(this.startMs));
  }

  /** At a scale above 1, a lastScheduleTime ahead of our schedule time was written before a restart: catch up. */
  private catchUp(lastScheduleTime: string | undefined): void {
    if (this.ctx.clock.scale <= 1 || !lastScheduleTime) return;
    const gap = Date.parse(lastScheduleTime) - this.now().getTime();
    if (gap > 0) this.offsetMs += gap;
  }

  async sync(key: string): Promise<void> {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const cached = this.cronJobs.get(namespace, name);
    if (!cached) return;
    const owned = this.jobs.list(namespace).filter((job) => isControlledBy(job, cached) && !this.deleted.has(job.metadata.uid!));
    // A job we just created can reach the cache before our status write does: read the CronJob fresh.
    const stale = owned.some((job) => !finishedCondition(job) && !cached.status?.active?.some((ref) => ref.uid === job.metadata.uid));
    const fresh = stale ? await this.ctx.client.get<CronJob>(resources.cronjobs, namespace, name) : cached;
    if (!fresh || fresh.metadata.uid !== cached.metadata.uid) return;
    const cronJob: CronJob = JSON.parse(JSON.stringify(fresh));
    const before = JSON.stringify(cronJob.status ?? {});
    this.catchUp(cronJob.status?.lastScheduleTime);
    const now = this.now();
    let requeueMs: number | undefined;
    try {
      await this.syncActive(cronJob, owned);
      requeueMs = await this.schedule(cronJob, now);
    } finally {
      if (JSON.stringify(cronJob.status ?? {}) !== before) await this.writeStatus(cronJob);
    }
    await this.cleanupFinishedJobs(cronJob, owned);
    if (requeueMs !== undefined) this.queue.addAfter(key, requeueMs);
  }

  /** Reconciles status.active with the owned jobs; records SawCompletedJob and lastSuccessfulTime. */
  private async syncActive(cronJob: CronJob, owned: Job[]): Promise<void> {
    const status = (cronJob.status ??= {});
    const active = (status.active ??= []);
    for (const job of owned) {
      const listed = active.some((ref) => ref.uid === job.metadata.uid);
      const finished = finishedCondition(job);
      if (!listed && !finished) {
        this.events.event(typed(cronJob), 'Warning', 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${job.metadata.name}`);
      } else if (listed && finished) {
        status.active = status.active!.filter((ref) => ref.uid !== job.metadata.uid);
        this.events.event(typed(cronJob), 'Normal', 'SawCompletedJob', `Saw completed job: ${job.metadata.name}, condition: ${finished.type}`);
      }
      const completion = job.status?.completionTime;
      if (finished?.type === 'Complete' && completion && (!status.lastSuccessfulTime || Date.parse(completion) > Date.parse(status.lastSuccessfulTime))) status.lastSuccessfulTime = completion;
    }
    for (const ref of [...status.active!]) {
      if (owned.some((job) => job.metadata.uid === ref.uid)) continue;
      const job = await this.ctx.client.get<Job>(resources.jobs, ref.namespace ?? cronJob.metadata.namespace!, ref.name!);
      if (job && job.metadata.uid === ref.uid) continue;
      this.events.event(typed(cronJob), 'Normal', 'MissingJob', `Active job went missing: ${ref.name}`);
      status.active = status.active!.filter((other) => other.uid !== ref.uid);
    }
  }

  /** The scheduling half of syncCronJob; returns the simulated delay until the next schedule time. */
  private async schedule(cronJob: CronJob, now: Date): Promise<number | undefined> {
    if (cronJob.metadata.deletionTimestamp || cronJob.spec.suspend) return undefined;
    const status = cronJob.status!;
    const timeZone = cronJob.spec.timeZone;
    try {
      if (timeZone) new Intl.DateTimeFormat('en-US', { timeZone });
    } catch (error) {
      this.events.event(typed(cronJob), 'Warning', 'UnknownTimeZone', `invalid timeZone: "${timeZone}": ${(error as Error).message}`);
      return undefined;
    }
    let recent: { time?: Date; missed: number };
    try {
      recent = mostRecentScheduleTime(cronJob, now, new Date(cronJob.metadata.creationTimestamp ?? now));
      parseSchedule(cronJob.spec.schedule, cronJob.spec.timeZone, now);
    } catch (error) {
      this.events.event(typed(cronJob), 'Warning', 'UnparseableSchedule', `unparseable schedule: "${cronJob.spec.schedule}" : ${(error as Error).message}`);
      return undefined;
    }
    const untilNext = () => nextScheduleTime(cronJob, now).getTime() - now.getTime() + 100;
    if (recent.missed > MAX_MISSED_TIMES) {
      this.events.event(typed(cronJob), 'Warning', 'TooManyMissedTimes', `too many missed start times: ${recent.missed}. Set or decrease .spec.startingDeadlineSeconds or check clock skew`);
    }
    const scheduled = recent.time;
    if (!scheduled) return untilNext();
    const deadline = cronJob.spec.startingDeadlineSeconds;
    if (deadline !== undefined && scheduled.getTime() + deadline * 1000 < now.getTime()) {
      this.events.event(typed(cronJob), 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`);
      return untilNext();
    }
    const jobName = jobNameFor(cronJob.metadata.name!, scheduled);
    if (status.active!.some((ref) => ref.name === jobName) || (status.lastScheduleTime && Date.parse(status.lastScheduleTime) === scheduled.getTime())) return untilNext();
    if (cronJob.spec.concurrencyPolicy === 'Forbid' && status.active!.length > 0) {
      this.events.event(typed(cronJob), 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
      return untilNext();
    }
    if (cronJob.spec.concurrencyPolicy === 'Replace') {
      for (const ref of [...status.active!]) await this.deleteJob(cronJob, ref.name!, ref.uid!);
    }
    let created: Job;
    try {
      created = await this.ctx.client.create<Job>(resources.jobs, cronJob.metadata.namespace!, jobFromTemplate(cronJob, scheduled));
      this.events.event(typed(cronJob), 'Normal', 'SuccessfulCreate', `Created job ${created.metadata.name}`);
    } catch (error) {
      if (!isAlreadyExists(error)) {
        this.events.event(typed(cronJob), 'Warning', 'FailedCreate', `Error creating job: ${(error as Error).message}`);
        throw error;
      }
      const existing = await this.ctx.client.get<Job>(resources.jobs, cronJob.metadata.namespace!, jobName);
      if (!existing || !isControlledBy(existing, cronJob) || status.active!.some((ref) => ref.uid === existing.metadata.uid)) return untilNext();
      created = existing;
    }
    status.active!.push(jobReference(created));
    status.lastScheduleTime = kubeTime(scheduled);
    return untilNext();
  }

  /** deleteJob: background propagation, dropped from status.active, SuccessfulDelete (none when already gone). */
  private async deleteJob(cronJob: CronJob, name: string, uid: string): Promise<void> {
    let gone = false;
    try {
      await this.ctx.client.delete(resources.jobs, cronJob.metadata.namespace!, name, { propagationPolicy: 'Background', preconditions: { uid } });
      this.deleted.add(uid);
    } catch (error) {
      if (!isNotFound(error)) {
        this.events.event(typed(cronJob), 'Warning', 'FailedDelete', `Deleted job: ${(error as Error).message}`);
        throw error;
      }
      gone = true;
    }
    const status = cronJob.status!;
    status.active = (status.active ?? []).filter((ref) => ref.uid !== uid);
    if (!gone) this.events.event(typed(cronJob), 'Normal', 'SuccessfulDelete', `Deleted job ${name}`);
  }

  /** cleanupFinishedJobs: keep successfulJobsHistoryLimit (3) succeeded and failedJobsHistoryLimit (1) failed jobs. */
  private async cleanupFinishedJobs(cronJob: CronJob, owned: Job[]): Promise<void> {
    const finished = (type: string) => owned.filter((job) => finishedCondition(job)?.type === type && !job.metadata.deletionTimestamp);
    const victims = [
      ...jobsBeyondHistoryLimit(finished('Complete'), cronJob.spec.successfulJobsHistoryLimit ?? 3),
      ...jobsBeyondHistoryLimit(finished('Failed'), cronJob.spec.failedJobsHistoryLimit ?? 1),
    ];
    for (const job of victims) await this.deleteJob(cronJob, job.metadata.name!, job.metadata.uid!);
  }

  private async writeStatus(cronJob: CronJob): Promise<void> {
    try {
      await this.ctx.client.update<CronJob>(resources.cronjobs, cronJob, { subresource: 'status' });
    } catch (error) {
      if (isNotFound(error)) return;
      if (isConflict(error)) this.enqueue(cronJob);
      throw error;
    }
  }
}

function jobReference(job: Job): ObjectReference {
  return { apiVersion: 'batch/v1', kind: 'Job', namespace: job.metadata.namespace, name: job.metadata.name, uid: job.metadata.uid, resourceVersion: job.metadata.resourceVersion };
}

function typed(cronJob: CronJob): KubeObject {
  return { ...cronJob, apiVersion: 'batch/v1', kind: 'CronJob' };
}

/** Go's time.RFC1123Z in UTC: `Mon, 02 Jan 2006 15:04:05 +0000`. */
function rfc1123z(time: Date): string {
  return time.toUTCString().replace('GMT', '+0000');
}
