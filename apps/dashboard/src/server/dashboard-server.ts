import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { request } from 'node:https';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import WebSocket, { WebSocketServer } from 'ws';
import { type ApiUpstream, REACHABLE_NAMESPACES_HEADER } from './api-upstream';
import { readCookie, sessionCookie, SessionSealer } from './session';

export interface DashboardServerOptions {
  host: string;
  port: number;
  upstream: ApiUpstream;
  sealer: SessionSealer;
  /** Next.js's request handler for the pages and their assets. */
  pages: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  logger: Logger;
}

/** Paths served without a session: the sign-in page and what it needs to render. */
function isPublic(path: string): boolean {
  return path === '/login' || path.startsWith('/_next/') || path === '/favicon.ico' || path.startsWith('/auth/');
}

const maxLoginBody = 64 * 1024;

/** The exec subresource of a pod (in the default cluster, or a sandbox's under `/clusters/<name>`), the only API path the browser opens a WebSocket to directly. */
const POD_EXEC = /^(\/clusters\/[a-z0-9]([-a-z0-9]*[a-z0-9])?)?\/api\/v1\/namespaces\/[^/]+\/pods\/[^/]+\/exec$/;
/** GraphQL of the default cluster, and of a sandbox cluster (the API server serves both). */
const GRAPHQL_PATH = /^(\/clusters\/[a-z0-9]([-a-z0-9]*[a-z0-9])?)?\/graphql$/;
const isGraphqlPath = (path: string) => GRAPHQL_PATH.test(path);

/**
 * The dashboard's own HTTP server: sign-in and sign-out, `/graphql` (HTTP and graphql-ws) forwarded
 * to the API server with the signed-in user's token, and every other path rendered by Next.js.
 * It never reads objects itself: authorization stays in the API server.
 */
export class DashboardServer {
  private readonly server: Server;
  private readonly sockets = new WebSocketServer({ noServer: true });

