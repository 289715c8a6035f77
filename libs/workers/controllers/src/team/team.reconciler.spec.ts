import { resources } from '@drydock/client';
import type { KubeObject } from '@drydock/util';
import { fakeContext, settle } from '../util/network-test-fixtures';
import { TeamMembershipReconciler } from './team-membership.reconciler';
import { TeamReconciler } from './team.reconciler';
import type { Team, User } from './team.types';

const team = (spec: Team['spec']): Team => ({ apiVersion: 'drydock.dev/v1', kind: 'Team', metadata: { name: 'blue' }, spec });

async function setUp(objects: { teams?: Team[]; users?: string[]; namespaces?: KubeObject[] } = {}) {
  const { client, informers, ctx, events } = fakeContext();
  for (const namespace of objects.namespaces ?? []) await client.create(resources.namespaces, '', namespace);
  for (const name of objects.users ?? []) await client.create(resources.users, '', { apiVersion: 'drydock.dev/v1', kind: 'User', metadata: { name }, spec: {} });
  for (const object of objects.teams ?? []) await client.create(resources.teams, '', object);
  const reconciler = new TeamReconciler(ctx);
  const membership = new TeamMembershipReconciler(ctx);
  informers.start();
  await informers.waitForCacheSync(5000);
  const names = async (ref: typeof resources.rolebindings, namespace: string) => (await client.list(ref, { namespace })).items.map((o) => o.metadata.name);
  return { client, informers, reconciler, membership, events, names };
}

describe('TeamReconciler', () => {
  it('creates the namespace labelled for the team, a RoleBinding per role, the quota and limits; the team is Ready', async () => {
    const { client, informers, reconciler, events, names } = await setUp({
      teams: [team({ members: [{ user: 'alice', role: 'edit' }, { user: 'bob', role: 'view' }], namespaces: ['blue'], quota: { pods: '50' }, limitRanges: [{ type: 'Container', max: { cpu: '1' } }] })],
    });
    await reconciler.sync('blue');
    expect((await client.get(resources.namespaces, '', 'blue'))?.metadata.labels).toEqual({ 'drydock.dev/team': 'blue' });
    expect(await names(resources.rolebindings, 'blue')).toEqual(['team-blue-edit', 'team-blue-view']);
    expect(await names(resources.resourcequotas, 'blue')).toEqual(['team-quota']);
    expect(await names(resources.limitranges, 'blue')).toEqual(['team-limits']);
    const stored = await client.get<Team>(resources.teams, '', 'blue');
    expect(stored?.status?.conditions?.[0]).toMatchObject({ type: 'Ready', status: 'True', reason: 'Synced', message: '2 members bound in 1 namespace' });
    expect(events).toEqual(expect.arrayContaining(['SuccessfulCreate Created namespace: blue', 'SuccessfulCreate Created RoleBinding: blue/team-blue-edit', 'SuccessfulCreate Created ResourceQuota: blue/team-quota']));
    await informers.stop();
  });

  it('is idempotent: a second sync on a caught-up cache writes nothing', async () => {
    const { client, informers, reconciler } = await setUp({ teams: [team({ members: [{ user: 'alice', role: 'edit' }], namespaces: ['blue'] })] });
    await reconciler.sync('blue');
    await settle();
    const writes = () => client.calls.filter((call) => /^(create|update|patch|delete) /.test(call)).length;
    const before = writes();
    await reconciler.sync('blue');
    expect(writes()).toBe(before);
    await informers.stop();
  });

  it('follows the spec: a member changing role moves bindings, a dropped namespace keeps existing but loses label and objects', async () => {
    const { client, informers, reconciler, names } = await setUp({ teams: [team({ members: [{ user: 'alice', role: 'edit' }], namespaces: ['blue', 'old'] })] });
    await reconciler.sync('blue');
    await settle();
    const stored = (await client.get<Team>(resources.teams, '', 'blue'))!;
    await client.update(resources.teams, { ...stored, spec: { members: [{ user: 'alice', role: 'admin' }], namespaces: ['blue'] } });
    await settle();
    await reconciler.sync('blue');
    expect(await names(resources.rolebindings, 'blue')).toEqual(['team-blue-admin']);
    expect(await names(resources.rolebindings, 'old')).toEqual([]);
    expect((await client.get(resources.namespaces, '', 'old'))?.metadata.labels ?? {}).toEqual({});
    await informers.stop();
  });

  it('leaves a namespace labelled for another team alone and says so in its status', async () => {
    const { client, informers, reconciler, events, names } = await setUp({
      namespaces: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'green', labels: { 'drydock.dev/team': 'green' } } }],
      teams: [team({ members: [{ user: 'alice', role: 'edit' }], namespaces: ['green'] })],
    });
    await reconciler.sync('blue');
    expect(await names(resources.rolebindings, 'green')).toEqual([]);
    expect((await client.get<Team>(resources.teams, '', 'blue'))?.status?.conditions?.[0]).toMatchObject({ status: 'False', reason: 'NamespaceOwnedByAnotherTeam' });
    expect(events).toContain('NamespaceOwnedByAnotherTeam namespace "green" belongs to team "green"');
    await informers.stop();
  });

  it('lets the namespaces of a deleted team go (the garbage collector takes the objects it controlled)', async () => {
    const { client, informers, reconciler } = await setUp({ teams: [team({ namespaces: ['blue'] })] });
    await reconciler.sync('blue');
    await client.delete(resources.teams, '', 'blue');
    await settle();
    await reconciler.sync('blue');
    expect(await client.get(resources.namespaces, '', 'blue')).not.toBeNull();
    expect((await client.get(resources.namespaces, '', 'blue'))?.metadata.labels ?? {}).toEqual({});
    await informers.stop();
  });
});

describe('TeamMembershipReconciler', () => {
  it('writes each user\'s teams with their roles into status.teams, and removes them when the team goes', async () => {
    const other: Team = { ...team({ members: [{ user: 'alice', role: 'view' }] }), metadata: { name: 'green' } };
    const { client, informers, membership } = await setUp({ users: ['alice'], teams: [team({ members: [{ user: 'alice', role: 'edit' }] }), other] });
    await membership.sync('alice');
    expect((await client.get<User>(resources.users, '', 'alice'))?.status?.teams).toEqual([{ team: 'blue', role: 'edit' }, { team: 'green', role: 'view' }]);
    await client.delete(resources.teams, '', 'blue');
    await client.delete(resources.teams, '', 'green');
    await settle();
    await membership.sync('alice');
    expect((await client.get<User>(resources.users, '', 'alice'))?.status?.teams).toBeUndefined();
    await membership.sync('nobody');
    await informers.stop();
  });
});
