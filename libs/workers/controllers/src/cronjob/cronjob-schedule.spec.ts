import type { Job } from '../job/job-status';
import { CronJob, formatScheduledTimestamp, jobFromTemplate, jobNameFor, jobsBeyondHistoryLimit, mostRecentScheduleTime, nextScheduleTime } from './cronjob-schedule';

const cronJob = (spec: Partial<CronJob['spec']>, status: CronJob['status'] = {}): CronJob => ({
  apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'tick', namespace: 'ns', uid: 'u1' },
  spec: { schedule: '*/5 * * * *', jobTemplate: { metadata: { labels: { app: 'tick' } }, spec: { backoffLimit: 1 } }, ...spec }, status,
});
const at = (iso: string) => new Date(iso);

describe('cronjob schedule', () => {
  it('names the job <cronjob>-<scheduled minutes since the epoch>', () => {
    expect(jobNameFor('tick', at('2026-11-22T06:05:00Z'))).toBe(`tick-${Date.parse('2026-11-22T06:05:00Z') / 60_000}`);
  });

  it('finds the most recent unmet schedule time since lastScheduleTime, counting the misses', () => {
    const recent = mostRecentScheduleTime(cronJob({}, { lastScheduleTime: '2026-11-22T06:00:00Z' }), at('2026-11-22T06:17:00Z'), at('2026-11-22T05:00:00Z'));
    expect(recent).toEqual({ time: at('2026-11-22T06:15:00Z'), missed: 3 });
    expect(mostRecentScheduleTime(cronJob({}, { lastScheduleTime: '2026-11-22T06:15:00Z' }), at('2026-11-22T06:17:00Z'), at('2026-11-22T05:00:00Z')).time).toBeUndefined();
    expect(nextScheduleTime(cronJob({}), at('2026-11-22T06:17:00Z'))).toEqual(at('2026-11-22T06:20:00Z'));
  });

  it('looks back no further than startingDeadlineSeconds', () => {
    const recent = mostRecentScheduleTime(cronJob({ startingDeadlineSeconds: 60 }), at('2026-11-22T06:17:00Z'), at('2026-11-22T05:00:00Z'));
    expect(recent.time).toBeUndefined();
  });

  it('reads the schedule in spec.timeZone and writes the scheduled timestamp with its offset', () => {
    const daily = cronJob({ schedule: '0 9 * * *', timeZone: 'Europe/Berlin' });
    expect(nextScheduleTime(daily, at('2026-11-22T06:17:00Z'))).toEqual(at('2026-11-22T08:00:00Z'));
    expect(formatScheduledTimestamp(at('2026-11-22T08:00:00Z'), 'Europe/Berlin')).toBe('2026-11-22T09:00:00+01:00');
    expect(formatScheduledTimestamp(at('2026-11-22T08:00:00Z'), undefined)).toBe('2026-11-22T08:00:00Z');
  });

  it('builds the job from the template with the scheduled-timestamp annotation and a controller reference', () => {
    const job = jobFromTemplate(cronJob({}), at('2026-11-22T06:15:00Z'));
    expect(job.metadata).toEqual({
      name: jobNameFor('tick', at('2026-11-22T06:15:00Z')), namespace: 'ns', labels: { app: 'tick' },
      annotations: { 'batch.kubernetes.io/cronjob-scheduled-timestamp': '2026-11-22T06:15:00Z' },
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'tick', uid: 'u1', controller: true, blockOwnerDeletion: true }],
    });
    expect(job.spec).toEqual({ backoffLimit: 1 });
  });

  it('trims the history oldest start first, jobs without a startTime last', () => {
    const job = (name: string, startTime?: string): Job => ({ metadata: { name }, spec: {}, status: startTime ? { startTime } : {} });
    const jobs = [job('c', '2026-11-22T06:03:00Z'), job('none'), job('a', '2026-11-22T06:01:00Z'), job('b', '2026-11-22T06:02:00Z')];
    expect(jobsBeyondHistoryLimit(jobs, 2).map((j) => j.metadata.name)).toEqual(['a', 'b']);
    expect(jobsBeyondHistoryLimit(jobs, 4)).toEqual([]);
  });
});
