import { kubeTime } from '@drydock/kube';
import { CronExpression, CronExpressionParser } from 'cron-parser';
import type { KubeObject } from '@drydock/util';
import type { Job } from '../job/job-status';

export interface CronJob extends KubeObject {
  spec: {
    schedule: string;
    timeZone?: string;
    startingDeadlineSeconds?: number;
    concurrencyPolicy?: 'Allow' | 'Forbid' | 'Replace';
    suspend?: boolean;
    successfulJobsHistoryLimit?: number;
    failedJobsHistoryLimit?: number;
    jobTemplate: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec: Job['spec'] };
  };
  status?: { active?: ObjectReference[]; lastScheduleTime?: string; lastSuccessfulTime?: string };
}

export interface ObjectReference {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  resourceVersion?: string;
}

export const SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';
/** Upstream gives up listing missed start times after this many (TooManyMissedTimes). */
export const MAX_MISSED_TIMES = 100;

/** cron.ParseStandard with the CronJob's time zone (a `CRON_TZ=`/`TZ=` prefix works too). Throws when unparseable. */
export function parseSchedule(schedule: string, timeZone: string | undefined, currentDate: Date): CronExpression {
  let expression = schedule.trim();
  let tz = timeZone;
  const prefix = /^(?:CRON_)?TZ=(\S+)\s+(.*)$/.exec(expression);
  if (prefix) [, tz, expression] = prefix;
  if (expression.split(/\s+/).length === 6 && !expression.startsWith('@')) throw new Error('expected exactly 5 fields');
  return CronExpressionParser.parse(expression, { currentDate, tz: tz ?? 'UTC', strict: false });
}

/**
 * mostRecentScheduleTime: the latest schedule time in (earliest, now], with how many were missed.
 * `earliest` is lastScheduleTime, else the CronJob's creation, moved up to now - startingDeadlineSeconds.
 */
export function mostRecentScheduleTime(cronJob: CronJob, now: Date, creation: Date): { time?: Date; missed: number } {
  let earliest = cronJob.status?.lastScheduleTime ? new Date(cronJob.status.lastScheduleTime) : creation;
  const deadline = cronJob.spec.startingDeadlineSeconds;
  if (deadline !== undefined && now.getTime() - deadline * 1000 > earliest.getTime()) earliest = new Date(now.getTime() - deadline * 1000);
  if (earliest.getTime() > now.getTime()) return { missed: 0 };
  const expression = parseSchedule(cronJob.spec.schedule, cronJob.spec.timeZone, earliest);
  let time: Date | undefined;
  let missed = 0;
  for (let next = expression.next().toDate(); next.getTime() <= now.getTime(); next = expression.next().toDate()) {
    time = next;
    missed++;
    if (missed > MAX_MISSED_TIMES) {
      const latest = parseSchedule(cronJob.spec.schedule, cronJob.spec.timeZone, now).prev().toDate();
      return { time: latest, missed };
    }
  }
  return { time, missed };
}

/** The next schedule time strictly after `now`. */
export function nextScheduleTime(cronJob: CronJob, now: Date): Date {
  return parseSchedule(cronJob.spec.schedule, cronJob.spec.timeZone, now).next().toDate();
}

/** getJobName: `<cronjob>-<scheduled time in minutes since the epoch>`, so a retry reuses the name. */
export function jobNameFor(cronJobName: string, scheduledTime: Date): string {
  return `${cronJobName}-${Math.floor(scheduledTime.getTime() / 60_000)}`;
}

/** RFC 3339 in the CronJob's time zone (UTC without one), as upstream writes the scheduled-timestamp annotation. */
export function formatScheduledTimestamp(time: Date, timeZone: string | undefined): string {
  if (!timeZone) return kubeTime(time);
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
    .formatToParts(time).map((part) => [part.type, part.value]));
  const local = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  const offsetMinutes = Math.round((local - Math.floor(time.getTime() / 1000) * 1000) / 60_000);
  if (offsetMinutes === 0) return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}Z`;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** getJobFromTemplate2: the Job for one scheduled time, named for it and controlled by the CronJob. */
export function jobFromTemplate(cronJob: CronJob, scheduledTime: Date): Job {
  const template = cronJob.spec.jobTemplate;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: jobNameFor(cronJob.metadata.name!, scheduledTime),
      namespace: cronJob.metadata.namespace,
      labels: { ...(template.metadata?.labels ?? {}) },
      annotations: { ...(template.metadata?.annotations ?? {}), [SCHEDULED_TIMESTAMP_ANNOTATION]: formatScheduledTimestamp(scheduledTime, cronJob.spec.timeZone) },
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cronJob.metadata.name!, uid: cronJob.metadata.uid!, controller: true, blockOwnerDeletion: true }],
    },
    spec: JSON.parse(JSON.stringify(template.spec ?? {})),
  };
}

/**
 * removeOldestJobs: the finished jobs beyond `limit`, oldest start first (jobs without a startTime
 * sort last, ties by name), which cleanupFinishedJobs deletes.
 */
export function jobsBeyondHistoryLimit(jobs: Job[], limit: number | undefined): Job[] {
  if (limit === undefined || jobs.length <= limit) return [];
  const sorted = [...jobs].sort((a, b) => {
    const aStart = a.status?.startTime;
    const bStart = b.status?.startTime;
    if (aStart && !bStart) return -1;
    if (!aStart && bStart) return 1;
    if (aStart && bStart && aStart !== bStart) return Date.parse(aStart) - Date.parse(bStart);
    return (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');
  });
  return sorted.slice(0, jobs.length - limit);
}
