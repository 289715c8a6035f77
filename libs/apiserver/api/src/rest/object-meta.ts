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

/** One equality of JSON values for the whole tree (@drydock/util). */
export { jsonEqual } from '@drydock/util';

/** Removes keys whose value is undefined, recursively (they must not reach JSON or comparisons). */
export function dropUndefined<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
