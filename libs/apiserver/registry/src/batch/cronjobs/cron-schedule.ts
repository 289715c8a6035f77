/**
 * A validator for CronJob schedules with the semantics and error messages of robfig/cron/v3's
 * ParseStandard, which upstream's CronJob validation uses: five fields or a descriptor, with an
 * optional `TZ=` / `CRON_TZ=` prefix. Returns the parse error, or undefined for a valid schedule.
 */
interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const months: Bounds = { min: 1, max: 12, names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 } };
const daysOfWeek: Bounds = { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };
const fieldBounds: Bounds[] = [{ min: 0, max: 59 }, { min: 0, max: 23 }, { min: 1, max: 31 }, months, daysOfWeek];
const descriptors = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];

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

function checkRange(expr: string, bounds: Bounds): void {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  let start: number;
  let end: number;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    [start, end] = [bounds.min, bounds.max];
  } else {
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
}

/** Go's time.ParseDuration accepts e.g. `1h30m`, `90s`, `1.5h`. */
function checkEvery(descriptor: string): void {
  const value = descriptor.slice('@every '.length);
  if (!/^[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$/.test(value) && value !== '0') {
    throw new CronError(`failed to parse duration ${descriptor}: time: invalid duration ${JSON.stringify(value)}`);
  }
}

function checkSpec(spec: string): void {
  if (spec.length === 0) throw new CronError('empty spec string');
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const space = spec.indexOf(' ');
    if (space < 0) throw new CronError(`provided bad location ${spec.slice(spec.indexOf('=') + 1)}: unknown time zone ${spec.slice(spec.indexOf('=') + 1)}`);
    spec = spec.slice(space).trim();
  }
  if (spec.startsWith('@')) {
    if (spec.startsWith('@every ')) return checkEvery(spec);
    if (!descriptors.includes(spec)) throw new CronError(`unrecognized descriptor: ${spec}`);
    return;
  }
  const fields = spec.split(/\s+/).filter((f) => f !== '');
  if (fields.length !== 5) throw new CronError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
  fields.forEach((field, i) => field.split(',').filter((r) => r !== '').forEach((expr) => checkRange(expr, fieldBounds[i])));
}

export function cronScheduleError(schedule: string): string | undefined {
  try {
    checkSpec(schedule);
    return undefined;
  } catch (error) {
    if (error instanceof CronError) return error.message;
    throw error;
  }
}
