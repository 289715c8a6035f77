import { FieldError, fieldErrors } from '@drydock/util';
import { text } from './object-fields';

/** One Invalid error per message, as upstream's `for _, msg := range IsX(v)` loops. */
export function invalidEach(path: string, value: unknown, messages: string[]): FieldError[] {
  return messages.map((msg) => fieldErrors.invalid(path, value, msg));
}

/** Required when empty, NotSupported when not one of `supported` (upstream's switch on enum fields). */
export function validateEnum(value: unknown, supported: string[], path: string): FieldError[] {
  const given = text(value);
  if (!given) return [fieldErrors.required(path)];
  return supported.includes(given) ? [] : [fieldErrors.notSupported(path, given, supported)];
}

/** Upstream's field.NotFound; the shared FieldErrorType has no NotFound yet, so it is reported as Invalid. */
export function notFound(path: string, value: unknown): FieldError {
  return fieldErrors.invalid(path, value, 'not found');
}
