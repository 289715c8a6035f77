import { FieldError, fieldErrors, isPlainObject, KubeObject, ObjectMeta } from '@drydock/util';
import { jsonEqual } from '../meta/field-validation';

export type Json = Record<string, unknown>;

/** The object's `key` field as a plain object, created (and attached) when missing. */
export function section(object: Json, key: string): Json {
  if (!isPlainObject(object[key])) object[key] = {};
  return object[key] as Json;
}

/** Read-only view of a nested object; `{}` when missing. */
export function read(object: unknown, ...path: string[]): Json {
  let current: unknown = object;
  for (const key of path) current = isPlainObject(current) ? current[key] : undefined;
  return isPlainObject(current) ? current : {};
}

export function text(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

export function list(value: unknown): Json[] {
  return Array.isArray(value) ? value.map((v) => (isPlainObject(v) ? v : {})) : [];
}

/** generic.ObjectMetaFieldsSet: the metadata fields every kind can be selected by. */
export function objectMetaFields(object: KubeObject, namespaced = true): Record<string, string> {
  const fields: Record<string, string> = { 'metadata.name': object.metadata.name ?? '' };
  if (namespaced) fields['metadata.namespace'] = object.metadata.namespace ?? '';
  return fields;
}

/** A kind with a status subresource: the main resource never writes status. */
export function keepOldStatus(object: KubeObject, old: KubeObject): void {
  if (old.status === undefined) delete object.status;
  else object.status = old.status;
}

/** metadata.generation is 1 on create and bumped whenever `key` (usually spec) changes. */
export function initGeneration(object: KubeObject): void {
  object.metadata.generation = 1;
}

export function bumpGeneration(object: KubeObject, old: KubeObject, key = 'spec'): void {
  const previous = old.metadata.generation ?? 1;
  object.metadata.generation = jsonEqual(object[key], old[key]) ? previous : previous + 1;
}

const standardFinalizers = ['kubernetes', 'orphan', 'foregroundDeletion'];

/** validateKubeFinalizerName: core kinds accept an unqualified finalizer only if it is a standard one. */
export function validateKubeFinalizerName(name: string, path: string): FieldError[] {
  if (name.split('/').length === 1 && !standardFinalizers.includes(name)) {
    return [fieldErrors.invalid(path, name, 'name is neither a standard finalizer name nor is it fully qualified')];
  }
  return [];
}

/** The extra metadata check core's ValidateObjectMeta adds on top of apimachinery's. */
export function validateCoreMeta(meta: ObjectMeta): FieldError[] {
  return (meta.finalizers ?? []).flatMap((f) => validateKubeFinalizerName(f, 'metadata.finalizers'));
}

/** A map (`data`, `labels`) as a Record of strings; `{}` when missing. */
export function stringMap(value: unknown): Record<string, string> {
  if (!isPlainObject(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, text(v)]));
}
