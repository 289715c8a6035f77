import { FieldError, fieldErrors, jsonEqual } from '@drydock/util';

/** One equality of JSON values for the whole tree (@drydock/util); re-exported for the strategies that import it here. */
export { jsonEqual };

export const fieldImmutableMessage = 'field is immutable';

/** ValidateImmutableField. */
export function fieldImmutable(value: unknown, old: unknown, path: string): FieldError[] {
  return jsonEqual(value, old) ? [] : [fieldErrors.invalid(path, value ?? null, fieldImmutableMessage)];
}

/** ValidateNonnegativeField. */
export function validateNonnegative(value: unknown, path: string): FieldError[] {
  return typeof value === 'number' && value < 0 ? [fieldErrors.invalid(path, value, 'must be greater than or equal to 0')] : [];
}

/** A JSON number that is a whole number. */
export function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}
