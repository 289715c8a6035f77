import * as https from 'node:https';
import { AdminCredentials } from './kubeconfig';
import { Json } from './json';

export interface ApiResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: Json;
}

export interface RequestOptions {
  /** An object is sent as JSON; a string or Buffer is sent as is. */
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
  /** Overrides the admin token; an empty string sends no Authorization header. */
  token?: string;
}

export interface WatchEvent {
  type: string;
  object: Json;
}

export interface WatchStream {
  status: number;
  events: WatchEvent[];
  /**
   * Resolves with the events once at least `count` of them (those `counted`, when given) arrived; rejects
   * with what arrived on timeout or at the end of the stream.
   */
  waitForEvents(count: number, timeoutMs?: number, counted?: (event: WatchEvent) => boolean): Promise<WatchEvent[]>;
  close(): void;
}

/** Talks to Drydock's API like any Kubernetes client: HTTPS with the kubeconfig's CA and bearer token. */
export class ApiClient {
  private readonly agent: https.Agent;
  private readonly base: URL;

  constructor(private readonly credentials: AdminCredentials) {
    this.agent = new https.Agent({ ca: credentials.ca, keepAlive: true, maxSockets: 64 });
    this.base = new URL(credentials.server);
  }

  request(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse> {
    return new Promise((resolve, reject) => {
      const body = encodeBody(options.body);
      const request = https.request(this.url(path), { method, agent: this.agent, headers: this.headers(options, body) }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json: parseJson(text) });
        });
        response.on('error', reject);
      });
      request.on('error', reject);
      request.end(body);
    });
  }

  /** Opens `path` (which must carry `watch=true`) and collects its newline-delimited JSON events. */
  watch(path: string): Promise<WatchStream> {
    return new Promise((resolve, reject) => {
      const request = https.request(this.url(path), { method: 'GET', agent: this.agent, headers: this.headers({}, undefined) }, (response) => {
        resolve(collectWatchEvents(response, () => request.destroy()));
      });
      request.on('error', reject);
      request.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }

  private url(path: string): URL {
    return new URL(path, this.base);
  }

  private headers(options: RequestOptions, body: Buffer | undefined): Record<string, string> {
    const token = options.token ?? this.credentials.token;
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) {
      headers['Content-Type'] = options.contentType ?? 'application/json';
      headers['Content-Length'] = String(body.length);
    }
    return headers;
  }
}

function encodeBody(body: unknown): Buffer | undefined {
  if (body === undefined) return undefined;
  if (Buffer.isBuffer(body)) return body;
  return Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
}

function parseJson(text: string): Json {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function collectWatchEvents(response: import('node:http').IncomingMessage, destroy: () => void): WatchStream {
  const events: WatchEvent[] = [];
  let buffered = '';
  let ended = false;
  response.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) events.push(parseWatchLine(line));
  });
  response.on('end', () => (ended = true));
  response.on('error', () => (ended = true));
  response.on('close', () => (ended = true));
  return {
    status: response.statusCode ?? 0,
    events,
    waitForEvents: (count, timeoutMs = 30_000, counted = () => true) =>
      new Promise((resolve, reject) => {
        const deadline = Date.now() + timeoutMs;
        const poll = setInterval(() => {
          if (events.filter(counted).length >= count) {
            clearInterval(poll);
            resolve(events);
          } else if (ended || Date.now() > deadline) {
            clearInterval(poll);
            const why = ended ? 'the stream ended' : `${timeoutMs} ms passed`;
            reject(new Error(`watch: expected ${count} events, got ${events.length} before ${why}: ${JSON.stringify(events.map(summarize))}`));
          }
        }, 20);
      }),
    close: destroy,
  };
}

/** A line that is not JSON is kept as an event of type UNPARSEABLE so that assertions show it. */
function parseWatchLine(line: string): WatchEvent {
  const parsed = parseJson(line);
  return parsed && typeof parsed === 'object' ? parsed : { type: 'UNPARSEABLE', object: line };
}

function summarize(event: WatchEvent): string {
  return `${event.type} ${event.object?.metadata?.name ?? ''}@${event.object?.metadata?.resourceVersion ?? ''}`;
}
