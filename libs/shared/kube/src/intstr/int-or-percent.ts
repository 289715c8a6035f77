import { FieldError, fieldErrors } from '@drydock/util';

/** intstr.IntOrString as JSON: an integer or a string (`"25%"` where a percentage is meant). */
export type IntOrString = number | string;

/** strconv.Atoi's syntax: an optional sign and decimal digits. */
const atoi = /^[+-]?\d+$/;

/** IntOrString errors worded as upstream's (fmt.Errorf in k8s.io/apimachinery/pkg/util/intstr). */
export class IntOrStringError extends Error {
  override readonly name = 'IntOrStringError';
}

/** getIntOrPercentValueSafely: the number and whether it was a percentage. */
function intOrPercent(value: IntOrString): { value: number; percent: boolean } {
  if (typeof value === 'number') return { value: Math.trunc(value), percent: false };
  if (!value.endsWith('%')) throw new IntOrStringError('invalid value for IntOrString: invalid type: string is not a percentage');
  const digits = value.slice(0, -1);
  if (!atoi.test(digits)) throw new IntOrStringError(`invalid value for IntOrString: invalid value ${JSON.stringify(value)}: strconv.Atoi: parsing ${JSON.stringify(digits)}: invalid syntax`);
  return { value: Number(digits), percent: true };
}

/**
 * intstr.GetScaledValueFromIntOrPercent: an integer as it is, `"25%"` of `total` rounded up (ceil) or
 * down (floor). Throws an IntOrStringError with upstream's message for a missing value or a string
 * that is not a percentage; the caller handles it (controllers requeue, as upstream returns the error).
 */
export function getScaledValueFromIntOrPercent(value: IntOrString | undefined | null, total: number, roundUp: boolean): number {
  if (value === undefined || value === null) throw new IntOrStringError('nil value for IntOrString');
  const parsed = intOrPercent(value);
  if (!parsed.percent) return parsed.value;
  const scaled = (parsed.value * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/** A string ending in `%` (the IntOrString is a percentage, as the disruption controller asks). */
export function isPercent(value: unknown): value is string {
  return typeof value === 'string' && value.endsWith('%');
}

const validPercent = /^[0-9]+%$/;
const percentMessage = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

/** getPercentValue of apps validation: the percentage of a valid percent string. */
function percentValue(value: unknown): number | undefined {
  return typeof value === 'string' && validPercent.test(value) ? Number(value.slice(0, -1)) : undefined;
}

/** getIntOrPercentValue of apps validation: the percentage, else IntValue() (Atoi of a string, 0 when it fails). */
export function intOrPercentValue(value: unknown): number {
  const percent = percentValue(value);
  if (percent !== undefined) return percent;
  if (typeof value === 'number') return value;
  return typeof value === 'string' && atoi.test(value) ? Number(value) : 0;
}

/** ValidatePositiveIntOrPercent (apps validation). */
export function validatePositiveIntOrPercent(value: unknown, path: string): FieldError[] {
  if (typeof value === 'string') return validPercent.test(value) ? [] : [fieldErrors.invalid(path, value, percentMessage)];
  if (typeof value === 'number') return value < 0 ? [fieldErrors.invalid(path, value, 'must be greater than or equal to 0')] : [];
  if (value === undefined || value === null) return [];
  return [fieldErrors.invalid(path, value, "must be an integer or percentage (e.g '5%')")];
}

/** IsNotMoreThan100Percent (apps validation). */
export function isNotMoreThan100Percent(value: unknown, path: string): FieldError[] {
  const percent = percentValue(value);
  return percent !== undefined && percent > 100 ? [fieldErrors.invalid(path, value, 'must not be greater than 100%')] : [];
}
