import * as https from 'node:https';
import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { loadKubeconfig } from '@drydock/client';
import type { TestDrydock } from '../../support/use-drydock';

export interface GraphqlResponse<T = Record<string, unknown>> {
  status: number;
  body: { data?: T | null; errors?: { message: string; extensions?: { code?: string; status?: number; [key: string]: unknown } }[]; extensions?: { apiRequests?: number } };
}

export interface GraphqlTestClient {
  server: string;
  token: string;
  caCert: string;
  /** POST /graphql; `token: null` sends no Authorization header. */
  request<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, options?: { token?: string | null; headers?: Record<string, string> }): Promise<GraphqlResponse<T>>;
  /** POST /graphql with this JSON body as it is (a persisted query's extensions, an operationName). */
  post<T = Record<string, unknown>>(body: Record<string, unknown>, options?: { token?: string | null; headers?: Record<string, string> }): Promise<GraphqlResponse<T>>;
  /** Like request, but fails the test on any error and returns data. */
  data<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** A graphql-ws client over the API server's port (connection_init carries the token unless `token: null`). */
  ws(options?: { token?: string | null; headers?: Record<string, string> }): Client;
  close(): void;
}

export function graphqlTestClient(drydock: TestDrydock): GraphqlTestClient {
  const config = loadKubeconfig(drydock.kubeconfigPath, 'graphql-e2e');
  const agent = new https.Agent({ keepAlive: true, ca: config.caCert });
  const url = new URL('/graphql', config.server);
  const clients: Client[] = [];
  const post = <T>(body: Record<string, unknown>, options: { token?: string | null; headers?: Record<string, string> } = {}) =>
    new Promise<GraphqlResponse<T>>((resolve, reject) => {
      const payload = JSON.stringify(body);
      const token = options.token === undefined ? config.token : options.token;
      const headers: Record<string, string | number> = { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload), ...options.headers };
      if (token !== null) headers.Authorization = `Bearer ${token}`;
      const req = https.request(url, { method: 'POST', agent, headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) });
          } catch {
            reject(new Error(`HTTP ${res.statusCode}: ${text.slice(0, 500)}`));
          }
        });
      });
      req.on('error', reject);
      req.end(payload);
    });
  const request = <T>(query: string, variables: Record<string, unknown> = {}, options: { token?: string | null; headers?: Record<string, string> } = {}) => post<T>({ query, variables }, options);
  return {
    server: config.server,
    token: config.token,
    caCert: config.caCert,
    request,
    post,
    data: async <T>(query: string, variables?: Record<string, unknown>) => {
      const response = await request<T>(query, variables);
      if (response.body.errors?.length || response.status !== 200) throw new Error(`GraphQL failed (HTTP ${response.status}): ${JSON.stringify(response.body.errors)}`);
      return response.body.data as T;
    },
    ws: (options = {}) => {
      const token = options.token === undefined ? config.token : options.token;
      const ca = config.caCert;
      const headers = options.headers;
      class TrustingWebSocket extends WebSocket {
        constructor(address: string, protocols?: string | string[]) {
          super(address, protocols, { ca, headers });
        }
      }
      const client = createClient({
        url: url.toString().replace(/^https/, 'wss'),
        webSocketImpl: TrustingWebSocket,
        connectionParams: token === null ? undefined : { authorization: `Bearer ${token}` },
        retryAttempts: 0,
        lazy: true,
      });
      clients.push(client);
      return client;
    },
    close: () => {
      for (const client of clients) void client.dispose();
      agent.destroy();
    },
  };
}

/** Collects the messages of one subscription until `stop()`. */
export function collect<T>(client: Client, query: string, variables: Record<string, unknown> = {}) {
  const messages: T[] = [];
  /** Where a test may move messages it has looked at. */
  const seen: T[] = [];
  /** When each message arrived (ms since the epoch). */
  const arrivals: number[] = [];
  const errors: unknown[] = [];
  let completed = false;
  const stop = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        if (value.errors) errors.push(value.errors);
        if (value.data) {
          messages.push(value.data as T);
          arrivals.push(Date.now());
        }
      },
      error: (error) => errors.push(error),
      complete: () => (completed = true),
    },
  );
  return { messages, seen, arrivals, errors, stop, isCompleted: () => completed };
}
