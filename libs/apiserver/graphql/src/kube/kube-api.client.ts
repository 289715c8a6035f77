import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { ApiError } from '@drydock/client';
import type { KubeTransport, TransportReply, TransportRequest } from './kube-transport';

/** The API server's own address and CA, for the one connection GraphQL still dials: exec's WebSocket. */
export interface LoopbackTarget {
  /** `https://127.0.0.1:6443` */
  server: string;
  caCert: string;
}

export interface ListBody<T = unknown> {
  items?: T[];
  metadata?: { resourceVersion?: string; continue?: string };
}

/** The Impersonate-* headers of a request (`impersonate-user`, `impersonate-group`…), each with all its values. */
export type ImpersonationHeaders = Record<string, string[]>;

/**
 * Who a REST call is made as: the caller's bearer token, plus the Impersonate-* headers the caller sent
 * to /graphql, forwarded so the REST pipeline impersonates (and authorizes the `impersonate` verb) as it
 * does for every endpoint upstream.
 */
export interface Caller {
  token: string;
  impersonation?: ImpersonationHeaders;
  /**
   * A sandbox cluster: every path goes under `/clusters/<name>`, except Drydock's own group (users, teams,
   * clusters, snapshots, the audit log), which lives in the default cluster only.
   */
  cluster?: string;
  /**
   * The name of the GraphQL operation the request serves (`SecretReveal`): it goes into the User-Agent,
   * which the audit log records, so an audit record says which operation read or wrote the object.
   */
  operation?: string;
}

const DEFAULT_CLUSTER_ONLY = /^\/apis\/drydock\.dev\//;

/** The path of a request as `caller` makes it: under its cluster's prefix when it addresses a sandbox. */
export function callerPath(caller: Caller, path: string): string {
  return caller.cluster && !DEFAULT_CLUSTER_ONLY.test(path) ? `/clusters/${caller.cluster}${path}` : path;
}

/** The Impersonate-* headers of an incoming request, or undefined when it has none. */
export function impersonationHeaders(req: Pick<IncomingMessage, 'headersDistinct'>): ImpersonationHeaders | undefined {
  const found = Object.entries(req.headersDistinct).filter(([name, values]) => name.startsWith('impersonate-') && values?.length);
  return found.length ? Object.fromEntries(found as [string, string[]][]) : undefined;
}

export interface KubeRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | string[] | undefined>;
  body?: unknown;
  contentType?: string;
  /** Default application/json; the Table printer's `application/json;as=Table;v=v1;g=meta.k8s.io` for columns. */
  accept?: string;
}

/** How long after a write lists stay consistent reads (the watch cache is milliseconds behind when all is well). */
const READ_YOUR_WRITES_MS = 5_000;
/** Access and token reviews are POSTs that store nothing (the dashboard sends them on every page): not writes. */
const REVIEW_PATH = /^\/apis\/(authorization|authentication)\.k8s\.io\//;
const USER_AGENT = 'drydock-graphql/v0.1.0';

/** `drydock-graphql/v0.1.0`, and `(operation <name>)` after it when the caller names its operation. */
const userAgent = (caller: Caller) => (caller.operation ? `${USER_AGENT} (operation ${caller.operation})` : USER_AGENT);

/**
 * The API server's own REST API as the calling user: every GraphQL read and write is an ordinary REST
 * request carrying the caller's bearer token (and Impersonate-* headers), handed to the server's request
 * chain through `transport` (in-process: no socket, no TLS), so authentication, audit, priority and
 * fairness, authorization, admission and validation apply unchanged (DESIGN.md: no second path to the
 * store). Only exec's WebSocket still dials the server's address (`websocket`).
 */
export class KubeApiClient {
  /** When a write through this client last succeeded (ms since the epoch; 0: never). */
  private lastWriteAt = 0;

  constructor(
    private readonly transport: KubeTransport,
    readonly websocket?: LoopbackTarget,
  ) {}

