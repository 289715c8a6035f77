import type { KubeObject } from '@drydock/util';
import { desiredTeamObjects, TeamObject } from './team-objects';
import { planTeamObjects } from './team-plan';
import { testTeam } from './team-test-fixtures';

const blue = testTeam('blue', { members: [{ user: 'alice', role: 'edit' }, { user: 'carol', role: 'edit' }, { user: 'bob', role: 'admin' }], namespaces: ['blue'], quota: { pods: '50' } });
const ownerRef = { apiVersion: 'drydock.dev/v1', kind: 'Team', name: 'blue', uid: 'uid-team-blue', controller: true, blockOwnerDeletion: true };
const stored = ({ resource, object }: TeamObject): TeamObject => ({ resource, object: { ...structuredClone(object), metadata: { ...object.metadata, uid: `uid-${object.metadata.name}`, resourceVersion: '7' } } });
const cacheOf = (objects: TeamObject[]) => (resource: string, namespace: string, name: string) =>
  objects.find((o) => o.resource === resource && o.object.metadata.namespace === namespace && o.object.metadata.name === name)?.object;
const summary = (writes: { verb: string; object: KubeObject }[]) => writes.map((w) => `${w.verb} ${w.object.kind} ${w.object.metadata.namespace}/${w.object.metadata.name}`);

describe('the objects a team keeps in each namespace', () => {
  it('binds each role that has members to its ClusterRole, members as User subjects, plus the quota; all controlled by the Team', () => {
    const desired = desiredTeamObjects(blue, 'blue');
    expect(desired.map((d) => `${d.resource} ${d.object.metadata.name}`)).toEqual(['rolebindings team-blue-admin', 'rolebindings team-blue-edit', 'resourcequotas team-quota']);
    expect(desired[1].object).toEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'team-blue-edit', namespace: 'blue', labels: { 'drydock.dev/team': 'blue' }, ownerReferences: [ownerRef] },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' },
      subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'alice' }, { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'carol' }],
    });
    expect(desired[2].object.spec).toEqual({ hard: { pods: '50' } });
  });

  it('keeps a LimitRange of the spec\'s items only when there are some', () => {
    const limited = testTeam('blue', { limitRanges: [{ type: 'Container', max: { cpu: '1' } }] });
    expect(desiredTeamObjects(limited, 'blue').map((d) => [d.object.kind, d.object.metadata.name, d.object.spec])).toEqual([['LimitRange', 'team-limits', { limits: [{ type: 'Container', max: { cpu: '1' } }] }]]);
  });
});

describe('planTeamObjects', () => {
  it('creates what is missing and writes nothing once everything is in step', () => {
    const desired = desiredTeamObjects(blue, 'blue');
    expect(summary(planTeamObjects(blue, desired, () => undefined, []).writes)).toEqual(['create RoleBinding blue/team-blue-admin', 'create RoleBinding blue/team-blue-edit', 'create ResourceQuota blue/team-quota']);
    const cache = desired.map(stored);
    expect(planTeamObjects(blue, desired, cacheOf(cache), cache)).toEqual({ writes: [], conflicts: [] });
  });

  it('updates drifted subjects and quota, keeping other owners and labels; deletes a role left without members', () => {
    const cache = desiredTeamObjects(blue, 'blue').map(stored);
    cache[1].object.subjects = [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'mallory' }];
    cache[1].object.metadata.labels = { 'drydock.dev/team': 'blue', extra: 'kept' };
    const changed = testTeam('blue', { members: [{ user: 'alice', role: 'edit' }, { user: 'carol', role: 'edit' }], namespaces: ['blue'], quota: { pods: '10' } });
    const plan = planTeamObjects(changed, desiredTeamObjects(changed, 'blue'), cacheOf(cache), cache);
    expect(summary(plan.writes)).toEqual(['update RoleBinding blue/team-blue-edit', 'update ResourceQuota blue/team-quota', 'delete RoleBinding blue/team-blue-admin']);
    expect(plan.writes[0].object.metadata).toMatchObject({ resourceVersion: '7', labels: { 'drydock.dev/team': 'blue', extra: 'kept' } });
    expect(plan.writes[0].object.subjects).toEqual(desiredTeamObjects(changed, 'blue')[0].object.subjects);
    expect(plan.writes[1].object.spec).toEqual({ hard: { pods: '10' } });
  });

  it('recreates a binding whose roleRef changed (roleRef is immutable) and deletes objects of a dropped namespace', () => {
    const cache = desiredTeamObjects(blue, 'blue').map(stored);
    cache[0].object.roleRef = { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' };
    const elsewhere = desiredTeamObjects(blue, 'old').map(stored);
    const plan = planTeamObjects(blue, desiredTeamObjects(blue, 'blue'), cacheOf(cache), [...cache, ...elsewhere]);
    expect(summary(plan.writes)).toEqual([
      'delete RoleBinding blue/team-blue-admin', 'create RoleBinding blue/team-blue-admin',
      'delete RoleBinding old/team-blue-admin', 'delete RoleBinding old/team-blue-edit', 'delete ResourceQuota old/team-quota',
    ]);
  });

  it('adopts an object of the right name nobody controls, and leaves one another controller owns', () => {
    const handMade = { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'team-quota', namespace: 'blue', uid: 'q', resourceVersion: '3' }, spec: { hard: { pods: '50' } } };
    const plan = planTeamObjects(blue, desiredTeamObjects(blue, 'blue').slice(2), () => handMade, []);
    expect(plan.writes.map((w) => [w.verb, w.object.metadata.ownerReferences, w.object.metadata.labels])).toEqual([['update', [ownerRef], { 'drydock.dev/team': 'blue' }]]);
    const foreign = { ...handMade, metadata: { ...handMade.metadata, ownerReferences: [{ apiVersion: 'v1', kind: 'Thing', name: 'x', uid: 'other', controller: true }] } };
    expect(planTeamObjects(blue, desiredTeamObjects(blue, 'blue').slice(2), () => foreign, [])).toEqual({ writes: [], conflicts: ['blue/team-quota'] });
  });
});
