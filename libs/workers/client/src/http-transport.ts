import * as https from 'node:https';
import * as tls from 'node:tls';
import type { IncomingMessage } from 'node:http';
import { ApiError } from './api-error';
import type { ClientConfig } from './client.types';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  contentType?: string;
  /** Retry a 429 or 5xx that carries Retry-After (default true; false for evictions, whose 429 is the answer). */
  retryThrottled?: boolean;
}

export interface HttpResponse {
  statusCode: number;
  body: string;
}

/** The sockets of a process: every cluster's client shares them (one pool for requests, one for watches). */
export interface TransportAgents {
  agent: https.Agent;
  watchAgent: https.Agent;
}

/**
 * Every socket kept when idle (maxFreeSockets = maxSockets): a burst (the ReplicaSet controller's slow
 * start sends up to 128 creates at once) would otherwise close all but a few of its sockets after each
 * batch and open them again, TLS handshake and all, for the next. One TLS context for all connections
 * (an Agent given `ca` parses the certificate again for every connection).
 */
export function createTransportAgents(caCert: string): TransportAgents {
  const secureContext = tls.createSecureContext({ ca: caCert });
  return {
    agent: new https.Agent({ keepAlive: true, ca: caCert, secureContext, maxSockets: 128, maxFreeSockets: 128 }),
    watchAgent: new https.Agent({ keepAlive: false, ca: caCert, secureContext }),
  };
}

const MAX_THROTTLE_RETRIES = 3;
const MAX_RETRY_AFTER_MS = 5_000;
const REQUEST_TIMEOUT_MS = 60_000;

/**
 * HTTPS to one API server over a keep-alive Agent pinned to the kubeconfig's CA, bearer token,
 * JSON only. A server URL with a path (`https://host:6443/clusters/lab`) prefixes every request's path. `request` answers 2xx as text and throws ApiError otherwise; `stream` hands back the
 * raw response of a long request (watch) whatever its status.
 */
export class HttpTransport {
  private readonly agent: https.Agent;
  /** Watches hold their socket for minutes: a pool of their own, so they never starve ordinary requests. */
  private readonly watchAgent: https.Agent;
  private readonly url: URL;
  private readonly basePath: string;
  private readonly userAgent: string;
  private readonly ownsAgents: boolean;

  /** `agents`: a pool shared with other transports (then close() leaves it open for them). */
  constructor(private readonly config: ClientConfig, agents?: TransportAgents) {
    ({ agent: this.agent, watchAgent: this.watchAgent } = agents ?? createTransportAgents(config.caCert));
    this.ownsAgents = !agents;
    this.url = new URL(config.server);
    this.basePath = this.url.pathname.replace(/\/+$/, '');
    this.userAgent = `${config.userAgent}/v0.1.0 (${process.platform}/${process.arch}) drydock`;
  }

  async request(request: HttpRequest): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      const response = await this.send(request, true);
      if (response.statusCode >= 200 && response.statusCode < 300) return response.body;
      if (response.statusCode === 401) this.config.onUnauthorized?.();
      const wait = retryAfterMs(response);
      if (wait === undefined || request.retryThrottled === false || attempt >= MAX_THROTTLE_RETRIES) throw ApiError.fromResponse(response.statusCode, response.body);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  /** Opens a streaming GET; the caller reads (and must consume or destroy) the response. */
  stream(request: HttpRequest, onResponse: (response: IncomingMessage) => void, onError: (error: Error) => void): { abort(): void } {
    const req = https.request({ ...this.options(request), agent: this.watchAgent }, onResponse);
    req.on('error', onError);
    req.end();
    return { abort: () => req.destroy() };
  }

  /** Closes the keep-alive sockets; use the client no more afterwards. Open watches are closed by their handles. */
  close(): void {
    if (this.ownsAgents) this.agent.destroy();
  }

  private send(request: HttpRequest, mayRetryStaleSocket: boolean): Promise<HttpResponse & { retryAfter?: string }> {
    return new Promise((resolve, reject) => {
      const payload = request.body === undefined ? undefined : JSON.stringify(request.body);
      const req = https.request(this.options(request, payload), (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ statusCode: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), retryAfter: res.headers['retry-after'] as string | undefined }));
        res.on('error', reject);
      });
      req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`${request.method} ${request.path}: no answer within ${REQUEST_TIMEOUT_MS} ms`)));
      req.on('error', (error: NodeJS.ErrnoException) => {
        // A keep-alive socket the server closed while idle: the request never reached it, so resend once.
        if (mayRetryStaleSocket && req.reusedSocket && error.code === 'ECONNRESET') this.send(request, false).then(resolve, reject);
        else reject(error);
      });
      req.end(payload);
    });
  }

  private options(request: HttpRequest, payload?: string): https.RequestOptions {
    const headers: Record<string, string | number> = { Accept: 'application/json', Authorization: `Bearer ${this.config.tokenSource?.() ?? this.config.token}`, 'User-Agent': this.userAgent };
    if (payload !== undefined) {
      headers['Content-Type'] = request.contentType ?? 'application/json';
      headers['Content-Length'] = Buffer.byteLength(payload);
    }
    return { method: request.method, hostname: this.url.hostname, port: this.url.port || 443, path: this.basePath + request.path + queryString(request.query), headers, agent: this.agent };
  }
}

function queryString(query: HttpRequest['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * How long to wait before retrying an answer the server said to retry; undefined when it must not be retried.
 * As client-go's checkWait: a 429 or any 5xx with Retry-After, so also the 504 "Too large resource version" a
 * consistent list answers while the watch cache trails the store (retried after its second, not after the
 * reflector's back-off, which grows to 30 s).
 */
function retryAfterMs(response: { statusCode: number; retryAfter?: string }): number | undefined {
  if ((response.statusCode !== 429 && response.statusCode < 500) || response.retryAfter === undefined) return undefined;
  const seconds = Number(response.retryAfter);
  return Number.isFinite(seconds) ? Math.min(Math.max(seconds, 0) * 1000, MAX_RETRY_AFTER_MS) : undefined;
}
