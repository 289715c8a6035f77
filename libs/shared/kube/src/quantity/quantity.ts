/**
 * resource.Quantity (k8s.io/apimachinery/pkg/api/resource): parsing, comparison and the canonical
 * string every quantity is serialized in. Values are exact: an amount in nano units as a BigInt, so
 * `0.1` + `0.2` is `300m` and `1Ei` keeps every digit. Malformed input is an error the caller handles
 * (ParseQuantity's error), never a silent 0 or undefined.
 */
export type QuantityFormat = 'BinarySI' | 'DecimalSI' | 'DecimalExponent';

/** ParseQuantity's errors, worded as upstream (ErrFormatWrong, ErrSuffix). */
export const quantityFormatError = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const quantitySuffixError = "unable to parse quantity's suffix";

export class QuantityError extends Error {
  override readonly name = 'QuantityError';
}

const NANO = 10n ** 9n;
/** maxAllowed: BinarySI amounts are capped at the largest int64, as upstream. */
const MAX_BINARY_NANO = (2n ** 63n - 1n) * NANO;
const decimalSuffixes: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const binarySuffixes: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const decimalNames = Object.fromEntries(Object.entries(decimalSuffixes).map(([name, exponent]) => [exponent, name]));
const binaryNames = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

/** parseQuantityString's scanner: sign, digits, an optional fraction, then the suffix characters. */
const scanner = /^([+-]?)(\d*)(?:\.(\d*))?([eEinumkKMGTP]*[-+]?\d*)$/;

/** Rounds a non-negative quotient up: upstream rounds amounts finer than 1n up ("you asked for some"). */
const ceilDiv = (a: bigint, b: bigint) => (a % b === 0n ? a / b : a / b + 1n);

/** A parsed quantity: its exact amount in nano units and the format it was written in. */
export class Quantity {
  constructor(readonly nano: bigint, readonly format: QuantityFormat = 'DecimalSI') {}

  /** Sign(): -1, 0 or 1. */
  sign(): -1 | 0 | 1 {
    return this.nano === 0n ? 0 : this.nano < 0n ? -1 : 1;
  }

  isZero(): boolean {
    return this.nano === 0n;
  }

  /** Cmp(): -1 when this is smaller than `other`, 0 when equal, 1 when larger. */
  cmp(other: Quantity): -1 | 0 | 1 {
    return this.nano === other.nano ? 0 : this.nano < other.nano ? -1 : 1;
  }

  /** Add(): the sum, in this quantity's format (or `other`'s when this is zero, as upstream). */
  add(other: Quantity): Quantity {
    return new Quantity(this.nano + other.nano, this.isZero() ? other.format : this.format);
  }

  sub(other: Quantity): Quantity {
    return new Quantity(this.nano - other.nano, this.isZero() ? other.format : this.format);
  }

  /** Value(): whole units, rounded away from zero (`1.5` → 2, `100m` → 1). */
  value(): number {
    return scaledValue(this.nano, NANO);
  }

  /** MilliValue(): thousandths, rounded away from zero (`1n` → 1). */
  milliValue(): number {
    return scaledValue(this.nano, 10n ** 6n);
  }

  /** AsApproximateFloat64(): `100m` → 0.1, `1Gi` → 1073741824. */
  toNumber(): number {
    const whole = this.nano / NANO;
    return Number(whole) + Number(this.nano - whole * NANO) / 1e9;
  }

  /** String(): the canonical form (`1024Mi` → `1Gi`, `1000m` → `1`, `0.5` → `500m`). */
  toString(): string {
    if (this.nano === 0n) return '0';
    const small = this.nano > -1024n * NANO && this.nano < 1024n * NANO;
    if (this.format === 'BinarySI' && !small && this.nano % NANO === 0n) return binaryForm(this.nano / NANO);
    return decimalForm(this.nano, this.format === 'BinarySI' ? 'DecimalSI' : this.format);
  }
}

function scaledValue(nano: bigint, unit: bigint): number {
  const magnitude = nano < 0n ? -nano : nano;
  const scaled = ceilDiv(magnitude, unit);
  return Number(nano < 0n ? -scaled : scaled);
}

/** quantitySuffixer.interpret: the base-10 exponent or binary shift a suffix stands for. */
function interpretSuffix(suffix: string): { format: QuantityFormat; exponent10: number; shift: number } {
  if (suffix in binarySuffixes) return { format: 'BinarySI', exponent10: 0, shift: binarySuffixes[suffix] };
  if (suffix in decimalSuffixes) return { format: 'DecimalSI', exponent10: decimalSuffixes[suffix], shift: 0 };
  if (/^[eE][-+]?\d+$/.test(suffix)) return { format: 'DecimalExponent', exponent10: Number(suffix.slice(1)), shift: 0 };
  throw new QuantityError(quantitySuffixError);
}

/**
 * ParseQuantity: `500m`, `1.5Gi`, `1e3`, `-2`, or a JSON number. Surrounding spaces are ignored, as
 * Quantity's JSON decoding trims them. Throws a QuantityError with upstream's message when malformed.
 */
export function parseQuantity(value: unknown): Quantity {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new QuantityError(quantityFormatError);
  if (typeof value !== 'string' && typeof value !== 'number') throw new QuantityError(quantityFormatError);
  const text = String(value).trim();
  const match = scanner.exec(text);
  if (!text || !match) throw new QuantityError(quantityFormatError);
  const [, sign, whole, fraction = '', suffix] = match;
  const { format, exponent10, shift } = interpretSuffix(suffix);
  const scaled = BigInt(`${whole}${fraction}` || '0') << BigInt(shift);
  const exponent = exponent10 - fraction.length + 9;
  let nano = exponent >= 0 ? scaled * 10n ** BigInt(exponent) : ceilDiv(scaled, 10n ** BigInt(-exponent));
  if (format === 'BinarySI' && nano > MAX_BINARY_NANO) nano = MAX_BINARY_NANO;
  // A binary amount below one unit is shown in decimal (ParseQuantity switches the format).
  const shown = format === 'BinarySI' && nano > 0n && nano < NANO ? 'DecimalSI' : format;
  return new Quantity(sign === '-' ? -nano : nano, shown);
}

/** ParseQuantity's error message for `value`, or undefined when it is a well-formed quantity. */
export function quantityError(value: unknown): string | undefined {
  try {
    parseQuantity(value);
    return undefined;
  } catch (error) {
    if (error instanceof QuantityError) return error.message;
    throw error;
  }
}

function decimalForm(nano: bigint, format: QuantityFormat): string {
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

function binaryForm(units: bigint): string {
  let amount = units;
  let exponent = 0;
  while (exponent < binaryNames.length - 1 && amount % 1024n === 0n) {
    amount /= 1024n;
    exponent += 1;
  }
  return `${amount}${binaryNames[exponent]}`;
}
