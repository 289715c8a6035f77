import { Agent, request } from 'node:https';

/** Where and as whom a client talks to one API server. */
export interface Endpoint {
  server: string;
  caCert: string;
  token: string;
}

/** A JSON body as the scenarios read it (objects, lists, Status and watch events alike), field by field. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the checks validate every field they read
export type Body = any;

/** A response, or why there was none: status 0 is a connection error, -1 no answer within the timeout. */
export interface HttpResult {
  status: number;
  body: Body;
  retryAfter?: string;
  error?: string;
}

/**
 * One client connection (its own keep-alive agent, so many clients are many connections) to one API
 * server, with a hard timeout on every request: an answer that does not come is recorded, not waited for.
 */
export class KubeConnection {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 2 });

  constructor(readonly endpoint: Endpoint) {}

  request(method: string, path: string, body?: unknown, timeoutMs = 15_000, contentType = 'application/json'): Promise<HttpResult> {
    return new Promise((resolve) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = request(`${this.endpoint.server}${path}`, {
        method,
        agent: this.agent,
        ca: this.endpoint.caCert,
        headers: { Authorization: `Bearer ${this.endpoint.token}`, Accept: 'application/json', ...(payload ? { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(payload) } : {}) },
      }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => {
          clearTimeout(timer);
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // Not JSON (health endpoints): kept as text.
          }
          resolve({ status: res.statusCode ?? 0, body: parsed, retryAfter: res.headers['retry-after'] as string | undefined });
        });
        res.on('error', (error) => resolve({ status: 0, body: undefined, error: error.message }));
      });
      const timer = setTimeout(() => {
        req.destroy();
        resolve({ status: -1, body: undefined, error: `no answer within ${timeoutMs} ms` });
      }, timeoutMs);
      req.on('error', (error) => {
        clearTimeout(timer);
        resolve({ status: 0, body: undefined, error: error.message });
      });
      req.end(payload);
    });
  }

  /**
   * A watch: each parsed event is handed to `onEvent` as it arrives. Resolves when the stream ends:
   * with the status when the server refused it, `ended` when it closed, or an error.
   */
  watch(path: string, onEvent: (event: { type: string; object: Body }) => void, timeoutMs: number): { done: Promise<{ status: number; body?: Body; error?: string }>; close(): void } {
    let close = () => undefined as void;
    const done = new Promise<{ status: number; body?: Body; error?: string }>((resolve) => {
      const req = request(`${this.endpoint.server}${path}`, { method: 'GET', agent: false, ca: this.endpoint.caCert, headers: { Authorization: `Bearer ${this.endpoint.token}` } }, (res) => {
        let buffer = '';
        res.setEncoding('utf8');
        if (res.statusCode !== 200) {
          res.on('data', (chunk) => (buffer += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: safeJson(buffer) }));
          return;
        }
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let newline: number;
          while ((newline = buffer.indexOf('\n')) >= 0) {
            const line = buffer.slice(0, newline);
            buffer = buffer.slice(newline + 1);
            if (line.trim()) onEvent(JSON.parse(line));
          }
        });
        res.on('end', () => resolve({ status: 200 }));
        res.on('error', (error) => resolve({ status: 200, error: error.message }));
        res.on('close', () => resolve({ status: 200 }));
      });
      const timer = setTimeout(() => req.destroy(new Error(`watch open longer than ${timeoutMs} ms`)), timeoutMs);
      req.on('close', () => clearTimeout(timer));
      req.on('error', (error) => resolve({ status: 0, error: error.message }));
      close = () => void req.destroy();
      req.end();
    });
    return { done, close: () => close() };
  }

  close(): void {
    this.agent.destroy();
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
