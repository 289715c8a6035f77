import { FieldSchema, messageSchema } from '../schema/message-table';
import { readFields, readPacked, WireField, WireFormatError, WireType } from '../wire/wire-reader';
import { SPECIAL_CONVERTERS } from './special-types.converter';

/** Decodes a protobuf body found inside a message (a RawExtension holding `k8s\0…`); set by the envelope decoder. */
export type EmbeddedDecoder = (raw: Buffer) => unknown;

type JsonObject = Record<string, unknown>;

const NUMERIC_WIRE_TYPE = new Map<string, WireType>([
  ['bool', WireType.Varint], ['int32', WireType.Varint], ['int64', WireType.Varint], ['uint32', WireType.Varint], ['uint64', WireType.Varint],
  ['double', WireType.Fixed64], ['float', WireType.Fixed32],
]);

function expectWireType(field: WireField, expected: WireType, schema: FieldSchema): void {
  if (field.wireType !== expected) {
    throw new WireFormatError(`wrong wireType = ${field.wireType} for field ${schema.jsonName || schema.kind}`);
  }
}

function numericValue(kind: string, value: bigint | Buffer): unknown {
  if (Buffer.isBuffer(value)) return kind === 'double' ? value.readDoubleLE(0) : value.readFloatLE(0);
  switch (kind) {
    case 'bool':
      return value !== 0n;
    case 'int32':
      return Number(BigInt.asIntN(32, value));
    case 'uint32':
      return Number(BigInt.asUintN(32, value));
    case 'int64':
      return Number(BigInt.asIntN(64, value));
    default:
      return Number(value);
  }
}

/** The JSON value of one (non-repeated) occurrence of a field of `kind`. */
function elementValue(field: WireField, schema: FieldSchema, keepBytes: boolean, decodeEmbedded: EmbeddedDecoder): unknown {
  const { kind } = schema;
  const numericWireType = NUMERIC_WIRE_TYPE.get(kind);
  if (numericWireType !== undefined) {
    expectWireType(field, numericWireType, schema);
    return numericValue(kind, field.value);
  }
  expectWireType(field, WireType.LengthDelimited, schema);
  const bytes = field.value as Buffer;
  if (kind === 'string') return bytes.toString('utf8');
  if (kind === 'bytes') return keepBytes ? Buffer.from(bytes) : bytes.toString('base64');
  return decodeMessage(kind, bytes, decodeEmbedded);
}

/** Elements of one occurrence of a repeated field: numerics may arrive packed in one length-delimited field. */
function repeatedValues(field: WireField, schema: FieldSchema, decodeEmbedded: EmbeddedDecoder): unknown[] {
  const wireType = NUMERIC_WIRE_TYPE.get(schema.kind);
  if (wireType !== undefined && field.wireType === WireType.LengthDelimited) {
    return readPacked(field.value as Buffer, wireType).map((value) => numericValue(schema.kind, value));
  }
  return [elementValue(field, schema, false, decodeEmbedded)];
}

/** What an absent field of `kind` reads as: 0, false, '' or an empty message. */
function zeroField(kind: string): WireField {
  const wireType = NUMERIC_WIRE_TYPE.get(kind) ?? WireType.LengthDelimited;
  const value = wireType === WireType.Varint ? 0n : Buffer.alloc(wireType === WireType.Fixed64 ? 8 : wireType === WireType.Fixed32 ? 4 : 0);
  return { number: 2, wireType, value };
}

/** A map entry is a message {key = 1, value = 2}; absent parts take their zero value. */
function mapEntry(field: WireField, schema: FieldSchema, decodeEmbedded: EmbeddedDecoder): [string, unknown] {
  expectWireType(field, WireType.LengthDelimited, schema);
  let key = '';
  let value: WireField | undefined;
  for (const part of readFields(field.value as Buffer)) {
    if (part.number === 1) {
      expectWireType(part, WireType.LengthDelimited, schema);
      key = (part.value as Buffer).toString('utf8');
    } else if (part.number === 2) value = part;
  }
  value ??= zeroField(schema.kind);
  return [key, elementValue(value, { ...schema, shape: 'single' }, false, decodeEmbedded)];
}

function isZero(value: unknown): boolean {
  return value === '' || value === 0 || value === false || (Buffer.isBuffer(value) && value.length === 0);
}

function assignField(object: JsonObject, field: WireField, schema: FieldSchema, keepBytes: boolean, decodeEmbedded: EmbeddedDecoder): void {
  const { jsonName } = schema;
  if (schema.shape === 'repeated') {
    const list = (object[jsonName] ??= []) as unknown[];
    list.push(...repeatedValues(field, schema, decodeEmbedded));
  } else if (schema.shape === 'map') {
    const [key, value] = mapEntry(field, schema, decodeEmbedded);
    // defineProperty, not assignment: a key such as `__proto__` must stay an ordinary entry.
    Object.defineProperty((object[jsonName] ??= {}) as JsonObject, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    const value = elementValue(field, schema, keepBytes, decodeEmbedded);
    if (jsonName === '') Object.assign(object, value);
    else if (value === undefined || (schema.dropZero && isZero(value))) delete object[jsonName];
    else object[jsonName] = value;
  }
}

/**
 * Decodes the bytes of message `name` into the JSON object encoding/json would produce for it upstream.
 * Unknown field numbers are skipped (the wire format allows it); malformed bytes throw WireFormatError.
 */
export function decodeMessage(name: string, bytes: Buffer, decodeEmbedded: EmbeddedDecoder): unknown {
  const schema = messageSchema(name);
  if (!schema) throw new WireFormatError(`no schema for message ${name}`);
  const special = SPECIAL_CONVERTERS[name];
  const object: JsonObject = {};
  for (const field of readFields(bytes)) {
    const fieldSchema = schema.get(field.number);
    if (fieldSchema) assignField(object, field, fieldSchema, special !== undefined, decodeEmbedded);
  }
  const wrapped = schema.get(1);
  if (wrapped?.jsonName === '' && wrapped.shape === 'repeated') return object[''] ?? [];
  return special ? special(object, decodeEmbedded) : object;
}