  /** A 2xx answer's object; anything else throws ApiError with the Status's code and reason. */
  async request<T = unknown>(caller: Caller, request: KubeRequest): Promise<T> {
    const reply = await this.send(caller, request);
    if (reply.value !== undefined) return reply.value as T;
    return (reply.text ? JSON.parse(reply.text) : {}) as T;
  }

  /** A 2xx answer's body as text (a kubeconfig's YAML); anything else throws ApiError with the Status's code and reason. */
  async text(caller: Caller, request: KubeRequest): Promise<string> {
    const reply = await this.send(caller, request);
    return reply.value !== undefined ? JSON.stringify(reply.value) : reply.text;
  }

  /**
   * A whole collection as the caller: one list with resourceVersion=0, which the API server serves
   * from its watch cache, whole (upstream's cacher ignores `limit` for RV 0), as it serves any client's
   * informer; authentication, authorization and audit apply to it as to every REST call. The server
   * hands the list over as its objects (never encoded and parsed): they are shared, never mutated.
   */
  list<T = unknown>(caller: Caller, path: string, query: { labelSelector?: string; fieldSelector?: string } = {}): Promise<ListBody<T>> {
    return this.request<ListBody<T>>(caller, { method: 'GET', path, query: { ...query, resourceVersion: this.readsOwnWrites() ? undefined : '0' } });
  }

  /**
   * Shortly after a write, lists are consistent reads (no resourceVersion: the API server answers once its
   * cache holds every committed write, else from PostgreSQL), so a page that just created a Team lists it.
   * resourceVersion=0 may be served by a cache that has not applied the write yet, as upstream allows.
   */
  private readsOwnWrites(): boolean {
    return Date.now() - this.lastWriteAt < READ_YOUR_WRITES_MS;
  }

  /** A long GET (watch, logs): the body once its status is 2xx; an error status rejects with ApiError. */
  stream(caller: Caller, request: KubeRequest): { response: Promise<Readable>; abort(): void } {
    const { response, abort } = this.transport.stream(this.transportRequest(caller, request));
    const body = response.then(async (reply) => {
      if (reply.statusCode >= 200 && reply.statusCode < 300) return reply.body;
      throw ApiError.fromResponse(reply.statusCode, await readAll(reply.body));
    });
    return { response: body, abort };
  }

  /** Connection details for a WebSocket to the API server (pods/exec). */
  websocketTarget(caller: Caller, path: string, query: KubeRequest['query']): { url: string; headers: Record<string, string | string[]>; ca: string } {
    if (!this.websocket) throw ApiError.fromResponse(503, 'this API server serves no WebSocket to GraphQL');
    const url = new URL(this.websocket.server);
    return { url: `wss://${url.host}${callerPath(caller, path)}${queryString(query)}`, headers: { ...caller.impersonation, Authorization: `Bearer ${caller.token}` }, ca: this.websocket.caCert };
  }

  private async send(caller: Caller, request: KubeRequest): Promise<TransportReply> {
    const reply = await this.transport.send(this.transportRequest(caller, request));
    if (reply.statusCode < 200 || reply.statusCode >= 300) throw ApiError.fromResponse(reply.statusCode, reply.value !== undefined ? JSON.stringify(reply.value) : reply.text);
    if (request.method !== 'GET' && !REVIEW_PATH.test(request.path)) this.lastWriteAt = Date.now();
    return reply;
  }

  private transportRequest(caller: Caller, request: KubeRequest): TransportRequest {
    const headers: Record<string, string | string[]> = { ...caller.impersonation, accept: request.accept ?? 'application/json', authorization: `Bearer ${caller.token}`, 'user-agent': userAgent(caller) };
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    if (body !== undefined) {
      headers['content-type'] = request.contentType ?? 'application/json';
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    return { method: request.method, path: callerPath(caller, request.path) + queryString(request.query), headers, body };
  }
}

function readAll(body: Readable): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    body.on('data', (chunk: Buffer | string) => chunks.push(Buffer.from(chunk)));
    body.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    body.on('error', reject);
  });
}

export function queryString(query: KubeRequest['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (Array.isArray(value)) for (const item of value) params.append(key, item);
    // GraphQL hands an explicitly null argument over as null: it means "not given", never the text `null`.
    else if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
