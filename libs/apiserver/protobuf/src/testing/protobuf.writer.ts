/**
 * A minimal protobuf encoder for tests: builds message bytes field by field, by number, independently of the
 * message table (so a wrong table entry shows up as a failing test rather than agreeing with itself).
 */
export class ProtobufWriter {
  private readonly chunks: Buffer[] = [];

  /** A varint field; negative numbers are written as 64-bit two's complement (10 bytes), as Go does. */
  varint(field: number, value: number | bigint | boolean): this {
    const number = typeof value === 'boolean' ? BigInt(value ? 1 : 0) : BigInt(value);
    this.chunks.push(encodeVarint(BigInt(field) << 3n), encodeVarint(BigInt.asUintN(64, number)));
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, Buffer.from(value, 'utf8'));
  }

  bytes(field: number, value: Buffer): this {
    this.chunks.push(encodeVarint((BigInt(field) << 3n) | 2n), encodeVarint(BigInt(value.length)), value);
    return this;
  }

  message(field: number, value: ProtobufWriter): this {
    return this.bytes(field, value.toBuffer());
  }

  /** A map entry {key = 1, value = 2}. */
  entry(field: number, key: string, value: string | Buffer | ProtobufWriter): this {
    const entry = new ProtobufWriter().string(1, key);
    if (typeof value === 'string') entry.string(2, value);
    else if (Buffer.isBuffer(value)) entry.bytes(2, value);
    else entry.message(2, value);
    return this.message(field, entry);
  }

  double(field: number, value: number): this {
    const bytes = Buffer.alloc(8);
    bytes.writeDoubleLE(value);
    this.chunks.push(encodeVarint((BigInt(field) << 3n) | 1n), bytes);
    return this;
  }

  /** Arbitrary bytes, for malformed input. */
  raw(bytes: Buffer): this {
    this.chunks.push(bytes);
    return this;
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

export function encodeVarint(value: bigint): Buffer {
  const bytes: number[] = [];
  let rest = value;
  do {
    const low = Number(rest & 0x7fn);
    rest >>= 7n;
    bytes.push(rest ? low | 0x80 : low);
  } while (rest);
  return Buffer.from(bytes);
}

/** `k8s\0` + runtime.Unknown{typeMeta = 1 {apiVersion = 1, kind = 2}, raw = 2}, as client-go sends a body. */
export function kubernetesProtobufBody(apiVersion: string, kind: string, object: ProtobufWriter, contentEncoding?: string): Buffer {
  const envelope = new ProtobufWriter().message(1, new ProtobufWriter().string(1, apiVersion).string(2, kind)).message(2, object);
  if (contentEncoding) envelope.string(3, contentEncoding);
  return Buffer.concat([Buffer.from('k8s\x00', 'latin1'), envelope.toBuffer()]);
}

/** ObjectMeta with a name (field 1) and, optionally, a namespace (3) and labels (11). */
export function objectMeta(name: string, namespace?: string, labels: Record<string, string> = {}): ProtobufWriter {
  const meta = new ProtobufWriter().string(1, name);
  if (namespace) meta.string(3, namespace);
  for (const [key, value] of Object.entries(labels)) meta.entry(11, key, value);
  return meta;
}
