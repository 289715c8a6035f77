/**
 * Structural equality of JSON values, key order ignored and a field holding undefined the same as an
 * absent one (upstream's apiequality.Semantic.DeepEqual for plain data). Unlike util.isDeepStrictEqual it
 * never compares prototypes, so objects cloned across realms (structuredClone under Jest) still compare.
 */
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
