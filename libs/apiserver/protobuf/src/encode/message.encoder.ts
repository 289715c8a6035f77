import { FieldSchema, messageSchema } from '../schema/message-table';
import { WireFormatError } from '../wire/wire-reader';

type JsonObject = Record<string, unknown>;

function varint(value: bigint): Buffer {
  const bytes: number[] = [];
  let rest = BigInt.asUintN(64, value);
  do {
    const low = Number(rest & 0x7fn);
    rest >>= 7n;
    bytes.push(rest ? low | 0x80 : low);
  } while (rest);
  return Buffer.from(bytes);
}

const tag = (number: number, wireType: number) => varint((BigInt(number) << 3n) | BigInt(wireType));
const lengthDelimited = (number: number, bytes: Buffer) => Buffer.concat([tag(number, 2), varint(BigInt(bytes.length)), bytes]);

/** Go's time.ParseDuration for the units metav1.Duration prints (h, m, s, ms, µs/us, ns), in nanoseconds. */
function parseGoDuration(text: string): bigint {
  const units: Record<string, number> = { h: 3.6e12, m: 6e10, s: 1e9, ms: 1e6, us: 1e3, µs: 1e3, ns: 1 };
  const sign = text.startsWith('-') ? -1 : 1;
  let total = 0;
  for (const [, amount, unit] of text.replace(/^[-+]/, '').matchAll(/([\d.]+)(h|ms|m|s|us|µs|ns)/g)) total += Number(amount) * units[unit];
  return BigInt(Math.round(sign * total));
}

function timeFields(value: unknown): JsonObject {
  const millis = Date.parse(String(value));
  if (Number.isNaN(millis)) throw new WireFormatError(`not a time: ${String(value)}`);
  const fraction = /\.(\d+)/.exec(String(value))?.[1] ?? '';
  return { seconds: Math.floor(millis / 1000), nanos: Number(fraction.padEnd(9, '0').slice(0, 9)) };
}

/** The inverse of the decoder's special converters: the JSON form of apimachinery's custom types as their messages. */
const SPECIAL_FIELDS: Record<string, (value: unknown) => JsonObject> = {
  'io.k8s.apimachinery.pkg.apis.meta.v1.Time': timeFields,
  'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime': timeFields,
  'io.k8s.apimachinery.pkg.apis.meta.v1.Duration': (value) => ({ Duration: parseGoDuration(String(value)) }),
  'io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1': (value) => ({ Raw: Buffer.from(JSON.stringify(value)) }),
  'io.k8s.apimachinery.pkg.runtime.RawExtension': (value) => ({ raw: Buffer.from(JSON.stringify(value)) }),
  'io.k8s.apimachinery.pkg.api.resource.Quantity': (value) => ({ string: String(value) }),
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': (value) => (typeof value === 'number' ? { Type: 0, IntVal: value } : { Type: 1, StrVal: String(value) }),
};

function scalar(number: number, kind: string, value: unknown): Buffer {
  switch (kind) {
    case 'string':
      return lengthDelimited(number, Buffer.from(String(value), 'utf8'));
    case 'bytes':
      return lengthDelimited(number, Buffer.isBuffer(value) ? value : Buffer.from(String(value), 'base64'));
    case 'bool':
      return Buffer.concat([tag(number, 0), varint(value ? 1n : 0n)]);
    case 'double': {
      const bytes = Buffer.alloc(8);
      bytes.writeDoubleLE(Number(value));
      return Buffer.concat([tag(number, 1), bytes]);
    }
    case 'float': {
      const bytes = Buffer.alloc(4);
      bytes.writeFloatLE(Number(value));
      return Buffer.concat([tag(number, 5), bytes]);
    }
    default:
      return Buffer.concat([tag(number, 0), varint(BigInt(typeof value === 'bigint' ? value : Math.trunc(Number(value))))]);
  }
}

function element(number: number, kind: string, value: unknown): Buffer {
  return kind.includes('.') ? lengthDelimited(number, encodeMessage(kind, value)) : scalar(number, kind, value);
}

function field(schema: FieldSchema, value: unknown): Buffer[] {
  if (schema.shape === 'repeated') return (value as unknown[]).map((item) => element(schema.number, schema.kind, item));
  if (schema.shape === 'map') {
    // Go's generated marshallers write map entries sorted by key.
    return Object.keys(value as JsonObject).sort().map((key) => lengthDelimited(schema.number, Buffer.concat([scalar(1, 'string', key), element(2, schema.kind, (value as JsonObject)[key])])));
  }
  return [element(schema.number, schema.kind, value)];
}

/**
 * Encodes the JSON form of message `name` (as encoding/json writes it upstream) into protobuf bytes,
 * fields in number order as Go's generated marshallers write them. The inverse of decodeMessage;
 * JSON fields the message does not have (apiVersion, kind: they go in the envelope) are left out.
 */
export function encodeMessage(name: string, json: unknown): Buffer {
  const schema = messageSchema(name);
  if (!schema) throw new WireFormatError(`no schema for message ${name}`);
  const special = SPECIAL_FIELDS[name];
  const wrapped = schema.get(1);
  const object: JsonObject = special ? special(json) : wrapped?.jsonName === '' && wrapped.shape === 'repeated' ? { '': json } : ((json ?? {}) as JsonObject);
  const parts: Buffer[] = [];
  for (const fieldSchema of [...schema.values()].sort((a, b) => a.number - b.number)) {
    const inline = fieldSchema.jsonName === '' && fieldSchema.shape === 'single';
    const value = inline ? object : object[fieldSchema.jsonName];
    if (value === undefined || value === null) continue;
    parts.push(...field(fieldSchema, value));
  }
  return Buffer.concat(parts);
}
