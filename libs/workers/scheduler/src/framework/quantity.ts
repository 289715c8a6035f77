/**
 * Resource quantities as the scheduler needs them: CPU in millicores and everything else in whole
 * units, rounded up like resource.Quantity's MilliValue()/Value(). Malformed input counts as 0 (the API
 * server already validated it).
 */
const SUFFIXES: Record<string, number> = {
  n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/;

/** The quantity as a (possibly fractional) number of base units. */
export function parseQuantity(value: string | number | undefined | null): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number') return value;
  const match = QUANTITY.exec(value.trim());
  if (!match) return 0;
  const base = Number(match[1]);
  if (match[2]) return base * 10 ** Number(match[2].slice(1));
  return base * SUFFIXES[match[3] ?? ''];
}

/** Rounds up to an integer, tolerating the float error of suffix multiplication. */
function ceilUnits(units: number): number {
  const rounded = Math.round(units);
  return Math.abs(units - rounded) < 1e-9 ? rounded : Math.ceil(units);
}

export function milliValue(value: string | number | undefined | null): number {
  return ceilUnits(parseQuantity(value) * 1000);
}

export function unitValue(value: string | number | undefined | null): number {
  return ceilUnits(parseQuantity(value));
}
