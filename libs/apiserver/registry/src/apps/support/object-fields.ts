import { isPlainObject } from '@drydock/util';

/** Reads a nested object field, or an empty object when absent or not an object (never mutates). */
export function record(value: unknown): Record<string, unknown> {
  return isPlainObject(value) ? value : {};
}

/** Reads an array field, or an empty array when absent or not an array. */
export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Returns `parent[key]` as an object, creating it when absent (for defaulting, which mutates). */
export function ensureRecord(parent: Record<string, unknown>, key: string): Record<string, unknown> {
  if (!isPlainObject(parent[key])) parent[key] = {};
  return parent[key] as Record<string, unknown>;
}

/** Sets `parent[key]` to `value` when it is absent (null counts as absent, as a nil pointer). */
export function defaultField(parent: Record<string, unknown>, key: string, value: unknown): void {
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

/** A string field, or '' when absent. */
export function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