  constructor(private readonly options: DashboardServerOptions) {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(req, socket, head));
  }

  listen(): Promise<string> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port, this.options.host, () => resolve(`http://${this.options.host}:${this.options.port}`));
    });
  }

  close(): Promise<void> {
    for (const client of this.sockets.clients) client.terminate();
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private token(req: IncomingMessage): string | undefined {
    return this.options.sealer.open(readCookie(req.headers.cookie, sessionCookie));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://dashboard.local');
    try {
      if (url.pathname === '/auth/login' && req.method === 'POST') return await this.login(req, res);
      if (url.pathname === '/auth/signin' && req.method === 'POST') return await this.signIn(req, res, '/drydock/v1/signin');
      if (url.pathname === '/auth/password' && req.method === 'POST') return await this.signIn(req, res, '/drydock/v1/password');
      if (url.pathname === '/auth/logout' && req.method === 'POST') return await this.logout(req, res);
      if (url.pathname === '/login' && url.searchParams.has('token')) return await this.loginFromLink(res, url);
      if (isGraphqlPath(url.pathname)) return this.forwardGraphQL(req, res, url.pathname);
      if (!isPublic(url.pathname) && !this.token(req)) {
        res.writeHead(302, { location: `/login?next=${encodeURIComponent(url.pathname + url.search)}` }).end();
        return;
      }
      await this.options.pages(req, res);
    } catch (error) {
      this.options.logger.error({ err: error, path: url.pathname }, 'dashboard request failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('internal error');
    }
  }

  /** POST /auth/login with `{"token": "..."}`: checked by the API server, then sealed into the session cookie. */
  private async login(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJsonBody(req);
    if (!body) return sendJson(res, 400, { message: 'expected a JSON body {"token": "..."}' });
    const token = String(body.token ?? '').trim();
    if (!token) return sendJson(res, 400, { message: 'enter the token' });
    const user = await this.options.upstream.whoami(token);
    if (!user) return sendJson(res, 401, { message: 'The API server did not accept this token.' });
    res.setHeader('set-cookie', this.cookie(this.options.sealer.seal(token)));
    sendJson(res, 200, user);
  }

  /** GET /login?token=... (the link `npm start` prints): sign in and go to the overview. */
  private async loginFromLink(res: ServerResponse, url: URL): Promise<void> {
    const token = url.searchParams.get('token') ?? '';
    const user = await this.options.upstream.whoami(token);
    if (!user) {
      res.writeHead(302, { location: '/login?error=token' }).end();
      return;
    }
    res.writeHead(302, { location: '/', 'set-cookie': this.cookie(this.options.sealer.seal(token)) }).end();
  }

  /**
   * POST /auth/signin `{"user", "password"}` or /auth/password `{"link", "password"}`: passed to the API
   * server's sign-in endpoint; the dashboard session it opens is sealed into the cookie. Never logged.
   */
  private async signIn(req: IncomingMessage, res: ServerResponse, upstreamPath: string): Promise<void> {
    const body = await readJsonBody(req);
    if (!body) return sendJson(res, 400, { message: 'expected a JSON body' });
    const answer = await this.options.upstream.postJson(upstreamPath, body);
    const token = typeof answer.body.token === 'string' ? answer.body.token : '';
    if (answer.status !== 201 || !token) return sendJson(res, answer.status === 201 ? 502 : answer.status, { message: String(answer.body.message ?? `sign-in failed (${answer.status})`) });
    res.setHeader('set-cookie', this.cookie(this.options.sealer.seal(token)));
    sendJson(res, 200, { username: answer.body.user });
  }

  /** Ends a name-and-password session on the API server too (an admin token is left as it is), then drops the cookie. */
  private async logout(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const token = this.token(req);
    if (token) await this.options.upstream.postJson('/drydock/v1/signout', {}, token);
    res.setHeader('set-cookie', `${sessionCookie}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`);
    sendJson(res, 200, { ok: true });
  }

  private cookie(value: string): string {
    return `${sessionCookie}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${30 * 24 * 3600}`;
  }

  /** POST /graphql (or a sandbox's /clusters/<name>/graphql) → the same path on the API server, streamed both ways, as the signed-in user. */
  private forwardGraphQL(req: IncomingMessage, res: ServerResponse, path: string): void {
    const token = this.token(req);
    if (!token) return sendJson(res, 401, { errors: [{ message: 'Unauthorized: sign in first', extensions: { code: 'Unauthorized', status: 401 } }] });
    const { upstream } = this.options;
    const proxied = request(`${upstream.url}${path}`, { method: req.method, agent: upstream.agent, headers: upstream.forwardHeaders(req.headers, token) }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    proxied.on('error', (error) => {
      this.options.logger.warn({ err: error }, 'API server unreachable');
      if (!res.headersSent) sendJson(res, 502, { errors: [{ message: `The API server at ${upstream.url} is not reachable`, extensions: { code: 'ServiceUnavailable', status: 502 } }] });
      else res.destroy();
    });
    req.pipe(proxied);
  }

  /**
   * graphql-ws on /graphql, and a pod's exec (the terminal tab: `[/clusters/<name>]/api/v1/namespaces/<ns>/pods/<pod>/exec`,
   * the channel protocol as kubectl speaks it): one upstream WebSocket per browser socket, carrying the
   * user's token, so the API server authorizes `create pods/exec` as for kubectl.
   */
  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://dashboard.local');
    const token = this.token(req);
    const exec = POD_EXEC.test(url.pathname);
    if ((!isGraphqlPath(url.pathname) && !exec) || !token) {
      socket.end(`HTTP/1.1 ${token ? '404 Not Found' : '401 Unauthorized'}\r\nConnection: close\r\n\r\n`);
      return;
    }
    const { upstream } = this.options;
    const protocol = req.headers['sec-websocket-protocol'] ?? 'graphql-transport-ws';
    const target = exec ? `${url.pathname}${url.search}` : url.pathname;
    const remote = new WebSocket(`${upstream.url.replace(/^https/, 'wss')}${target}`, protocol.split(',').map((p) => p.trim()), { ca: upstream.ca, headers: { authorization: `Bearer ${token}`, [REACHABLE_NAMESPACES_HEADER]: 'reachable' } });
    this.sockets.handleUpgrade(req, socket, head, (browser) => {
      const pending: Array<{ data: WebSocket.RawData; binary: boolean }> = [];
      browser.on('message', (data, isBinary) => (remote.readyState === WebSocket.OPEN ? remote.send(data, { binary: isBinary }) : pending.push({ data, binary: isBinary })));
      remote.on('open', () => pending.splice(0).forEach(({ data, binary }) => remote.send(binary ? data : data.toString(), { binary })));
      remote.on('message', (data, isBinary) => browser.readyState === WebSocket.OPEN && browser.send(data, { binary: isBinary }));
      const closeCode = (code: number) => (code >= 1000 && code < 5000 && code !== 1005 && code !== 1006 ? code : 1011);
      remote.on('close', (code, reason) => browser.readyState <= WebSocket.OPEN && browser.close(closeCode(code), reason));
      browser.on('close', () => remote.readyState <= WebSocket.OPEN && remote.terminate());
      remote.on('error', () => browser.readyState <= WebSocket.OPEN && browser.close(1011, 'API server unreachable'));
    });
  }
}

/** The request's JSON object body, or undefined when it is not one (or is larger than a sign-in needs). */
async function readJsonBody(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > maxLoginBody) return undefined;
  }
  try {
    const value = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function sendJson(res: ServerResponse, code: number, body: unknown): void {
  res.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
