import * as https from 'node:https';
import type { IncomingMessage } from 'node:http';
import { ApiError } from '@drydock/client';
import { ListDecoder } from './list-decoder';

/** Where the API server serves the REST API this process calls back into (its own address and CA). */
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

/**
 * HTTPS to the API server's own REST API as the calling user: every GraphQL read and write is an
 * ordinary REST request carrying the caller's bearer token, so authentication, audit, authorization,
 * admission and validation apply unchanged (DESIGN.md: no second path to the store). One keep-alive
 * pool for requests, none for long streams (watches, logs), as the worker client does.
 */
/** How long after a write lists stay consistent reads (the watch cache is milliseconds behind when all is well). */
const READ_YOUR_WRITES_MS = 5_000;
/** Access and token reviews are POSTs that store nothing (the dashboard sends them on every page): not writes. */
const REVIEW_PATH = /^\/apis\/(authorization|authentication)\.k8s\.io\//;

export class KubeApiClient {
  private readonly agent: https.Agent;
  private readonly streamAgent: https.Agent;
  private readonly url: URL;
  private readonly decoder = new ListDecoder();
  /** When a write through this client last succeeded (ms since the epoch; 0: never). */
  private lastWriteAt = 0;

  constructor(readonly target: LoopbackTarget) {
    this.agent = new https.Agent({ keepAlive: true, ca: target.caCert, maxSockets: 64, maxFreeSockets: 16 });
    this.streamAgent = new https.Agent({ keepAlive: false, ca: target.caCert });
    this.url = new URL(target.server);
  }

  /** A 2xx answer parsed as JSON; anything else throws ApiError with the Status's code and reason. */
  async request<T = unknown>(caller: Caller, request: KubeRequest): Promise<T> {
    const body = await this.text(caller, request);
    return (body ? JSON.parse(body) : {}) as T;
  }

  /** A 2xx answer's body; anything else throws ApiError with the Status's code and reason. */
  async text(caller: Caller, request: KubeRequest): Promise<string> {
    const { statusCode, body } = await this.send(caller, request, true);
    if (statusCode < 200 || statusCode >= 300) throw ApiError.fromResponse(statusCode, body);
    if (request.method !== 'GET' && !REVIEW_PATH.test(request.path)) this.lastWriteAt = Date.now();
    return body;
  }

  /**
   * A whole collection as the caller: one list with resourceVersion=0, which the API server serves
   * from its watch cache, whole (upstream's cacher ignores `limit` for RV 0), as it serves any client's
   * informer; authentication, authorization and audit apply to it as to every REST call. No list is
   * kept between calls (a GraphQL request shares its lists through its ClusterLoader); the decoder only
   * spares parsing the objects that did not change since the collection's last list (ListDecoder).
   */
  async list<T = unknown>(caller: Caller, path: string, query: { labelSelector?: string; fieldSelector?: string } = {}): Promise<ListBody<T>> {
    const body = await this.text(caller, { method: 'GET', path, query: { ...query, resourceVersion: this.readsOwnWrites() ? undefined : '0' } });
    return this.decoder.decode<T>(callerPath(caller, path) + queryString(query), body);
  }

  /**
   * Shortly after a write, lists are consistent reads (no resourceVersion: the API server answers once its
   * cache holds every committed write, else from PostgreSQL), so a page that just created a Team lists it.
   * resourceVersion=0 may be served by a cache that has not applied the write yet, as upstream allows.
   */
  private readsOwnWrites(): boolean {
    return Date.now() - this.lastWriteAt < READ_YOUR_WRITES_MS;
  }

  /** A long GET (watch, logs): the raw response once its status is 2xx; an error status rejects with ApiError. */
  stream(caller: Caller, request: KubeRequest): { response: Promise<IncomingMessage>; abort(): void } {
    let req: ReturnType<typeof https.request> | undefined;
    const response = new Promise<IncomingMessage>((resolve, reject) => {
      req = https.request({ ...this.options(caller, request), agent: this.streamAgent }, (res) => {
        if ((res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300) return resolve(res);
        readAll(res).then((body) => reject(ApiError.fromResponse(res.statusCode ?? 0, body)), reject);
      });
      req.on('error', reject);
      req.end();
    });
    return { response, abort: () => req?.destroy() };
  }

  /** Connection details for a WebSocket to the API server (pods/exec). */
  websocketTarget(caller: Caller, path: string, query: KubeRequest['query']): { url: string; headers: Record<string, string | string[]>; ca: string } {
    return { url: `wss://${this.url.host}${callerPath(caller, path)}${queryString(query)}`, headers: { ...caller.impersonation, Authorization: `Bearer ${caller.token}` }, ca: this.target.caCert };
  }

  close(): void {
    this.decoder.clear();
    this.agent.destroy();
    this.streamAgent.destroy();
  }

  /** Nest calls this when the API server shuts down. */
  onModuleDestroy(): void {
    this.close();
  }

  private send(caller: Caller, request: KubeRequest, mayRetryStaleSocket: boolean): Promise<{ statusCode: number; body: string }> {
    return new Promise((resolve, reject) => {
      const payload = request.body === undefined ? undefined : JSON.stringify(request.body);
      const req = https.request(this.options(caller, request, payload), (res) => {
        readAll(res).then((body) => resolve({ statusCode: res.statusCode ?? 0, body }), reject);
      });
      req.setTimeout(60_000, () => req.destroy(new Error(`${request.method} ${request.path}: no answer within 60 s`)));
      req.on('error', (error: NodeJS.ErrnoException) => {
        // A keep-alive socket the server closed while idle: the request never reached it, so resend once.
        if (mayRetryStaleSocket && req.reusedSocket && error.code === 'ECONNRESET') this.send(caller, request, false).then(resolve, reject);
        else reject(error);
      });
      req.end(payload);
    });
  }

  private options(caller: Caller, request: KubeRequest, payload?: string): https.RequestOptions {
    const headers: Record<string, string | number | string[]> = { ...caller.impersonation, Accept: request.accept ?? 'application/json', Authorization: `Bearer ${caller.token}`, 'User-Agent': 'drydock-graphql/v0.1.0' };
    if (payload !== undefined) {
      headers['Content-Type'] = request.contentType ?? 'application/json';
      headers['Content-Length'] = Buffer.byteLength(payload);
    }
    return { method: request.method, hostname: this.url.hostname, port: this.url.port || 443, path: callerPath(caller, request.path) + queryString(request.query), headers, agent: this.agent };
  }
}

function readAll(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
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
