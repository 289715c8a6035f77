import { parseQuantity, Quantity } from '../quantity/quantity';

/**
 * corev1.ResourceList as quota arithmetic sees it (pkg/quota/v1/resources.go): resource names to
 * exact quantities. Serialized lists (`{ pods: '2' }`) are parsed with `toResourceList`.
 */
export type ResourceList = Record<string, Quantity>;

/** A serialized list (spec.hard, status.used) parsed; malformed entries are skipped (validation refuses them). */
export function toResourceList(serialized: unknown): ResourceList {
  const result: ResourceList = {};
  if (!serialized || typeof serialized !== 'object') return result;
  for (const [name, value] of Object.entries(serialized)) {
    try {
      result[name] = parseQuantity(value);
    } catch {
      // left out: not a quantity
    }
  }
  return result;
}

/** The canonical strings a ResourceList is stored as. */
export function serializeResourceList(list: ResourceList): Record<string, string> {
  return Object.fromEntries(Object.keys(list).sort().map((name) => [name, list[name].toString()]));
}

/** quota.Add: the sum of both lists (a name in either is in the result). */
export function addResources(a: ResourceList, b: ResourceList): ResourceList {
  const result: ResourceList = { ...a };
  for (const [name, value] of Object.entries(b)) result[name] = result[name] ? result[name].add(value) : value;
  return result;
}

/** quota.SubtractWithNonNegativeResult: a - b per name of `a`, floored at zero. */
export function subtractNonNegative(a: ResourceList, b: ResourceList): ResourceList {
  const result: ResourceList = {};
  for (const [name, value] of Object.entries(a)) {
    const difference = b[name] ? value.sub(b[name]) : value;
    result[name] = difference.sign() < 0 ? new Quantity(0n, value.format) : difference;
  }
  return result;
}

/** quota.Mask: only the entries whose names are in `names`. */
export function maskResources(list: ResourceList, names: readonly string[]): ResourceList {
  return Object.fromEntries(Object.entries(list).filter(([name]) => names.includes(name)));
}

/** quota.RemoveZeros. */
export function removeZeros(list: ResourceList): ResourceList {
  return Object.fromEntries(Object.entries(list).filter(([, value]) => !value.isZero()));
}

/** quota.LessThanOrEqual: whether every entry of `a` named in `b` is at most b's, and the names that are not. */
export function lessThanOrEqual(a: ResourceList, b: ResourceList): { allowed: boolean; exceeded: string[] } {
  const exceeded = Object.keys(a).filter((name) => b[name] && a[name].cmp(b[name]) > 0);
  return { allowed: exceeded.length === 0, exceeded };
}

/** quota.Equals on serialized values. */
export function resourceListsEqual(a: ResourceList, b: ResourceList): boolean {
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...names].every((name) => a[name] !== undefined && b[name] !== undefined && a[name].cmp(b[name]) === 0);
}

/** The admission's prettyPrint: `name=value` pairs sorted by name, joined by commas. */
export function prettyPrintResources(list: ResourceList): string {
  return Object.keys(list).sort().map((name) => `${name}=${list[name].toString()}`).join(',');
}
