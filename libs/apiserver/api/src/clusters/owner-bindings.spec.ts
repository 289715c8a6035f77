import { ownerBindings } from './owner-bindings';

const cluster = (owner: Record<string, string>) => ({ apiVersion: 'drydock.dev/v1', kind: 'Cluster', metadata: { name: 'lab' }, spec: { owner } });
const subjectsOf = (bindings: ReturnType<typeof ownerBindings>) =>
  Object.fromEntries(bindings.map((b) => [(b.roleRef as { name: string }).name, (b.subjects as { name: string }[]).map((s) => s.name)]));

describe('ownerBindings', () => {
  it("binds a team's admins to cluster-admin, its editors to edit and its viewers to view", () => {
    const team = { apiVersion: 'drydock.dev/v1', kind: 'Team', metadata: { name: 'blue' }, spec: { members: [{ user: 'carol', role: 'view' }, { user: 'alice', role: 'admin' }, { user: 'bob', role: 'edit' }] } };
    expect(subjectsOf(ownerBindings(cluster({ team: 'blue' }), team))).toEqual({ 'cluster-admin': ['alice'], edit: ['bob'], view: ['carol'] });
  });

  it('makes a user owner cluster-admin and binds no one else', () => {
    expect(subjectsOf(ownerBindings(cluster({ user: 'dave' }), undefined))).toEqual({ 'cluster-admin': ['dave'], edit: [], view: [] });
  });

  it('binds no one while the owner team does not exist', () => {
    expect(subjectsOf(ownerBindings(cluster({ team: 'blue' }), undefined))).toEqual({ 'cluster-admin': [], edit: [], view: [] });
  });
});
