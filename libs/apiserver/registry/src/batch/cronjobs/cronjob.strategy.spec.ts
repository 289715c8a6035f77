import { fieldErrorMessage, KubeObject } from '@drydock/util';
import { nextCronTime } from './cron-next';
import { cronScheduleError, parseCronSchedule } from './cron-schedule';
import { cronJobStrategy } from './cronjob.strategy';

function cronJob(spec: Record<string, unknown> = {}): KubeObject {
  const object: KubeObject = {
    metadata: { name: 'hello', namespace: 'default', creationTimestamp: '2026-11-21T00:00:00Z' },
    spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'hello', image: 'busybox' }] } } } }, ...spec },
  };
  cronJobStrategy.defaults!(object);
  return object;
}

describe('cron schedule validation', () => {
  it.each(['*/5 * * * *', '0 0 * * SUN', '15 3 1-15/2 JAN,jul *', '@hourly', '@every 1h30m', '0 9 * * 1-5'])('accepts %s', (schedule) => {
    expect(cronScheduleError(schedule)).toBeUndefined();
  });

  it.each([
    ['* * * *', 'expected exactly 5 fields, found 4: [* * * *]'],
    ['61 * * * *', 'end of range (61) above maximum (59): 61'],
    ['* * 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['x * * * *', 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
    ['5-1 * * * *', 'beginning of range (5) beyond end of range (1): 5-1'],
    ['*/0 * * * *', 'step of range should be a positive number: */0'],
    ['@fortnightly', 'unrecognized descriptor: @fortnightly'],
  ])('rejects %s with the robfig/cron message', (schedule, message) => {
    expect(cronScheduleError(schedule)).toBe(message);
  });
});

describe('cronjob strategy', () => {
  it('defaults concurrency policy, suspend and history limits', () => {
    expect(cronJob().spec).toMatchObject({ concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
    expect(cronJobStrategy.validate(cronJob())).toEqual([]);
  });

  it('requires a schedule and reports an invalid one at spec.schedule', () => {
    expect(cronJobStrategy.validate(cronJob({ schedule: '' })).map(fieldErrorMessage)).toEqual(['spec.schedule: Required value']);
    expect(cronJobStrategy.validate(cronJob({ schedule: '* * * * * *' })).map(fieldErrorMessage)).toEqual([
      'spec.schedule: Invalid value: "* * * * * *": expected exactly 5 fields, found 6: [* * * * * *]',
    ]);
  });

  it('forbids TZ in the schedule and unknown time zones', () => {
    const messages = cronJobStrategy.validate(cronJob({ schedule: 'CRON_TZ=UTC 0 * * * *', timeZone: 'Mars/Olympus' })).map(fieldErrorMessage);
    expect(messages).toEqual([
      'spec.schedule: Invalid value: "CRON_TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
      'spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus',
    ]);
  });

  it('prints schedule, time zone, suspend, active jobs and last schedule', () => {
    const object = cronJob();
    object.status = { active: [{ name: 'hello-1' }], lastScheduleTime: '2026-11-22T00:55:00Z' };
    const row = cronJobStrategy.table!.row(object, { now: new Date('2026-11-22T01:00:00Z') });
    expect(row).toEqual(['hello', '*/5 * * * *', '<none>', 'False', 1, '5m', '25h', 'hello', 'busybox', '<none>']);
  });
});

describe('next cron time', () => {
  const next = (schedule: string, after: string, timeZone?: string) => nextCronTime(parseCronSchedule(schedule), new Date(after), timeZone)?.toISOString();

  it('finds the next matching minute', () => {
    expect(next('*/5 * * * *', '2026-11-22T01:02:30Z')).toBe('2026-11-22T01:05:00.000Z');
    expect(next('0 9 * * 1-5', '2026-11-21T10:00:00Z')).toBe('2026-11-23T09:00:00.000Z');
    expect(next('@monthly', '2026-11-22T00:00:00Z')).toBe('2026-12-01T00:00:00.000Z');
  });

  it('ORs day of month and day of week when both are restricted', () => {
    expect(next('0 0 1 * MON', '2026-11-22T00:00:00Z')).toBe('2026-11-23T00:00:00.000Z');
  });

  it('uses the time zone and gives up on impossible dates', () => {
    expect(next('0 9 * * *', '2026-11-22T00:00:00Z', 'Europe/Berlin')).toBe('2026-11-22T08:00:00.000Z');
    expect(next('0 0 30 2 *', '2026-11-22T00:00:00Z')).toBeUndefined();
  });
});
