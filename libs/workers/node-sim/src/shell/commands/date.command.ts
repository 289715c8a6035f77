import { defineCommand, type Command } from 'just-bash';
import type { Clock } from '@drydock/util';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const pad = (value: number, width = 2, fill = '0') => String(value).padStart(width, fill);

/** When this worker started: the simulated clock's origin (at scale 1 the simulated time is the real time). */
const ORIGIN_MS = Date.now();

/** The time on the simulated clock: from the worker's start, `scale` simulated seconds per real second (what `sleep` waits on). */
export function simulatedNow(clock: Clock): Date {
  return new Date(ORIGIN_MS + clock.simulatedSince(ORIGIN_MS));
}

/** strftime in UTC (containers have no TZ and no /etc/localtime: UTC), the specifiers busybox and coreutils share. */
export function strftime(format: string, date: Date): string {
  const specifiers: Record<string, () => string> = {
    a: () => DAYS[date.getUTCDay()], A: () => DAY_NAMES[date.getUTCDay()], b: () => MONTHS[date.getUTCMonth()], h: () => MONTHS[date.getUTCMonth()], B: () => MONTH_NAMES[date.getUTCMonth()],
    d: () => pad(date.getUTCDate()), e: () => pad(date.getUTCDate(), 2, ' '), m: () => pad(date.getUTCMonth() + 1), Y: () => String(date.getUTCFullYear()), y: () => pad(date.getUTCFullYear() % 100),
    H: () => pad(date.getUTCHours()), I: () => pad(date.getUTCHours() % 12 || 12), M: () => pad(date.getUTCMinutes()), S: () => pad(date.getUTCSeconds()), p: () => (date.getUTCHours() < 12 ? 'AM' : 'PM'),
    s: () => String(Math.floor(date.getTime() / 1000)), N: () => pad(date.getUTCMilliseconds(), 3) + '000000', Z: () => 'UTC', z: () => '+0000',
    j: () => pad(Math.floor((date.getTime() - Date.UTC(date.getUTCFullYear(), 0, 1)) / 86_400_000) + 1, 3), u: () => String(date.getUTCDay() || 7), w: () => String(date.getUTCDay()),
    T: () => strftime('%H:%M:%S', date), R: () => strftime('%H:%M', date), D: () => strftime('%m/%d/%y', date), F: () => strftime('%Y-%m-%d', date), c: () => strftime('%a %b %e %H:%M:%S %Y', date),
    n: () => '\n', t: () => '\t', '%': () => '%',
  };
  return format.replace(/%(.)/g, (whole, letter: string) => specifiers[letter]?.() ?? whole);
}

/** busybox ends -I and -R with `%Z` (UTC) under -u, else `%z` (+0000); coreutils with +00:00 (-I) or +0000 (-R). */
function zoneOf(busybox: boolean, utc: boolean, iso: boolean): string {
  if (busybox) return utc ? '%Z' : '%z';
  return iso ? '+00:00' : '%z';
}

/** `-I[SPEC]`: the date, or the time to the hour, minute or second, then the zone. */
function isoFormat(spec: string, zone: string): string | undefined {
  const formats: Record<string, string> = { '': '%Y-%m-%d', date: '%Y-%m-%d', hours: `%Y-%m-%dT%H${zone}`, minutes: `%Y-%m-%dT%H:%M${zone}`, seconds: `%Y-%m-%dT%H:%M:%S${zone}` };
  return formats[spec];
}

/** `date` on the simulated clock: `date`, `-u`, `+FORMAT`, `-I[SPEC]`, `-R`, `-d @SECONDS`. */
export function dateCommand(now: () => Date, busybox: boolean): Command {
  return defineCommand('date', async (args) => {
    let format = '%a %b %e %H:%M:%S %Z %Y';
    let date = now();
    const utc = args.includes('-u') || args.includes('--utc');
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      if (arg === '-u' || arg === '--utc') continue;
      if (arg.startsWith('+')) format = arg.slice(1);
      else if (arg === '-R' || arg === '--rfc-email') format = `%a, %d %b %Y %H:%M:%S ${zoneOf(busybox, utc, false)}`;
      else if (arg.startsWith('-I') || arg.startsWith('--iso-8601')) {
        const iso = isoFormat(arg.replace(/^(-I|--iso-8601)=?/, ''), zoneOf(busybox, utc, true));
        if (!iso) return { stdout: '', stderr: `date: invalid argument '${arg.replace(/^(-I|--iso-8601)=?/, '')}' for '--iso-8601'\n`, exitCode: 1 };
        format = iso;
      } else if (arg === '-d' || arg.startsWith('--date=') || (arg.startsWith('-d') && arg.length > 2)) {
        const value = arg === '-d' ? (args[++i] ?? '') : arg.replace(/^(--date=|-d)/, '');
        const seconds = /^@(-?\d+)$/.exec(value);
        const parsed = seconds ? new Date(Number(seconds[1]) * 1000) : value === 'now' ? date : new Date(value);
        if (Number.isNaN(parsed.getTime())) return { stdout: '', stderr: busybox ? `date: invalid date '${value}'\n` : `date: invalid date ‘${value}’\n`, exitCode: 1 };
        date = parsed;
      } else return { stdout: '', stderr: busybox ? `date: invalid option -- '${arg.replace(/^-+/, '')}'\n` : `date: invalid option -- '${arg.replace(/^-+/, '')}'\nTry 'date --help' for more information.\n`, exitCode: 1 };
    }
    return { stdout: `${strftime(format, date)}\n`, stderr: '', exitCode: 0 };
  });
}
