import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { parse } from 'yaml';
import { expectFailure, expectSuccess } from './harness/expectations';
import { useDrydock } from './harness/use-drydock';

const usersManifest = `apiVersion: drydock.dev/v1
kind: User
metadata: {name: alice}
spec: {displayName: Alice}
---
apiVersion: drydock.dev/v1
kind: User
metadata: {name: bob}
spec: {displayName: Bob}
`;

const secretValue = 'hunter2-e2e-secret-value';
const bobPassword = 'correct horse battery staple';

/** Polls `check` until it stops throwing (the audit table is written in batches, about once a second). */
async function eventually<T>(check: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

describe('users\' kubeconfigs and tokens (users/NAME/kubeconfig, users/NAME/tokens) with the real kubectl', () => {
  const drydock = useDrydock();
  const kubectl = (...args: string[]) => drydock().run(args);
  const file = (name: string, text: string) => {
    const target = path.join(drydock().workDir, name);
    fs.writeFileSync(target, text, { mode: 0o600 });
    return target;
  };
  const as = (kubeconfig: string, ...args: string[]) => drydock().run(['--kubeconfig', kubeconfig, ...args]);
  const kubeconfigPath = (user: string, tokenName: string) => `/apis/drydock.dev/v1/users/${user}/kubeconfig?tokenName=${tokenName}`;
  const issued: string[] = [];
  let alice = '';

  /** POST users/USER/kubeconfig with an empty body (as the README shows), as `kubeconfig` (default: the admin's); the kubeconfig's file. */
  async function fetchKubeconfig(user: string, tokenName: string, kubeconfig?: string): Promise<string> {
    const args = ['create', '--raw', kubeconfigPath(user, tokenName), '-f', '/dev/null'];
    const yaml = expectSuccess(kubeconfig ? await as(kubeconfig, ...args) : await kubectl(...args));
    const config = parse(yaml) as { users: { user: { token: string } }[] };
    issued.push(config.users[0].user.token);
    return file(`${user}-${tokenName}.kubeconfig`, yaml);
  }

  beforeAll(async () => {
    expectSuccess(await kubectl('apply', '-f', file('users.yaml', usersManifest)));
    alice = await fetchKubeconfig('alice', 'laptop');
  });

  it('a kubeconfig from the endpoint works with kubectl: auth whoami shows the user', async () => {
    const whoami = JSON.parse(expectSuccess(await as(alice, 'auth', 'whoami', '-o', 'json')));
    expect(whoami.status.userInfo.username).toBe('alice');
    expect(whoami.status.userInfo.groups).toContain('system:authenticated');
    const config = parse(fs.readFileSync(alice, 'utf8'));
    expect(config.clusters[0].cluster.server).toBe(`https://127.0.0.1:${drydock().port}`);
    expect(config.users[0].user.token).toMatch(/^drydock_u_/);
  });

  it('a user\'s teams (status.teams, kept by the team controller) are their groups', async () => {
    const team = 'apiVersion: drydock.dev/v1\nkind: Team\nmetadata: {name: blue}\nspec:\n  members:\n  - {user: alice, role: edit}\n  namespaces: [blue]\n';
    expectSuccess(await kubectl('apply', '-f', file('team.yaml', team)));
    await eventually(async () => {
      const groups = JSON.parse(expectSuccess(await as(alice, 'auth', 'whoami', '-o', 'json'))).status.userInfo.groups;
      expect(groups).toEqual(['blue', 'system:authenticated']);
    }, 90_000);
  });

  it('a user fetches another kubeconfig of their own, but not someone else\'s (403)', async () => {
    const second = await fetchKubeconfig('alice', 'desktop', alice);
    expect(JSON.parse(expectSuccess(await as(second, 'auth', 'whoami', '-o', 'json'))).status.userInfo.username).toBe('alice');
    const stderr = expectFailure(await as(alice, 'create', '--raw', kubeconfigPath('bob', 'stolen'), '-f', '/dev/null'));
    expect(stderr).toContain('Error from server (Forbidden)');
    expect(stderr).toContain('User "alice" cannot create resource "users/kubeconfig" in API group "drydock.dev" at the cluster scope');
  });

  it('lists a user\'s tokens by name, never their secrets', async () => {
    const list = JSON.parse(expectSuccess(await as(alice, 'get', '--raw', '/apis/drydock.dev/v1/users/alice/tokens')));
    expect(list.kind).toBe('UserTokenList');
    expect(list.items.map((item: { metadata: { name: string } }) => item.metadata.name)).toEqual(['desktop', 'laptop']);
    for (const token of issued) expect(JSON.stringify(list)).not.toContain(token.slice('drydock_u_'.length));
  });

  it('a revoked token is refused (401) on the very next request', async () => {
    const doomed = await fetchKubeconfig('alice', 'doomed');
    expectSuccess(await as(doomed, 'auth', 'whoami'));
    expectSuccess(await kubectl('delete', '--raw', '/apis/drydock.dev/v1/users/alice/tokens?tokenName=doomed'));
    const stderr = expectFailure(await as(doomed, 'get', 'namespaces'));
    expect(stderr).toContain('You must be logged in to the server (Unauthorized)');
    expectSuccess(await as(alice, 'auth', 'whoami'));
  });

  it('a sign-in link lets the user set a password once; name and password then open dashboard sessions until sign-out', async () => {
    const link = JSON.parse(expectSuccess(await kubectl('create', '--raw', '/apis/drydock.dev/v1/users/bob/signinlink', '-f', '/dev/null')));
    expect(link).toMatchObject({ apiVersion: 'drydock.dev/v1', kind: 'SignInLink', metadata: { name: 'bob' } });
    const secret = new URLSearchParams(link.status.path.split('?')[1]).get('link')!;
    issued.push(secret);
    const post = (path: string, body: unknown, token = '') => drydock().api.request('POST', path, { body, token });
    expect((await post('/drydock/v1/password', { link: secret, password: 'short' })).status).toBe(400);
    const first = await post('/drydock/v1/password', { link: secret, password: bobPassword });
    expect([first.status, first.json.user]).toEqual([201, 'bob']);
    expect((await post('/drydock/v1/password', { link: secret, password: bobPassword })).status).toBe(401);
    expect((await post('/drydock/v1/signin', { user: 'bob', password: 'wrong password' })).status).toBe(401);
    const signedIn = await post('/drydock/v1/signin', { user: 'bob', password: bobPassword });
    expect(signedIn.status).toBe(201);
    const session = String(signedIn.json.token);
    issued.push(session, String(first.json.token));
    expect(JSON.parse(expectSuccess(await kubectl('--token', session, 'auth', 'whoami', '-o', 'json'))).status.userInfo.username).toBe('bob');
    expect((await post('/drydock/v1/signout', {}, session)).status).toBe(200);
    expect(expectFailure(await kubectl('--token', session, 'get', 'namespaces'))).toContain('(Unauthorized)');
  });

  it('deleting a User ends its tokens: a new user of the same name does not inherit them', async () => {
    const user = 'apiVersion: drydock.dev/v1\nkind: User\nmetadata: {name: dave}\n';
    expectSuccess(await kubectl('apply', '-f', file('dave.yaml', user)));
    const dave = await fetchKubeconfig('dave', 'laptop');
    expectSuccess(await as(dave, 'auth', 'whoami'));
    expectSuccess(await kubectl('delete', 'user', 'dave'));
    expect(expectFailure(await as(dave, 'auth', 'whoami'))).toContain('(Unauthorized)');
    expectSuccess(await kubectl('apply', '-f', file('dave.yaml', user)));
    expect(expectFailure(await as(dave, 'auth', 'whoami'))).toContain('(Unauthorized)');
    await eventually(async () => {
      const list = JSON.parse(expectSuccess(await kubectl('get', '--raw', '/apis/drydock.dev/v1/users/dave/tokens')));
      expect(list.items).toEqual([]);
    });
  });

  it('a user cannot make a sign-in link, even for themself (RBAC: admins)', async () => {
    const stderr = expectFailure(await as(alice, 'create', '--raw', '/apis/drydock.dev/v1/users/alice/signinlink', '-f', '/dev/null'));
    expect(stderr).toContain('User "alice" cannot create resource "users/signinlink" in API group "drydock.dev" at the cluster scope');
  });

  it('secrets\' data, tokens and the kubeconfigs never reach the audit table, the auditevents served from it, or the logs', async () => {
    expectSuccess(await kubectl('create', 'secret', 'generic', 'db', `--from-literal=password=${secretValue}`));
    expectSuccess(await kubectl('get', 'secret', 'db', '-o', 'yaml'));
    const secrets = [secretValue, Buffer.from(secretValue).toString('base64'), bobPassword, ...issued.map((token) => token.slice('drydock_x_'.length))];
    const rows = await eventually(async () => {
      const found = await auditRows(drydock().dataDir);
      expect(found.some((row) => row.verb === 'create' && row.resource === 'secrets' && row.name === 'db' && row.user_name === 'drydock-admin')).toBe(true);
      expect(found.some((row) => row.subresource === 'kubeconfig' && row.code === 201 && row.name === 'alice')).toBe(true);
      return found;
    });
    // The read path too: every event as kubectl gets it from drydock.dev auditevents.
    const served = expectSuccess(await kubectl('get', 'auditevents', '-A', '-o', 'json'));
    expect(JSON.parse(served).items.some((event: { objectRef?: { subresource?: string } }) => event.objectRef?.subresource === 'kubeconfig')).toBe(true);
    const table = JSON.stringify(rows) + served;
    const logs = readLogs(path.join(drydock().dataDir, 'logs'));
    for (const secret of secrets) {
      expect(table).not.toContain(secret);
      expect(logs).not.toContain(secret);
    }
    expect(rows.some((row) => row.user_name === 'alice' && (row.groups as string[]).includes('system:authenticated'))).toBe(true);
  });
});

/** Every row of the audit table of the Drydock in `dataDir` (its embedded PostgreSQL, port from postmaster.pid). */
async function auditRows(dataDir: string): Promise<Record<string, unknown>[]> {
  const port = fs.readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[3].trim();
  const client = new Client({ connectionString: `postgresql://postgres:drydock@127.0.0.1:${port}/drydock` });
  await client.connect();
  try {
    return (await client.query('SELECT * FROM audit_events ORDER BY id')).rows;
  } finally {
    await client.end();
  }
}

function readLogs(dir: string): string {
  return fs.readdirSync(dir).map((name) => fs.readFileSync(path.join(dir, name), 'utf8')).join('\n');
}
