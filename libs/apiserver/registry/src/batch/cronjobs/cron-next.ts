import type { CronSchedule } from './cron-schedule';

interface WallClock {
  minute: number;
  hour: number;
  day: number;
  month: number;
  weekday: number;
}

const weekdays: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const minute = 60_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', weekday: 'short', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    formatters.set(timeZone, format);
  }
  return format;
}

/** The wall clock of an instant in a time zone. */
function wallClock(time: number, timeZone: string): WallClock {
  const parts = formatter(timeZone).formatToParts(new Date(time));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '0';
  return { minute: Number(part('minute')), hour: Number(part('hour')), day: Number(part('day')), month: Number(part('month')), weekday: weekdays[part('weekday')] };
}

/** robfig's dayMatches: day-of-month OR day-of-week when both are restricted, AND otherwise. */
function dayMatches(schedule: Extract<CronSchedule, { kind: 'spec' }>, clock: WallClock): boolean {
  const dom = schedule.fields[2].has(clock.day);
  const dow = schedule.fields[4].has(clock.weekday);
  return schedule.domStar || schedule.dowStar ? dom && dow : dom || dow;
}

/**
 * SpecSchedule.Next: the first minute strictly after `after` that the schedule matches, in the
 * schedule's TZ= zone, else `timeZone` (spec.timeZone), else UTC. Undefined when nothing matches
 * within five years (robfig's limit), e.g. `0 0 30 2 *`.
 */
export function nextCronTime(schedule: CronSchedule, after: Date, timeZone = 'UTC'): Date | undefined {
  if (schedule.kind === 'every') {
    const delay = Math.max(schedule.milliseconds, 1000);
    return new Date(Math.floor(after.getTime() / 1000) * 1000 + delay - (delay % 1000));
  }
  const zone = schedule.timeZone ?? timeZone;
  let time = Math.floor(after.getTime() / minute) * minute + minute;
  const limit = after.getTime() + 5 * 366 * 24 * 60 * minute;
  while (time <= limit) {
    const clock = wallClock(time, zone);
    if (!schedule.fields[3].has(clock.month) || !dayMatches(schedule, clock) || !schedule.fields[1].has(clock.hour)) {
      time += (60 - clock.minute) * minute;
      continue;
    }
    if (schedule.fields[0].has(clock.minute)) return new Date(time);
    time += minute;
  }
  return undefined;
}
