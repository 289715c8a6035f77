import * as https from 'node:https';
import type { IncomingMessage } from 'node:http';
import { ApiError } from '@drydock/client';

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

/** Lists kept for reuse: a few per caller and collection, each answering only for the revision it was read at. */
const LIST_CACHE_ENTRIES = 32;
const LIST_CACHE_MS = 60_000;
/** How long a list from the watch cache may take before the plain list is used instead. */
const WATCH_LIST_TIMEOUT_SECONDS = 60;

interface ListEntry {
  revision: string;
  until: number;
  list: Promise<ListBody>;
  /** Each watch line of the list and its object (the next list of the collection reuses unchanged ones). */
  lines?: Map<string, unknown>;
}

export interface KubeRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | string[] | undefined>;
  body?: unknown;
  contentType?: string;
}

/**
 * HTTPS to the API server's own REST API as the calling user: every GraphQL read and write is an
 * ordinary REST request carrying the caller's bearer token, so authentication, audit, authorization,
 * admission and validation apply unchanged (DESIGN.md: no second path to the store). One keep-alive
 * pool for requests, none for long streams (watches, logs), as the worker client does.
 */
export class KubeApiClient {
  private readonly agent: https.Agent;
  private readonly streamAgent: https.Agent;
  private readonly url: URL;
  /** caller + collection + selectors → the last full list read, with the revision its probe answered. */
  private readonly lists = new Map<string, ListEntry>();
  private sweeper: NodeJS.Timeout | undefined;

  constructor(readonly target: LoopbackTarget) {
    this.agent = new https.Agent({ keepAlive: true, ca: target.caCert, maxSockets: 64, maxFreeSockets: 16 });
    this.streamAgent = new https.Agent({ keepAlive: false, ca: target.caCert });
    this.url = new URL(target.server);
  }

  /** A 2xx answer parsed as JSON; anything else throws ApiError with the Status's code and reason. */
  async request<T = unknown>(token: string, request: KubeRequest): Promise<T> {
    const { statusCode, body } = await this.send(token, request, true);
    if (statusCode < 200 || statusCode >= 300) throw ApiError.fromResponse(statusCode, body);
    return (body ? JSON.parse(body) : {}) as T;
  }

  /**
   * A whole collection (all pages) as the caller, consistent at a revision not older than the call. A
   * `limit=1` list first (the caller's list permission, checked on every call, and the store's current
   * revision); when that is not already the whole collection, the items come from the API server's
   * watch cache: a watch with sendInitialEvents from that revision, read up to its initial-events-end
   * bookmark (the streaming list of KEP-3157, also as the caller), instead of the store's pages. The
   * caller's last list of a collection is reused while the store's revision has not moved, so a page
   * asking for the same objects in several requests reads them once. Lists that the watch path
   * cannot serve (an error, a caller without watch permission) are the plain REST list.
   */
  async list<T = unknown>(token: string, path: string, query: { labelSelector?: string; fieldSelector?: string } = {}): Promise<ListBody<T>> {
    const probe = await this.request<ListBody<T>>(token, { method: 'GET', path, query: { ...query, limit: 1 } });
    const revision = probe.metadata?.resourceVersion;
    if (!probe.metadata?.continue || !revision) return probe;
    const key = `${token}\n${path}\n${query.labelSelector ?? ''}\n${query.fieldSelector ?? ''}`;
    const now = Date.now();
    this.sweepLists(now);
    const cached = this.lists.get(key);
    if (cached && cached.revision === revision && cached.until > Date.now()) return cached.list as Promise<ListBody<T>>;
    const entry: ListEntry = { revision, until: now + LIST_CACHE_MS, list: undefined as unknown as Promise<ListBody> };
    const list = this.listFromWatchCache(token, path, query, revision, cached?.lines).then(
      ({ body, lines }) => {
        entry.lines = lines;
        return body;
      },
      () => this.request<ListBody>(token, { method: 'GET', path, query }),
    );
    entry.list = list;
    this.lists.delete(key);
    if (this.lists.size >= LIST_CACHE_ENTRIES) this.lists.delete(this.lists.keys().next().value as string);
    this.lists.set(key, entry);
    // Lists are large: forget them once expired even when no further list comes to sweep them.
    this.sweeper ??= setInterval(() => {
      this.sweepLists(Date.now());
      if (this.lists.size === 0) this.stopSweeper();
    }, LIST_CACHE_MS).unref();
    list.catch(() => this.lists.get(key)?.list === list && this.lists.delete(key));
    return list as Promise<ListBody<T>>;
  }

  private sweepLists(now: number): void {
    for (const [key, entry] of this.lists) if (entry.until <= now) this.lists.delete(key);
  }

  private stopSweeper(): void {
    clearInterval(this.sweeper);
    this.sweeper = undefined;
  }

