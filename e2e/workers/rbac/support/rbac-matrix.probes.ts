import * as https from 'node:https';
import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { ClientConfig } from '@drydock/client';
import type { Subject } from './rbac-matrix.expectations';

/**
 * Requests as a matrix subject (with its own token, or the admin's token with Impersonate-User and
 * Impersonate-Group: the admin may impersonate anyone), over every way in that the matrix checks: REST, watch, pods/log, pods/exec
 * (WebSocket) and /graphql. Each probe answers what the server decided: allowed, denied (403), or the
 * unexpected answer itself so a 500 fails the test instead of counting as either.
 */
export type Outcome = 'allowed' | 'denied' | `error ${number}: ${string}`;

/** A GraphQL subscription as the subject: what it delivered, and the error that ended it, if any. */
export interface SubscriptionHandle {
  deliveries: { namespace?: string; name?: string }[];
  error?: { code?: string; message: string };
  dispose(): void;
}

export interface GraphqlAnswer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };
}

/**
 * How a subject's requests authenticate: its own API token when `tokens` has one (the user-token
 * authenticator then gives its teams as groups), else the admin's token impersonating it.
 */
function headersOf(config: ClientConfig, subject: Subject, tokens: ReadonlyMap<string, string>): Record<string, string | string[]> {
  const own = tokens.get(subject.user);
  if (own) return { Authorization: `Bearer ${own}` };
  const headers: Record<string, string | string[]> = { Authorization: `Bearer ${config.token}` };
  if (subject.user) headers['Impersonate-User'] = subject.user;
  if (subject.groups.length) headers['Impersonate-Group'] = subject.groups;
  return headers;
}

/** No impersonation: the admin's own requests. */
const asAdmin: Subject = { user: '', groups: [] };

export class MatrixProbe {
  private readonly agent: https.Agent;
  private readonly server: URL;

  constructor(
    private readonly config: ClientConfig,
    private readonly tokens: ReadonlyMap<string, string> = new Map(),
  ) {
    this.agent = new https.Agent({ keepAlive: true, ca: config.caCert, maxSockets: 16 });
    this.server = new URL(config.server);
  }

  /** One REST call as the subject; a watch (`watch=1` in the path) is answered by its status line alone. */
  request(subject: Subject, method: string, path: string, body?: unknown): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const headers: Record<string, string | string[] | number> = { ...headersOf(this.config, subject, this.tokens), Accept: 'application/json' };
      if (payload !== undefined) Object.assign(headers, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) });
      const req = https.request(new URL(path, this.server), { method, headers, agent: path.includes('watch=1') ? undefined : this.agent, ca: this.config.caCert }, (res) => {
        if (path.includes('watch=1') && res.statusCode === 200) {
          res.destroy();
          return resolve({ status: 200, text: '' });
        }
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  async rest(subject: Subject, method: string, path: string, body?: unknown): Promise<Outcome> {
    const { status, text } = await this.request(subject, method, path, body);
    return outcomeOf(status, text);
  }

  /** `kubectl exec` as the subject: a pods/exec WebSocket (v5.channel.k8s.io); allowed once upgraded. */
  exec(subject: Subject, namespace: string, pod: string): Promise<Outcome> {
    const url = `wss://${this.server.host}/api/v1/namespaces/${namespace}/pods/${pod}/exec?command=true&stdout=true&stderr=true`;
    return new Promise((resolve) => {
      const socket = new WebSocket(url, ['v5.channel.k8s.io'], { headers: headersOf(this.config, subject, this.tokens) as Record<string, string>, ca: this.config.caCert });
      socket.on('open', () => {
        socket.terminate();
        resolve('allowed');
      });
      socket.on('unexpected-response', (_req, res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve(outcomeOf(res.statusCode ?? 0, text)));
      });
      socket.on('error', (error) => resolve(`error 0: ${error.message}`));
    });
  }

  /** POST /graphql with exactly these headers (beyond Content-Type), for what the subject probes do not cover. */
  rawGraphql(headers: Record<string, string>, query: string): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const payload = JSON.stringify({ query });
      const req = https.request(new URL('/graphql', this.server), { method: 'POST', agent: this.agent, headers: { ...headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** A GraphQL query as the subject. */
  async graphql(subject: Subject, query: string): Promise<GraphqlAnswer> {
    const { status, text } = await this.request(subject, 'POST', '/graphql', { query });
    return { status, body: JSON.parse(text) };
  }

  /**
   * `subscription { … }` over graphql-ws as the subject: the upgrade carries the admin's token and the
   * Impersonate-* headers, as a client impersonating on a WebSocket does.
   */
  subscribe(subject: Subject, query: string, field: string): SubscriptionHandle {
    const ca = this.config.caCert;
    const headers = headersOf(this.config, subject, this.tokens) as Record<string, string>;
    class ImpersonatingWebSocket extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { ca, headers });
      }
    }
    const client: Client = createClient({ url: `wss://${this.server.host}/graphql`, webSocketImpl: ImpersonatingWebSocket, retryAttempts: 0, lazy: true });
    const handle: SubscriptionHandle = { deliveries: [], dispose: () => void client.dispose() };
    client.subscribe<Record<string, { namespace?: string; name?: string }[]>>(
      { query },
      {
        next: (result) => {
          if (result.errors?.length) handle.error ??= { code: result.errors[0].extensions?.code as string | undefined, message: result.errors[0].message };
          handle.deliveries.push(...(result.data?.[field] ?? []));
        },
        error: (error) => {
          const first = Array.isArray(error) ? error[0] : undefined;
          handle.error ??= { code: first?.extensions?.code as string | undefined, message: first?.message ?? String((error as Error)?.message ?? error) };
        },
        complete: () => undefined,
      },
    );
    return handle;
  }

  /** What the API's SubjectAccessReview answers (asked as the admin itself, about the subject). */
  async subjectAccessReview(subject: Subject, attributes: Record<string, string>): Promise<boolean> {
    const review = { apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec: { user: subject.user, groups: [...subject.groups, 'system:authenticated'], resourceAttributes: attributes } };
    const { status, text } = await this.request(asAdmin, 'POST', '/apis/authorization.k8s.io/v1/subjectaccessreviews', review).catch(() => ({ status: 0, text: '' }));
    if (status !== 201) throw new Error(`SubjectAccessReview answered ${status}: ${text}`);
    return JSON.parse(text).status.allowed === true;
  }

  close(): void {
    this.agent.destroy();
  }
}

/** 403 is a denial; any other answer below 500 passed authorization (a 404 or a 400 from the handler). */
function outcomeOf(status: number, text: string): Outcome {
  if (status === 403) return 'denied';
  if (status > 0 && status < 500 && status !== 401) return 'allowed';
  return `error ${status}: ${text.slice(0, 200)}`;
}
