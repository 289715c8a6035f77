import { kubeTime } from '@drydock/kube';
import { WireFormatError } from '../wire/wire-reader';

/**
 * apimachinery types whose JSON form is not their protobuf message (each has a custom MarshalJSON upstream).
 * A converter takes the decoded message fields (by the table's JSON names) and returns the JSON value;
 * `undefined` means "leave the field out" (a zero Time, an empty RawExtension).
 */
export type SpecialConverter = (fields: Record<string, unknown>, decodeEmbedded: (raw: Buffer) => unknown) => unknown;

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';

/** metav1.Time: RFC 3339 in UTC with seconds precision (`2026-11-22T04:10:00Z`). */
function timeJson(fields: Record<string, unknown>): string | undefined {
  if (fields['seconds'] === undefined && fields['nanos'] === undefined) return undefined;
  return kubeTime(Number(fields['seconds'] ?? 0) * 1000);
}

/** metav1.MicroTime: RFC 3339 in UTC with exactly six fractional digits. */
function microTimeJson(fields: Record<string, unknown>): string | undefined {
  const seconds = timeJson(fields);
  if (seconds === undefined) return undefined;
  const micros = Math.floor(Number(fields['nanos'] ?? 0) / 1000);
  return seconds.replace(/Z$/, `.${String(micros).padStart(6, '0')}Z`);
}

/** intstr.IntOrString: Type 0 is an int, Type 1 a string. */
function intOrStringJson(fields: Record<string, unknown>): number | string {
  return Number(fields['Type'] ?? 0) === 1 ? String(fields['StrVal'] ?? '') : Number(fields['IntVal'] ?? 0);
}

/** runtime.RawExtension and metav1.FieldsV1 carry JSON (or, for an embedded object, a protobuf body). */
function embeddedJson(raw: unknown, decodeEmbedded: (raw: Buffer) => unknown): unknown {
  if (!Buffer.isBuffer(raw) || raw.length === 0) return undefined;
  if (raw.subarray(0, 4).equals(Buffer.from('k8s\x00', 'latin1'))) return decodeEmbedded(raw);
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new WireFormatError('embedded object is neither JSON nor a protobuf body');
  }
}

/** metav1.Duration: Go's time.Duration.String() of nanoseconds (`1h2m3.5s`, `300ms`, `0s`). */
export function goDurationString(nanoseconds: number): string {
  if (nanoseconds === 0) return '0s';
  const sign = nanoseconds < 0 ? '-' : '';
  const ns = Math.abs(nanoseconds);
  const fraction = (value: number, unit: number) => String(value / unit).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
  if (ns < 1e3) return `${sign}${ns}ns`;
  if (ns < 1e6) return `${sign}${fraction(ns, 1e3)}µs`;
  if (ns < 1e9) return `${sign}${fraction(ns, 1e6)}ms`;
  const hours = Math.floor(ns / 3.6e12);
  const minutes = Math.floor((ns % 3.6e12) / 6e10);
  const seconds = `${fraction(ns % 6e10, 1e9)}s`;
  if (hours) return `${sign}${hours}h${minutes}m${seconds}`;
  return minutes ? `${sign}${minutes}m${seconds}` : `${sign}${seconds}`;
}

export const SPECIAL_CONVERTERS: Record<string, SpecialConverter> = {
  [`${META}.Time`]: timeJson,
  [`${META}.MicroTime`]: microTimeJson,
  [`${META}.Duration`]: (fields) => goDurationString(Number(fields['duration'] ?? 0)),
  [`${META}.FieldsV1`]: (fields, decode) => embeddedJson(fields['Raw'], decode),
  'io.k8s.apimachinery.pkg.runtime.RawExtension': (fields, decode) => embeddedJson(fields['raw'], decode),
  'io.k8s.apimachinery.pkg.api.resource.Quantity': (fields) => String(fields['string'] ?? '0'),
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': intOrStringJson,
};
