import type { Readable } from 'node:stream';

/** One REST request as it enters the API server: method, path with query, headers, body. */
export interface TransportRequest {
  method: string;
  /** The path with its query string, under the cluster's prefix (`/clusters/<name>/api/v1/pods?limit=1`). */
  path: string;
  headers: Record<string, string | string[]>;
  body?: string;
}

export interface TransportReply {
  statusCode: number;
  /** The body as the server wrote it ('' when it handed the body over as `value`). */
  text: string;
  /**
   * A list body the server handed over as objects instead of encoding it (the in-process path): the
   * API server's own copies, shared with its watch cache and every other reader, so never mutated.
   */
  value?: unknown;
}

export interface StreamReply {
  statusCode: number;
  /** The body as it is written (watch events, log lines); ends when the server ends the response. */
  body: Readable;
}

/**
 * How GraphQL reaches the API server's REST request chain (authentication, audit, priority and
 * fairness, authorization, admission, the generic store): the API server passes its own in-process
 * transport, so GraphQL's reads and writes are the caller's REST requests without a socket between them.
 */
export interface KubeTransport {
  send(request: TransportRequest): Promise<TransportReply>;
  /** A long response (watch, logs -f): resolves once the status is written; `abort` ends it as a client disconnecting. */
  stream(request: TransportRequest): { response: Promise<StreamReply>; abort(): void };
}
