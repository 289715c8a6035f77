import { FieldError, fieldErrors } from '@drydock/util';

/** Structural equality of JSON values (upstream's apiequality.Semantic.DeepEqual for plain data). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === undefined && b === undefined;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const key of keys) if (!jsonEqual(ra[key], rb[key])) return false;
  return true;
}

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
