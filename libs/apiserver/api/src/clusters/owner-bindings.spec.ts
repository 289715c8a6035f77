import { ownerAccessObjects, ownerBindings } from './owner-bindings';

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

  it("gives the cluster's admins (not its editors or viewers) its lifecycle in the default cluster, controlled by the Cluster", () => {
    const team = { apiVersion: 'drydock.dev/v1', kind: 'Team', metadata: { name: 'blue' }, spec: { members: [{ user: 'carol', role: 'view' }, { user: 'alice', role: 'admin' }, { user: 'bob', role: 'edit' }] } };
    const lab = { ...cluster({ team: 'blue' }), metadata: { name: 'lab', uid: 'u-1' } };
    const [role, binding] = ownerAccessObjects(lab, team);
    expect(role.metadata.name).toBe('drydock:cluster-owner:lab');
    expect(role.rules).toContainEqual({ apiGroups: ['drydock.dev'], resources: ['clusters'], resourceNames: ['lab'], verbs: ['get', 'watch', 'delete', 'snapshot'] });
    expect(role.rules).toContainEqual({ apiGroups: ['drydock.dev'], resources: ['clusters/restore'], resourceNames: ['lab'], verbs: ['create'] });
    // Snapshots are created by collection, read through ClusterSnapshotAuthorizer: no list of everyone's.
    expect(role.rules).toContainEqual({ apiGroups: ['drydock.dev'], resources: ['clustersnapshots'], verbs: ['create'] });
    expect((role.rules as { resources: string[] }[]).filter((rule) => rule.resources.includes('clustersnapshots'))).toHaveLength(1);
    expect(binding.subjects).toEqual([{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'alice' }]);
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'drydock:cluster-owner:lab' });
    expect(binding.metadata.ownerReferences).toEqual([{ apiVersion: 'drydock.dev/v1', kind: 'Cluster', name: 'lab', uid: 'u-1', controller: true, blockOwnerDeletion: false }]);
  });
});
