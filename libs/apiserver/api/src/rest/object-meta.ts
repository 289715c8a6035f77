import { randomInt } from 'node:crypto';
import type { KubeObject } from '@drydock/util';

const nameAlphabet = 'bcdfghjklmnpqrstvwxz2456789';

/** Upstream's SimpleNameGenerator: the prefix (cut to 58 characters) plus five random characters. */
export function generateName(prefix: string): string {
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += nameAlphabet[randomInt(nameAlphabet.length)];
  return prefix.slice(0, 58) + suffix;
}

/** The resourceVersion as a revision number; undefined when absent, NaN when malformed. */
export function revisionOf(object: KubeObject | undefined | null): number | undefined {
  const rv = object?.metadata?.resourceVersion;
  if (rv === undefined || rv === '') return undefined;
  return /^\d+$/.test(rv) ? Number(rv) : NaN;
}

/** Field-by-field equality of two JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => jsonEqual(v, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  return ak.length === bk.length && ak.every((k) => jsonEqual(ao[k], bo[k]));
}

/** Removes keys whose value is undefined, recursively (they must not reach JSON or comparisons). */
export function dropUndefined<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
