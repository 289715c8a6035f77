import { FieldError, fieldErrors } from '@drydock/util';
import { validateNonnegative } from '../../meta/field-validation';

const percentPattern = /^[0-9]+%$/;
const percentMessage = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

/** ValidatePositiveIntOrPercent (apps validation). */
export function validatePositiveIntOrPercent(value: unknown, path: string): FieldError[] {
  if (typeof value === 'string') return percentPattern.test(value) ? [] : [fieldErrors.invalid(path, value, percentMessage)];
  if (typeof value === 'number') return validateNonnegative(value, path);
  if (value === undefined || value === null) return [];
  return [fieldErrors.invalid(path, value, "must be an integer or percentage (e.g '5%')")];
}

function percentValue(value: unknown): number | undefined {
  return typeof value === 'string' && percentPattern.test(value) ? Number(value.slice(0, -1)) : undefined;
}

/** getIntOrPercentValue: the number, or the percentage as a number; 0 for anything else. */
export function intOrPercentValue(value: unknown): number {
  const percent = percentValue(value);
  if (percent !== undefined) return percent;
  return typeof value === 'number' ? value : 0;
}

/** IsNotMoreThan100Percent. */
export function isNotMoreThan100Percent(value: unknown, path: string): FieldError[] {
  const percent = percentValue(value);
  return percent !== undefined && percent > 100 ? [fieldErrors.invalid(path, value, 'must not be greater than 100%')] : [];
}
