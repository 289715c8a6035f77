import { Agent, request } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * Asks GraphQL to answer an all-namespaces list or subscription the user may not make with the
 * namespaces they can reach (the same header as @drydock/graphql's; without it the answer is
 * upstream's Forbidden, as for any other client).
 */
export const REACHABLE_NAMESPACES_HEADER = 'x-drydock-namespaces';

/** The API server the dashboard forwards GraphQL to, with the CA that signed its certificate. */
export class ApiUpstream {
  readonly agent: Agent;

  constructor(
    readonly url: string,
    readonly ca: string,
  ) {
    this.agent = new Agent({ ca, keepAlive: true, maxSockets: 64 });
  }

  /** Who a token belongs to (a SelfSubjectReview), or undefined when the API server refuses it. */
  whoami(token: string): Promise<{ username: string; groups: string[] } | undefined> {
    const body = JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' });
    return new Promise((resolve) => {
      const req = request(`${this.url}/apis/authentication.k8s.io/v1/selfsubjectreviews`, { method: 'POST', agent: this.agent, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, timeout: 10_000 }, (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => {
          if (res.statusCode !== 201 && res.statusCode !== 200) return resolve(undefined);
          try {
            const info = JSON.parse(text).status?.userInfo ?? {};
            resolve({ username: info.username ?? '', groups: info.groups ?? [] });
          } catch {
            resolve(undefined);
          }
        });
      });
      req.on('error', () => resolve(undefined));
      req.on('timeout', () => req.destroy());
      req.end(body);
    });
  }

  /**
   * POSTs a JSON body to one of the API server's sign-in endpoints (`/drydock/v1/...`), with `token`
   * as bearer when given; the status and parsed answer (`{}` when it is not JSON), status 502 when unreachable.
   */
  postJson(path: string, body: unknown, token?: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) };
    return new Promise((resolve) => {
      const req = request(`${this.url}${path}`, { method: 'POST', agent: this.agent, headers, timeout: 10_000 }, (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => {
          let parsed: Record<string, unknown> = {};
          try {
            parsed = JSON.parse(text);
          } catch {
            // not JSON: the status says enough
          }
          resolve({ status: res.statusCode ?? 502, body: parsed });
        });
      });
      req.on('error', () => resolve({ status: 502, body: { message: `The API server at ${this.url} is not reachable` } }));
      req.on('timeout', () => req.destroy());
      req.end(JSON.stringify(body));
    });
  }

  /**
   * Headers to forward: the request's own, minus cookies and hop-by-hop ones, plus the user's token and
   * the dashboard's "all namespaces means all of mine" (REACHABLE_NAMESPACES_HEADER).
   */
  forwardHeaders(headers: IncomingHttpHeaders, token: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined || ['cookie', 'host', 'connection', 'authorization', 'upgrade', 'keep-alive', 'transfer-encoding'].includes(name) || name.startsWith('sec-websocket')) continue;
      out[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    out.authorization = `Bearer ${token}`;
    out[REACHABLE_NAMESPACES_HEADER] = 'reachable';
    return out;
  }
}
