import { FieldError, fieldErrors, isPlainObject } from '@drydock/util';

export type Json = Record<string, unknown>;

export function objects(value: unknown): Json[] {
  return Array.isArray(value) ? value.map((v) => (isPlainObject(v) ? v : {})) : [];
}

export function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** One Invalid error per message, as upstream's `for _, msg := range IsX(v)` loops. */
export function invalidEach(path: string, value: unknown, messages: string[]): FieldError[] {
  return messages.map((msg) => fieldErrors.invalid(path, value, msg));
}

/** Required when empty, NotSupported when not one of `supported` (upstream's switch on enum fields). */
export function validateEnum(value: unknown, supported: string[], path: string): FieldError[] {
  const text = str(value);
  if (!text) return [fieldErrors.required(path)];
  return supported.includes(text) ? [] : [fieldErrors.notSupported(path, text, supported)];
}

/** Upstream's field.NotFound; the shared FieldErrorType has no NotFound yet, so it is reported as Invalid. */
export function notFound(path: string, value: unknown): FieldError {
  return fieldErrors.invalid(path, value, 'not found');
}
