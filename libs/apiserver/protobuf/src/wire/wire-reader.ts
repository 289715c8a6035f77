/** Protobuf wire types (https://protobuf.dev/programming-guides/encoding/). */
export const enum WireType {
  Varint = 0,
  Fixed64 = 1,
  LengthDelimited = 2,
  Fixed32 = 5,
}

/** One field as it appears on the wire; `value` is a bigint for varints, the bytes otherwise. */
export interface WireField {
  number: number;
  wireType: WireType;
  value: bigint | Buffer;
}

/** Thrown on bytes that are not a protobuf message; the decoder maps it to a 400. */
export class WireFormatError extends Error {}

/** Reads a base-128 varint at `offset`; returns it with the offset after it. */
export function readVarint(buffer: Buffer, offset: number): [bigint, number] {
  let value = 0n;
  for (let shift = 0n; shift < 70n; shift += 7n) {
    if (offset >= buffer.length) throw new WireFormatError('unexpected EOF');
    const byte = buffer[offset++];
    value |= BigInt(byte & 0x7f) << shift;
    if (!(byte & 0x80)) return [BigInt.asUintN(64, value), offset];
  }
  throw new WireFormatError('integer overflow');
}

function take(buffer: Buffer, offset: number, length: number): Buffer {
  if (length < 0 || offset + length > buffer.length) throw new WireFormatError('unexpected EOF');
  return buffer.subarray(offset, offset + length);
}

function readValue(buffer: Buffer, offset: number, wireType: number): [bigint | Buffer, number] {
  switch (wireType) {
    case WireType.Varint:
      return readVarint(buffer, offset);
    case WireType.Fixed64:
      return [take(buffer, offset, 8), offset + 8];
    case WireType.Fixed32:
      return [take(buffer, offset, 4), offset + 4];
    case WireType.LengthDelimited: {
      const [length, start] = readVarint(buffer, offset);
      if (length > BigInt(buffer.length)) throw new WireFormatError('unexpected EOF');
      return [take(buffer, start, Number(length)), start + Number(length)];
    }
    default:
      throw new WireFormatError(`illegal wireType ${wireType}`);
  }
}

/** Splits one message's bytes into its fields, in wire order. */
export function readFields(buffer: Buffer): WireField[] {
  const fields: WireField[] = [];
  let offset = 0;
  while (offset < buffer.length) {
    const [key, next] = readVarint(buffer, offset);
    const number = Number(key >> 3n);
    if (number <= 0 || number > 0x1fffffff) throw new WireFormatError(`illegal tag ${number}`);
    const wireType = Number(key & 7n);
    const [value, after] = readValue(buffer, next, wireType);
    fields.push({ number, wireType, value });
    offset = after;
  }
  return fields;
}

/** The elements of a packed repeated numeric field. */
export function readPacked(buffer: Buffer, wireType: WireType): Array<bigint | Buffer> {
  const values: Array<bigint | Buffer> = [];
  let offset = 0;
  while (offset < buffer.length) {
    const [value, after] = readValue(buffer, offset, wireType);
    values.push(value);
    offset = after;
  }
  return values;
}
