import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import WebSocket from 'ws';
import { resources } from '@drydock/client';
import { eventually, useDrydock } from '../support/use-drydock';

/**
 * The dashboard's own server against a real Drydock: sign-in, the sealed session cookie, and
 * /graphql (HTTP and graphql-ws) forwarded to the API server only for a signed-in user.
 */
const drydock = useDrydock({ name: 'dashboard-server', dashboard: true });

function adminToken(): string {
  const kubeconfig = parse(readFileSync(drydock().kubeconfigPath, 'utf8')) as { users: { user: { token: string } }[] };
  return kubeconfig.users[0].user.token;
}

function url(path: string): string {
  return `${drydock().dashboardUrl}${path}`;
}

async function signIn(token: string): Promise<Response> {
  return fetch(url('/auth/login'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
}

async function sessionCookie(): Promise<string> {
  const res = await signIn(adminToken());
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0];
}

function openSocket(headers: Record<string, string>): Promise<{ socket?: WebSocket; status?: number }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url('/graphql').replace(/^http/, 'ws'), 'graphql-transport-ws', { headers });
    socket.on('open', () => resolve({ socket }));
    socket.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode }));
    socket.on('error', () => resolve({}));
  });
}

describe('dashboard server', () => {
  it('sends a visitor without a session to the sign-in page', async () => {
    const res = await fetch(url('/workloads?kind=Deployment'), { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/login?next=%2Fworkloads%3Fkind%3DDeployment');
    const login = await fetch(url('/login'));
    expect(login.status).toBe(200);
    expect(await login.text()).toContain('<title>Drydock</title>');
  });

  it('refuses a wrong token and malformed sign-in bodies', async () => {
    const wrong = await signIn('not-the-token');
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    expect(((await wrong.json()) as { message: string }).message).toBe('The API server did not accept this token.');
    const malformed = await fetch(url('/auth/login'), { method: 'POST', body: '{not json' });
    expect(malformed.status).toBe(400);
    const link = await fetch(url('/login?token=nope'), { redirect: 'manual' });
    expect(link.headers.get('location')).toBe('/login?error=token');
  });

  it('signs in with the admin token into an httpOnly cookie that does not carry the token', async () => {
    const res = await signIn(adminToken());
    expect(await res.json()).toEqual(expect.objectContaining({ username: 'drydock-admin' }));
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^drydock_session=[^;]+; Path=\/; HttpOnly; SameSite=Strict/);
    expect(cookie).not.toContain(adminToken());
    const page = await fetch(url('/'), { headers: { cookie: cookie.split(';')[0] }, redirect: 'manual' });
    expect(page.status).toBe(200);
    const link = await fetch(url(`/login?token=${encodeURIComponent(adminToken())}`), { redirect: 'manual' });
    expect(link.status).toBe(302);
    expect(link.headers.get('location')).toBe('/');
    expect(link.headers.get('set-cookie')).toMatch(/^drydock_session=/);
  });

  it('forwards GraphQL for a signed-in user only, as that user', async () => {
    const query = JSON.stringify({ query: '{ me { name groups } }' });
    const anonymous = await fetch(url('/graphql'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: query });
    expect(anonymous.status).toBe(401);
    const forged = await fetch(url('/graphql'), { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken()}`, cookie: 'drydock_session=forged' }, body: query });
    expect(forged.status).toBe(401);
    const signedIn = await fetch(url('/graphql'), { method: 'POST', headers: { 'content-type': 'application/json', cookie: await sessionCookie() }, body: query });
    expect(signedIn.status).toBe(200);
    expect(((await signedIn.json()) as { data: unknown }).data).toEqual({ me: { name: 'drydock-admin', groups: expect.arrayContaining(['system:masters']) } });
  });

  it('forwards graphql-ws subscriptions for a signed-in user and refuses anyone else', async () => {
    expect((await openSocket({})).status).toBe(401);
    const { socket } = await openSocket({ cookie: await sessionCookie() });
    expect(socket).toBeDefined();
    const messages: { type: string; payload?: { data?: { objectChanges?: { kind: string; name: string }[] } } }[] = [];
    socket!.on('message', (data) => messages.push(JSON.parse(data.toString())));
    socket!.send(JSON.stringify({ type: 'connection_init', payload: {} }));
    await waitFor(() => messages.some((m) => m.type === 'connection_ack'));
    socket!.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { objectChanges(kinds: ["ConfigMap"], namespace: "default") { type kind name } }' } }));
    const client = drydock().client();
    // The subscription starts its watch asynchronously: keep creating until one change arrives.
    for (let i = 0; !messages.some((m) => m.type === 'next'); i++) {
      if (i > 50) throw new Error(`no subscription data; got ${JSON.stringify(messages)}`);
      await client.create(resources.configmaps, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `via-dashboard-${i}`, namespace: 'default' } });
      await new Promise((r) => setTimeout(r, 300));
    }
    const changes = messages.filter((m) => m.type === 'next').flatMap((m) => m.payload?.data?.objectChanges ?? []);
    expect(changes[0]).toEqual(expect.objectContaining({ kind: 'ConfigMap', name: expect.stringMatching(/^via-dashboard-/) }));
    socket!.close();
  });

  it('a sign-in link sets a password; name and password then sign in; sign-out ends that session on the API server', async () => {
    const client = drydock().client();
    await client.create(resources.users, '', { apiVersion: 'drydock.dev/v1', kind: 'User', metadata: { name: 'carol' } });
    const link = (await client.createSubresource(resources.users, '', 'carol', 'signinlink', {})) as { status: { path: string } };
    expect(link.status.path).toMatch(/^\/login\?link=drydock_l_/);
    const secret = new URLSearchParams(link.status.path.split('?')[1]).get('link');
    const post = (path: string, body: unknown, cookie = '') => fetch(url(path), { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });
    const set = await post('/auth/password', { link: secret, password: 'carol-password-1' });
    expect([set.status, await set.json()]).toEqual([200, { username: 'carol' }]);
    expect((await post('/auth/password', { link: secret, password: 'carol-password-2' })).status).toBe(401);
    expect((await post('/auth/signin', { user: 'carol', password: 'wrong-password' })).status).toBe(401);
    const signedIn = await post('/auth/signin', { user: 'carol', password: 'carol-password-1' });
    expect(signedIn.status).toBe(200);
    const cookie = signedIn.headers.get('set-cookie')!.split(';')[0];
    const me = async () => (await fetch(url('/graphql'), { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ query: '{ me { name } }' }) })).status;
    expect(await me()).toBe(200);
    await post('/auth/logout', {}, cookie);
    // GraphQL keeps a caller's review for a second.
    await eventually('the closed session is refused', async () => (await me()) === 401, 10_000);
  });

  it('signs out by clearing the cookie', async () => {
    const res = await fetch(url('/auth/logout'), { method: 'POST', headers: { cookie: await sessionCookie() } });
    expect(res.headers.get('set-cookie')).toMatch(/^drydock_session=; .*Max-Age=0/);
  });
});

async function waitFor(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
