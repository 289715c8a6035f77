/**
 * resource.Quantity's canonical form (Quantity.String()), which upstream serializes everywhere a
 * quantity appears: "1024Mi" → "1Gi", "1000m" → "1", "0.5" → "500m", "1536Mi" stays "1536Mi".
 * Exact (BigInt, nano units); values finer than 1n round up, as upstream.
 */
type Format = 'BinarySI' | 'DecimalSI' | 'DecimalExponent';

const decimalSuffixes: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const binarySuffixes: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const decimalNames = Object.fromEntries(Object.entries(decimalSuffixes).map(([k, v]) => [v, k]));
const binaryNames = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

const ceilDiv = (a: bigint, b: bigint) => (a % b === 0n || a < 0n ? a / b : a / b + 1n);

/** The quantity in nano units and its format, or undefined when malformed. */
function parse(text: string): { nano: bigint; format: Format } | undefined {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?([eEinumkKMGTP]*[-+]?\d*)$/.exec(text.trim());
  if (!match || (!match[2] && !match[3])) return undefined;
  const [, sign, whole, fraction = '', suffix] = match;
  const digits = BigInt(`${whole}${fraction}` || '0');
  let format: Format = 'DecimalSI';
  let exponent10 = -fraction.length;
  let factor = 1n;
  if (suffix in binarySuffixes) {
    format = 'BinarySI';
    factor = 1n << BigInt(binarySuffixes[suffix]);
  } else if (suffix in decimalSuffixes) {
    exponent10 += decimalSuffixes[suffix];
  } else if (/^[eE][-+]?\d+$/.test(suffix)) {
    format = 'DecimalExponent';
    exponent10 += Number(suffix.slice(1));
  } else {
    return undefined;
  }
  const shift = exponent10 + 9;
  const scaled = digits * factor;
  const nano = shift >= 0 ? scaled * 10n ** BigInt(shift) : ceilDiv(scaled, 10n ** BigInt(-shift));
  return { nano: sign === '-' ? -nano : nano, format };
}

function decimalForm(nano: bigint, format: Format): string {
  let amount = nano;
  let exponent = -9;
  while (amount % 10n === 0n) {
    amount /= 10n;
    exponent += 1;
  }
  const remainder = ((exponent % 3) + 3) % 3;
  amount *= 10n ** BigInt(remainder);
  exponent -= remainder;
  if (format === 'DecimalExponent') return exponent === 0 ? `${amount}` : `${amount}e${exponent}`;
  return exponent in decimalNames ? `${amount}${decimalNames[exponent]}` : `${amount}e${exponent}`;
}

function binaryForm(bytes: bigint): string {
  let amount = bytes;
  let exponent = 0;
  while (exponent < binaryNames.length - 1 && amount % 1024n === 0n) {
    amount /= 1024n;
    exponent += 1;
  }
  return `${amount}${binaryNames[exponent]}`;
}

/** Quantity.String() of a quantity given as text (or a JSON number); the input itself when malformed. */
export function canonicalQuantity(value: string | number): string {
  const text = String(value);
  const parsed = parse(text);
  if (!parsed) return text;
  const { nano, format } = parsed;
  if (nano === 0n) return '0';
  const small = nano > -1024n * 10n ** 9n && nano < 1024n * 10n ** 9n;
  if (format === 'BinarySI' && !small && nano % 10n ** 9n === 0n) return binaryForm(nano / 10n ** 9n);
  return decimalForm(nano, format === 'BinarySI' ? 'DecimalSI' : format);
}

/** Rewrites every quantity of a ResourceList (`{cpu: "1000m"}`) in canonical form; mutates `list`. */
export function canonicalizeResourceList(list: unknown): void {
  if (!list || typeof list !== 'object' || Array.isArray(list)) return;
  const values = list as Record<string, unknown>;
  for (const [name, value] of Object.entries(values)) {
    if (typeof value === 'string' || typeof value === 'number') values[name] = canonicalQuantity(value);
  }
}
