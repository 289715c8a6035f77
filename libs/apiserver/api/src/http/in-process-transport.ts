import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { Readable, Writable } from 'node:stream';
import type { KubeTransport, StreamReply, TransportReply, TransportRequest } from '@drydock/graphql';

/** The request chain a transport hands requests to: KubeRouter.handle, as the HTTPS server calls it. */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** The peer address the audit records for GraphQL's in-process requests (what the loopback connection showed). */
const IN_PROCESS_ADDRESS = '127.0.0.1';

/**
 * The request side of an in-process exchange: what the request chain reads of an IncomingMessage
 * (method, url, headers, the body as a stream, the peer address). It emits `close` when the exchange
 * ends or the client aborts, as a server request does when its connection goes.
 */
class InProcessRequest extends Readable {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string | string[]>;
  readonly headersDistinct: Record<string, string[]>;
  readonly rawHeaders: string[];
  readonly httpVersion = '1.1';
  readonly socket = { remoteAddress: IN_PROCESS_ADDRESS, encrypted: true };

  constructor(request: TransportRequest) {
    super({ read: () => undefined, autoDestroy: false, emitClose: false });
    this.method = request.method;
    this.url = request.path;
    this.headers = {};
    this.headersDistinct = {};
    this.rawHeaders = [];
    for (const [name, value] of Object.entries(request.headers)) {
      const key = name.toLowerCase();
      const values = Array.isArray(value) ? value : [value];
      this.headers[key] = key.startsWith('impersonate-') || values.length > 1 ? values.join(', ') : values[0];
      this.headersDistinct[key] = values;
      for (const each of values) this.rawHeaders.push(name, each);
    }
    if (request.body !== undefined) this.push(Buffer.from(request.body));
    this.push(null);
  }
}

/**
 * The response side: a Writable with the ServerResponse calls the request chain makes (writeHead,
 * setHeader, flushHeaders, write, end, destroy). The body is passed on as it is written, so a watch
 * streams; a list body may instead be handed over as objects (`handOver`), never encoded.
 */
export class InProcessResponse extends Writable {
  statusCode = 200;
  headersSent = false;
  readonly body = new Readable({ read: () => this.resume() });
  /** A list body the server handed over instead of writing it. */
  value?: unknown;
  private readonly headers: OutgoingHttpHeaders = {};
  private waiting?: () => void;
  private readonly onHead: () => void;

  constructor(onHead: () => void) {
    super({ decodeStrings: false });
    this.onHead = onHead;
  }

  setHeader(name: string, value: string | number | readonly string[]): this {
    this.headers[name.toLowerCase()] = value as string | string[];
    return this;
  }

  getHeader(name: string): string | number | string[] | undefined {
    return this.headers[name.toLowerCase()];
  }

  getHeaders(): OutgoingHttpHeaders {
    return { ...this.headers };
  }

  hasHeader(name: string): boolean {
    return name.toLowerCase() in this.headers;
  }

  removeHeader(name: string): void {
    delete this.headers[name.toLowerCase()];
  }

  writeHead(code: number, message?: string | OutgoingHttpHeaders | unknown[], headers?: OutgoingHttpHeaders | unknown[]): this {
    this.statusCode = code;
    const given = typeof message === 'string' ? headers : message;
    if (Array.isArray(given)) for (let i = 0; i + 1 < given.length; i += 2) this.setHeader(String(given[i]), given[i + 1] as string);
    else if (given) for (const [name, value] of Object.entries(given)) if (value !== undefined) this.setHeader(name, value);
    this.flushHeaders();
    return this;
  }

  flushHeaders(): void {
    if (this.headersSent) return;
    this.headersSent = true;
    this.onHead();
  }

  /** Sends `value` as the body: the reader gets the objects themselves (the in-process path; see sendList). */
  handOver(value: unknown): void {
    this.value = value;
  }

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.flushHeaders();
    // Backpressure as a socket gives it: the next write waits until the reader wants more.
    if (this.body.push(chunk)) done();
    else this.waiting = done;
  }

  override _final(done: (error?: Error | null) => void): void {
    this.flushHeaders();
    this.body.push(null);
    done();
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    this.resume();
    // Destroyed before the end (the client aborted, or the server dropped a slow watcher): the body ends there.
    // After the end (autoDestroy), the reader still reads what was written.
    if (!this.writableFinished) this.body.destroy();
    done(error);
  }

  private resume(): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.();
  }
}

/**
 * GraphQL's way into the API server: each request is handed to the same request chain the HTTPS server
 * calls (KubeRouter.handle: authentication, audit, priority and fairness, authorization, admission, the
 * generic store), in this process, without a socket, TLS, or encoding the lists the chain answers.
 */
export class InProcessTransport implements KubeTransport {
  constructor(private readonly handle: RequestHandler) {}

  async send(request: TransportRequest): Promise<TransportReply> {
    const { response, settled } = this.exchange(request);
    const chunks: Buffer[] = [];
    response.body.on('data', (chunk: Buffer | string) => chunks.push(Buffer.from(chunk)));
    const ended = new Promise<void>((resolve) => {
      response.body.once('end', resolve);
      response.body.once('close', resolve);
    });
    await settled;
    if (!response.writableEnded && !response.destroyed) response.end();
    await ended;
    return { statusCode: response.statusCode, text: Buffer.concat(chunks).toString('utf8'), value: response.value };
  }

  stream(request: TransportRequest): { response: Promise<StreamReply>; abort(): void } {
    let head!: () => void;
    const headWritten = new Promise<void>((resolve) => (head = resolve));
    const { response, close, settled } = this.exchange(request, () => head());
    // A handler that ends without writing anything still answers (its status, an empty body).
    void settled.then(() => head());
    return {
      response: headWritten.then(() => ({ statusCode: response.statusCode, body: response.body })),
      abort: () => {
        response.destroy();
        close();
      },
    };
  }

  private exchange(request: TransportRequest, onHead: () => void = () => undefined): { response: InProcessResponse; close(): void; settled: Promise<void> } {
    const req = new InProcessRequest(request);
    const response = new InProcessResponse(onHead);
    let closed = false;
    // The request's `close`, as a server request's when the exchange is over or the client went away.
    const close = () => {
      if (closed) return;
      closed = true;
      req.emit('close');
    };
    response.body.once('end', close);
    response.body.once('close', close);
    const settled = this.handle(req as unknown as IncomingMessage, response as unknown as ServerResponse).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain' });
      if (!response.writableEnded) response.end(String(error));
    });
    return { response, close, settled };
  }
}
