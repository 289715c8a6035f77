import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import { constants, createDeflate, createInflate, Deflate, Inflate } from 'node:zlib';
import { SPDY3_DICTIONARY } from './spdy-dictionary';

/** Frame types and flags of SPDY/3.1 (draft-mbelshe-httpbis-spdy-00 with 3.1's session flow control). */
const FrameType = { synStream: 1, synReply: 2, rstStream: 3, settings: 4, ping: 6, goAway: 7, headers: 8, windowUpdate: 9 } as const;
const FLAG_FIN = 0x01;
const VERSION = 3;

/** One stream the client opened: its headers, its data as it arrives, and how to answer on it. */
export interface SpdyStream {
  id: number;
  headers: Record<string, string>;
  /** Data frames from the client; `end` when the client half-closes (FIN). */
  readonly events: EventEmitter;
  write(data: Buffer): void;
  /** Half-closes our side (an empty DATA frame with FIN), as spdystream's Close does. */
  end(): void;
}

/**
 * The server side of a SPDY/3.1 connection as Kubernetes' httpstream uses it (moby/spdystream on the
 * client): the client opens streams with SYN_STREAM, we answer each with an empty SYN_REPLY, data
 * flows both ways in DATA frames, PINGs are echoed. Header blocks are zlib with the SPDY/3
 * dictionary, one compression context per direction for the whole connection. Emits `stream` for each
 * stream the client opens and `close` when the transport ends.
 */
export class SpdyServerSession extends EventEmitter {
  private buffer = Buffer.alloc(0);
  private readonly inflate: Inflate = createInflate({ dictionary: SPDY3_DICTIONARY });
  private readonly deflate: Deflate = createDeflate({ dictionary: SPDY3_DICTIONARY });
  private readonly streams = new Map<number, SpdyStream>();
  /** Frames are handled one after another: header blocks decompress asynchronously. */
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(private readonly transport: Duplex) {
    super();
    transport.on('data', (chunk: Buffer) => this.receive(chunk));
    transport.on('close', () => this.shutdown());
    transport.on('error', () => this.shutdown());
  }

  close(): void {
    this.transport.end();
  }

  private shutdown(): void {
    if (this.closed) return;
    this.closed = true;
    for (const stream of this.streams.values()) stream.events.emit('end');
    this.streams.clear();
    this.emit('close');
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    while (this.buffer.length >= 8) {
      const length = this.buffer.readUIntBE(5, 3);
      if (this.buffer.length < 8 + length) return;
      const frame = this.buffer.subarray(0, 8 + length);
      this.buffer = this.buffer.subarray(8 + length);
      this.queue = this.queue.then(() => this.handle(frame)).catch(() => this.close());
    }
  }

  private async handle(frame: Buffer): Promise<unknown> {
    const flags = frame[4];
    const body = frame.subarray(8);
    if ((frame[0] & 0x80) === 0) return this.data(frame.readUInt32BE(0) & 0x7fffffff, flags, body);
    const type = frame.readUInt16BE(2);
    if (type === FrameType.synStream) return this.synStream(body, flags);
    if (type === FrameType.ping) return this.send(this.control(FrameType.ping, 0, body));
    if (type === FrameType.rstStream) return this.reset(body.readUInt32BE(0) & 0x7fffffff);
    if (type === FrameType.goAway) return this.close();
    // HEADERS still feed the shared decompression context, whatever they say.
    if (type === FrameType.headers) await this.inflateHeaders(body.subarray(4));
    // SETTINGS and WINDOW_UPDATE need no answer: we send little and top up the client's windows as we read.
  }

  private async synStream(body: Buffer, flags: number): Promise<void> {
    const id = body.readUInt32BE(0) & 0x7fffffff;
    const headers = await this.inflateHeaders(body.subarray(10));
    const events = new EventEmitter();
    const stream: SpdyStream = {
      id,
      headers,
      events,
      write: (data) => this.send(this.dataFrame(id, 0, data)),
      end: () => this.send(this.dataFrame(id, FLAG_FIN, Buffer.alloc(0))),
    };
    this.streams.set(id, stream);
    this.send(this.control(FrameType.synReply, 0, Buffer.concat([uint32(id), await this.deflateHeaders({})])));
    this.emit('stream', stream);
    if (flags & FLAG_FIN) events.emit('end');
  }

  private data(id: number, flags: number, body: Buffer): void {
    const stream = this.streams.get(id);
    if (body.length > 0) {
      // Give the window back at once (session and stream), so a long upload never stalls.
      this.send(this.control(FrameType.windowUpdate, 0, Buffer.concat([uint32(0), uint32(body.length)])));
      this.send(this.control(FrameType.windowUpdate, 0, Buffer.concat([uint32(id), uint32(body.length)])));
      stream?.events.emit('data', Buffer.from(body));
    }
    if (flags & FLAG_FIN) stream?.events.emit('end');
  }

  private reset(id: number): void {
    this.streams.get(id)?.events.emit('end');
    this.streams.delete(id);
  }

  private send(frame: Buffer): void {
    if (!this.closed && this.transport.writable) this.transport.write(frame);
  }

  private control(type: number, flags: number, body: Buffer): Buffer {
    const head = Buffer.alloc(8);
    head.writeUInt16BE(0x8000 | VERSION, 0);
    head.writeUInt16BE(type, 2);
    head.writeUInt32BE(body.length, 4);
    head[4] = flags;
    return Buffer.concat([head, body]);
  }

  private dataFrame(id: number, flags: number, body: Buffer): Buffer {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(id & 0x7fffffff, 0);
    head.writeUInt32BE(body.length, 4);
    head[4] = flags;
    return Buffer.concat([head, body]);
  }

  /** A header block: a count, then length-prefixed names and values (several values joined by NUL). */
  private async inflateHeaders(block: Buffer): Promise<Record<string, string>> {
    const raw = await flushed(this.inflate, block);
    const headers: Record<string, string> = {};
    let offset = 4;
    for (let count = raw.length >= 4 ? raw.readUInt32BE(0) : 0; count > 0; count--) {
      const nameLength = raw.readUInt32BE(offset);
      const name = raw.toString('utf8', offset + 4, offset + 4 + nameLength);
      offset += 4 + nameLength;
      const valueLength = raw.readUInt32BE(offset);
      headers[name.toLowerCase()] = raw.toString('utf8', offset + 4, offset + 4 + valueLength).split('\0')[0];
      offset += 4 + valueLength;
    }
    return headers;
  }

  private deflateHeaders(headers: Record<string, string>): Promise<Buffer> {
    const parts = [uint32(Object.keys(headers).length)];
    for (const [name, value] of Object.entries(headers)) parts.push(uint32(Buffer.byteLength(name)), Buffer.from(name), uint32(Buffer.byteLength(value)), Buffer.from(value));
    return flushed(this.deflate, Buffer.concat(parts));
  }
}

function uint32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(value >>> 0, 0);
  return buffer;
}

/** Writes `input` through a zlib stream and resolves with everything it produced up to a sync flush. */
function flushed(stream: Inflate | Deflate, input: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const collect = (chunk: Buffer) => chunks.push(chunk);
    stream.on('data', collect);
    stream.once('error', reject);
    stream.write(input);
    stream.flush(constants.Z_SYNC_FLUSH, () => {
      stream.off('data', collect);
      stream.off('error', reject);
      resolve(Buffer.concat(chunks));
    });
  });
}
