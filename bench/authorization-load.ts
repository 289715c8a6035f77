/**
 * The authorization phase of `npm run bench:api`: many users and teams (each Team becomes RoleBindings
 * through the team controller), then gets of the same objects as the admin (system:masters, decided
 * before RBAC) and as a team member (decided by the RBAC authorizer over every binding), interleaved so
 * a loaded machine slows both alike.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BenchClient } from './bench-client';

const roles = ['admin', 'edit', 'view'] as const;
const userName = (i: number) => `user-${String(i).padStart(4, '0')}`;

async function inParallel(total: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < total) await task(next++);
  }));
}

async function created(client: BenchClient, path: string, body: unknown): Promise<void> {
  const res = await client.call('POST', path, body);
  if (res.status !== 201 && res.status !== 409) throw new Error(`POST ${path}: ${res.status} ${res.body.slice(0, 300)}`);
}

/** `users` Users and `teams` Teams of users/teams members each (roles admin, edit, view in turn), one namespace per team. */
export async function createTeams(client: BenchClient, users: number, teams: number): Promise<void> {
  await inParallel(users, 16, (i) => created(client, '/apis/drydock.dev/v1/users', { apiVersion: 'drydock.dev/v1', kind: 'User', metadata: { name: userName(i) }, spec: {} }));
  const size = Math.floor(users / teams);
  await inParallel(teams, 16, (t) => {
    const members = Array.from({ length: size }, (_, k) => ({ user: userName(t * size + k), role: roles[k % roles.length] }));
    return created(client, '/apis/drydock.dev/v1/teams', { apiVersion: 'drydock.dev/v1', kind: 'Team', metadata: { name: `team-${t}` }, spec: { members, namespaces: [`team-${t}`] } });
  });
}

/** Waits until every team's namespace holds its three RoleBindings (the team controller caught up). */
export async function waitForBindings(client: BenchClient, teams: number, timeoutMs = 600_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await client.call('GET', '/apis/rbac.authorization.k8s.io/v1/rolebindings');
    const bindings = (JSON.parse(res.body).items as { metadata: { namespace: string } }[]).filter((b) => b.metadata.namespace.startsWith('team-'));
    if (bindings.length >= teams * roles.length) return bindings.length;
    if (Date.now() > deadline) throw new Error(`only ${bindings.length} team RoleBindings after ${timeoutMs / 1000}s`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** A client with a fresh token of `user` (POST users/NAME/kubeconfig as the admin), as the user would get it. */
export async function userClient(admin: BenchClient, user: string, dir: string): Promise<BenchClient> {
  const res = await admin.call('POST', `/apis/drydock.dev/v1/users/${user}/kubeconfig?tokenName=bench`);
  if (res.status !== 201) throw new Error(`kubeconfig of ${user}: ${res.status} ${res.body}`);
  const file = join(dir, `${user}.kubeconfig`);
  writeFileSync(file, res.body, { mode: 0o600 });
  return new BenchClient(file);
}

/** The member of team-0 with `view` (the third member): get configmaps there, nothing more. */
export const benchUser = userName(2);

/** `n` gets of the same ten ConfigMaps, admin and member in turn; each side's latencies (ms). */
export async function interleavedGets(admin: BenchClient, member: BenchClient, namespace: string, n: number): Promise<{ admin: number[]; member: number[] }> {
  const result = { admin: [] as number[], member: [] as number[] };
  for (let i = 0; i < n; i++) {
    for (const [side, client] of [['admin', admin], ['member', member]] as const) {
      const started = performance.now();
      const res = await client.call('GET', `/api/v1/namespaces/${namespace}/configmaps/auth-${i % 10}`);
      if (res.status !== 200) throw new Error(`GET as ${side}: ${res.status} ${res.body.slice(0, 300)}`);
      result[side].push(performance.now() - started);
    }
  }
  return result;
}
