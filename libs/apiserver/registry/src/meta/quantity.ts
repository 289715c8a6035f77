/**
 * resource.Quantity parsing, enough to compare and sum quantities (requests vs limits, quota usage).
 * Values are returned as JavaScript numbers; precision beyond float64 is not kept.
 */
export const quantityFormatError = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

const suffixes: Record<string, number> = {
  '': 1, n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** The numeric value of a quantity (`500m` → 0.5, `1Gi` → 1073741824), or undefined when malformed. */
export function parseQuantity(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/.exec(value.trim());
  if (!match || !/^[+-]?(\d+\.?\d*|\.\d+)$/.test(match[1])) return undefined;
  const number = Number(match[1]);
  const suffix = match[2];
  if (suffix in suffixes) return number * suffixes[suffix];
  const exponent = /^[eE]([-+]?\d+)$/.exec(suffix);
  return exponent ? number * 10 ** Number(exponent[1]) : undefined;
}
