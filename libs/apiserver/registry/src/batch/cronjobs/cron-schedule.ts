/**
 * CronJob schedules with the semantics and error messages of robfig/cron/v3's ParseStandard, which
 * upstream's CronJob validation and controller use: five fields or a descriptor, with an optional
 * `TZ=` / `CRON_TZ=` prefix. Pure: parsing, validation and next-run computation.
 */
interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

/** A parsed schedule: the allowed values per field, or a constant delay (`@every`). */
export type CronSchedule =
  | { kind: 'spec'; fields: Set<number>[]; domStar: boolean; dowStar: boolean; timeZone?: string }
  | { kind: 'every'; milliseconds: number };

const months: Bounds = { min: 1, max: 12, names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 } };
const daysOfWeek: Bounds = { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };
const fieldBounds: Bounds[] = [{ min: 0, max: 59 }, { min: 0, max: 23 }, { min: 1, max: 31 }, months, daysOfWeek];
const descriptors: Record<string, string> = { '@yearly': '0 0 1 1 *', '@annually': '0 0 1 1 *', '@monthly': '0 0 1 * *', '@weekly': '0 0 * * 0', '@daily': '0 0 * * *', '@midnight': '0 0 * * *', '@hourly': '0 * * * *' };
const durationUnits: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60000, h: 3600000 };

class CronError extends Error {}

/** strconv.Atoi followed by robfig's negative check. */
function parseNumber(expr: string): number {
  if (!/^[+-]?[0-9]+$/.test(expr)) throw new CronError(`failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: invalid syntax`);
  const value = Number(expr);
  if (value < 0) throw new CronError(`negative number (${value}) not allowed: ${expr}`);
  return value;
}

function parseIntOrName(expr: string, bounds: Bounds): number {
  const named = bounds.names?.[expr.toLowerCase()];
  return named !== undefined ? named : parseNumber(expr);
}

/** getRange: adds the values of `number | number-number [/step] | * [/step]`; returns whether it was a bare star. */
function addRange(expr: string, bounds: Bounds, values: Set<number>): boolean {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  const star = lowAndHigh[0] === '*' || lowAndHigh[0] === '?';
  let [start, end] = [bounds.min, bounds.max];
  if (!star) {
    start = parseIntOrName(lowAndHigh[0], bounds);
    if (lowAndHigh.length > 2) throw new CronError(`too many hyphens: ${expr}`);
    end = lowAndHigh.length === 2 ? parseIntOrName(lowAndHigh[1], bounds) : start;
  }
  if (rangeAndStep.length > 2) throw new CronError(`too many slashes: ${expr}`);
  const step = rangeAndStep.length === 2 ? parseNumber(rangeAndStep[1]) : 1;
  if (rangeAndStep.length === 2 && lowAndHigh.length === 1) end = bounds.max;
  if (start < bounds.min) throw new CronError(`beginning of range (${start}) below minimum (${bounds.min}): ${expr}`);
  if (end > bounds.max) throw new CronError(`end of range (${end}) above maximum (${bounds.max}): ${expr}`);
  if (start > end) throw new CronError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new CronError(`step of range should be a positive number: ${expr}`);
  for (let value = start; value <= end; value += step) values.add(value);
  return star && step === 1;
}

/** Go's time.ParseDuration, for `@every`. */
function parseEvery(descriptor: string): number {
  const value = descriptor.slice('@every '.length);
  const match = /^([-+]?)((?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+)$/.exec(value);
  if (!match && value !== '0') throw new CronError(`failed to parse duration ${descriptor}: time: invalid duration ${JSON.stringify(value)}`);
  if (!match) return 0;
  let total = 0;
  for (const [, amount, unit] of match[2].matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) total += Number(amount) * durationUnits[unit];
  return match[1] === '-' ? -total : total;
}

function parseSpec(spec: string, timeZone?: string): CronSchedule {
  const fields = spec.split(/\s+/).filter((f) => f !== '');
  if (fields.length !== 5) throw new CronError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
  const sets = fields.map(() => new Set<number>());
  const stars = fields.map((field, i) => field.split(',').filter((r) => r !== '').map((expr) => addRange(expr, fieldBounds[i], sets[i])).some(Boolean));
  return { kind: 'spec', fields: sets, domStar: stars[2], dowStar: stars[4], timeZone };
}

/** Parses a schedule as robfig/cron ParseStandard does; throws an Error with its message. */
export function parseCronSchedule(schedule: string): CronSchedule {
  let spec = schedule;
  let timeZone: string | undefined;
  if (spec.length === 0) throw new CronError('empty spec string');
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const space = spec.indexOf(' ');
    timeZone = spec.slice(spec.indexOf('=') + 1, space < 0 ? undefined : space);
    if (space < 0 || !isTimeZone(timeZone)) throw new CronError(`provided bad location ${timeZone}: unknown time zone ${timeZone}`);
    spec = spec.slice(space).trim();
  }
  if (spec.startsWith('@every ')) return { kind: 'every', milliseconds: parseEvery(spec) };
  if (spec.startsWith('@')) {
    if (!(spec in descriptors)) throw new CronError(`unrecognized descriptor: ${spec}`);
    return parseSpec(descriptors[spec], timeZone);
  }
  return parseSpec(spec, timeZone);
}

/** The parse error of a schedule, or undefined when it is valid. */
export function cronScheduleError(schedule: string): string | undefined {
  try {
    parseCronSchedule(schedule);
    return undefined;
  } catch (error) {
    if (error instanceof CronError) return error.message;
    throw error;
  }
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
