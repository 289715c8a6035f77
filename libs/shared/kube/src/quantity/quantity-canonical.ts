import { parseQuantity, QuantityError } from './quantity';

/**
 * Quantity.String() of a quantity given as text (or a JSON number), which upstream serializes
 * everywhere a quantity appears: "1024Mi" → "1Gi". A malformed input is returned as it is, so that
 * defaulting leaves it for validation to report.
 */
export function canonicalQuantity(value: string | number): string {
  try {
    return parseQuantity(value).toString();
  } catch (error) {
    if (error instanceof QuantityError) return String(value);
    throw error;
  }
}

/** Rewrites every quantity of a ResourceList (`{cpu: "1000m"}`) in canonical form; mutates `list`. */
export function canonicalizeResourceList(list: unknown): void {
  if (!list || typeof list !== 'object' || Array.isArray(list)) return;
  const values = list as Record<string, unknown>;
  for (const [name, value] of Object.entries(values)) {
    if (typeof value === 'string' || typeof value === 'number') values[name] = canonicalQuantity(value);
  }
}
