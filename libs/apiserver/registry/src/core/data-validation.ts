import { FieldError, fieldErrors, isPlainObject } from '@drydock/util';
import { jsonEqual } from '../meta/field-validation';
import { isConfigMapKey } from '@drydock/kube';
import { invalidEach } from '../support/field-errors';
import { Json } from '../support/object-fields';

/** core.MaxSecretSize, shared by Secrets and ConfigMaps. */
export const maxDataSize = 1024 * 1024;

/** Keys of `data` / `binaryData` must be config keys; returns the errors and the bytes counted. */
export function validateDataKeys(data: unknown, path: string, sizeOf: (value: unknown) => number): { errors: FieldError[]; size: number } {
  const errors: FieldError[] = [];
  let size = 0;
  if (!isPlainObject(data)) return { errors, size };
  for (const key of Object.keys(data).sort()) {
    errors.push(...invalidEach(`${path}[${key}]`, key, isConfigMapKey(key)));
    size += sizeOf(data[key]);
  }
  return { errors, size };
}

/** Bytes of a base64 value as stored. */
export const base64Size = (value: unknown) => Buffer.from(String(value ?? ''), 'base64').length;

/** Bytes of a string value. */
export const utf8Size = (value: unknown) => Buffer.byteLength(String(value ?? ''));

const immutableDetail = 'field is immutable when `immutable` is set';

/** Secrets and ConfigMaps marked `immutable: true` keep their data and the flag forever. */
export function validateImmutableData(object: Json, old: Json, keys: string[]): FieldError[] {
  if (old.immutable !== true) return [];
  const errors: FieldError[] = [];
  if (object.immutable !== true) errors.push(fieldErrors.forbidden('immutable', immutableDetail));
  for (const key of keys) if (!jsonEqual(object[key], old[key])) errors.push(fieldErrors.forbidden(key, immutableDetail));
  return errors;
}
