import { isPlainObject } from '@drydock/util';

/**
 * Reading and defaulting fields of untyped objects, as upstream's unstructured.Nested* helpers: strategies
 * receive decoded JSON, so every read tolerates a missing or mistyped field and never throws.
 */
export type Json = Record<string, unknown>;

/** The object at `path` under `value` (`record(pod, 'status')`), or `{}` when absent or not an object; never mutates. */
export function record(value: unknown, ...path: string[]): Json {
  let current: unknown = value;
  for (const key of path) current = isPlainObject(current) ? current[key] : undefined;
  return isPlainObject(current) ? current : {};
}

/** An array field, or `[]` when absent or not an array. */
export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** An array of objects (containers, ports...): entries that are not objects read as `{}`. */
export function records(value: unknown): Json[] {
  return list(value).map((entry) => record(entry));
}

/** Returns `parent[key]` as an object, creating it when absent (for defaulting, which mutates). */
export function ensureRecord(parent: Json, key: string): Json {
  if (!isPlainObject(parent[key])) parent[key] = {};
  return parent[key] as Json;
}

/** Sets `parent[key]` to `value` when it is absent (null counts as absent, as a nil pointer). */
export function defaultField(parent: Json, key: string, value: unknown): void {
  if (parent[key] === undefined || parent[key] === null) parent[key] = value;
}

/** Reads a dotted path (`spec.template.spec`) from an object. */
export function valueAt(object: unknown, path: string): unknown {
  let current: unknown = object;
  for (const part of path.split('.')) {
    if (!isPlainObject(current)) return undefined;
    current = current[part];
  }
  return current;
}

/** A number field as a number, or `fallback` when absent. */
export function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}

/**
 * A field as text, '' when absent. A string is itself; a JSON number or boolean prints as Go prints the
 * typed field it came from (a quantity such as `storage: 1`, an int-or-string port). Objects and arrays
 * are never text ('', as unstructured.NestedString finds no string there): string fields of the wrong
 * JSON type are refused by decoding before a strategy sees them.
 */
export function text(value: unknown): string {
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' ? String(value) : '';
}

/** A map (`data`, `labels`, `selector`) as a Record of strings; `{}` when missing. */
export function stringMap(value: unknown): Record<string, string> {
  if (!isPlainObject(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, text(v)]));
}