  /**
   * The collection at `resourceVersion` or newer, from a watch with sendInitialEvents. The API server
   * encodes an unchanged object to the same line every time, so a line the previous list of the same
   * collection already had is its object from then (never mutated), not parsed again: a list after a
   * few changes parses only the changed objects.
   */
  private listFromWatchCache(token: string, path: string, query: { labelSelector?: string; fieldSelector?: string }, resourceVersion: string, previous?: Map<string, unknown>): Promise<{ body: ListBody; lines: Map<string, unknown> }> {
    const stream = this.stream(token, {
      method: 'GET',
      path,
      query: { ...query, watch: true, sendInitialEvents: true, allowWatchBookmarks: true, resourceVersionMatch: 'NotOlderThan', resourceVersion, timeoutSeconds: WATCH_LIST_TIMEOUT_SECONDS },
    });
    return stream.response.then(
      (response) =>
        new Promise<{ body: ListBody; lines: Map<string, unknown> }>((resolve, reject) => {
          const items: unknown[] = [];
          const lines = new Map<string, unknown>();
          let rest = '';
          let done = false;
          const finish = (error?: Error, body?: ListBody) => {
            if (done) return;
            done = true;
            stream.abort();
            if (error) reject(error);
            else resolve({ body: body!, lines });
          };
          const onLine = (line: string) => {
            if (!line) return;
            const known = previous?.get(line);
            if (known !== undefined) {
              items.push(known);
              lines.set(line, known);
              return;
            }
            const event = JSON.parse(line) as { type?: string; object?: { metadata?: { resourceVersion?: string; annotations?: Record<string, string> } } };
            if (event.type === 'ADDED') {
              items.push(event.object);
              lines.set(line, event.object);
            }
            else if (event.type === 'BOOKMARK' && event.object?.metadata?.annotations?.['k8s.io/initial-events-end'] === 'true') finish(undefined, { items, metadata: { resourceVersion: event.object.metadata.resourceVersion ?? resourceVersion } });
            else if (event.type !== 'BOOKMARK') finish(new Error(`unexpected ${event.type} event while listing ${path} from the watch cache`));
          };
          response.on('data', (chunk: Buffer) => {
            if (done) return;
            const text = rest + chunk.toString('utf8');
            let start = 0;
            let newline: number;
            try {
              while (!done && (newline = text.indexOf('\n', start)) >= 0) {
                onLine(text.slice(start, newline));
                start = newline + 1;
              }
            } catch (error) {
              return finish(error as Error);
            }
            rest = text.slice(start);
          });
          response.on('end', () => finish(new Error(`the watch of ${path} ended before its initial events did`)));
          response.on('close', () => finish(new Error(`the watch of ${path} closed before its initial events ended`)));
          response.on('error', (error) => finish(error));
        }),
    );
  }

  /** A long GET (watch, logs): the raw response once its status is 2xx; an error status rejects with ApiError. */
  stream(token: string, request: KubeRequest): { response: Promise<IncomingMessage>; abort(): void } {
    let req: ReturnType<typeof https.request> | undefined;
    const response = new Promise<IncomingMessage>((resolve, reject) => {
      req = https.request({ ...this.options(token, request), agent: this.streamAgent }, (res) => {
        if ((res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300) return resolve(res);
        readAll(res).then((body) => reject(ApiError.fromResponse(res.statusCode ?? 0, body)), reject);
      });
      req.on('error', reject);
      req.end();
    });
    return { response, abort: () => req?.destroy() };
  }

  /** Connection details for a WebSocket to the API server (pods/exec). */
  websocketTarget(token: string, path: string, query: KubeRequest['query']): { url: string; headers: Record<string, string>; ca: string } {
    return { url: `wss://${this.url.host}${path}${queryString(query)}`, headers: { Authorization: `Bearer ${token}` }, ca: this.target.caCert };
  }

  close(): void {
    this.lists.clear();
    this.stopSweeper();
    this.agent.destroy();
    this.streamAgent.destroy();
  }

  /** Nest calls this when the API server shuts down. */
  onModuleDestroy(): void {
    this.close();
  }

  private send(token: string, request: KubeRequest, mayRetryStaleSocket: boolean): Promise<{ statusCode: number; body: string }> {
    return new Promise((resolve, reject) => {
      const payload = request.body === undefined ? undefined : JSON.stringify(request.body);
      const req = https.request(this.options(token, request, payload), (res) => {
        readAll(res).then((body) => resolve({ statusCode: res.statusCode ?? 0, body }), reject);
      });
      req.setTimeout(60_000, () => req.destroy(new Error(`${request.method} ${request.path}: no answer within 60 s`)));
      req.on('error', (error: NodeJS.ErrnoException) => {
        // A keep-alive socket the server closed while idle: the request never reached it, so resend once.
        if (mayRetryStaleSocket && req.reusedSocket && error.code === 'ECONNRESET') this.send(token, request, false).then(resolve, reject);
        else reject(error);
      });
      req.end(payload);
    });
  }

  private options(token: string, request: KubeRequest, payload?: string): https.RequestOptions {
    const headers: Record<string, string | number> = { Accept: 'application/json', Authorization: `Bearer ${token}`, 'User-Agent': 'drydock-graphql/v0.1.0' };
    if (payload !== undefined) {
      headers['Content-Type'] = request.contentType ?? 'application/json';
      headers['Content-Length'] = Buffer.byteLength(payload);
    }
    return { method: request.method, hostname: this.url.hostname, port: this.url.port || 443, path: request.path + queryString(request.query), headers, agent: this.agent };
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
    else if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
