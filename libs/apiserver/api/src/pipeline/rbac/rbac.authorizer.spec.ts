import type { KubeObject } from '@drydock/util';
import type { ChangeEvent, CollectionKey } from '@drydock/storage';
import type { WatchSource } from '../../watch/watch-source';
import { MastersAuthorizer, UnionAuthorizer, forbidden } from '../authorization';
import type { AuthorizationAttributes, PolicyRule } from './policy-rule';
import { RbacAuthorizer } from './rbac.authorizer';
import { RbacIndex, rbacResources } from './rbac-index';

/** A watch cache holding fixed objects, whose watches can be fed events by hand. */
function fakeSource(objects: Record<string, KubeObject[]>): WatchSource & { emit(resource: string, event: ChangeEvent): void } {
  const listeners = new Map<string, (events: ChangeEvent[]) => void>();
  return {
    revision: 1,
    waitForRevision: async () => true,
    listAt: () => undefined,
    snapshot: (filter: CollectionKey) => ({ items: objects[filter.resource] ?? [], revision: 1 }),
    watch: (filter, _from, listener) => {
      listeners.set(filter.resource, listener);
      return { close: () => listeners.delete(filter.resource) };
    },
    emit: (resource, event) => listeners.get(resource)?.([event]),
  };
}

const role = (namespace: string, name: string, ...rules: PolicyRule[]): KubeObject => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { namespace, name }, rules } as KubeObject);
const clusterRole = (name: string, ...rules: PolicyRule[]): KubeObject => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name }, rules } as KubeObject);
const binding = (namespace: string, name: string, roleKind: string, roleName: string, ...subjects: Record<string, string>[]): KubeObject =>
  ({ metadata: namespace ? { namespace, name } : { name }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: roleKind, name: roleName }, subjects } as KubeObject);

const resource = (verb: string, resourcePath: string, namespace = '', name = '', group = ''): AuthorizationAttributes => {
  const [res, subresource = ''] = resourcePath.split('/');
  return { cluster: 'default', verb, group, version: 'v1', namespace, resource: res, subresource, name };
};
const nonResource = (verb: string, path: string): AuthorizationAttributes => ({ ...resource(verb, ''), path });

const objects = {
  [rbacResources.roles]: [role('ns1', 'pod-reader', { verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] }), role('ns1', 'named', { verbs: ['update'], apiGroups: ['apps'], resources: ['deployments', '*/scale'], resourceNames: ['web'] })],
  [rbacResources.clusterRoles]: [
    clusterRole('logs', { verbs: ['get'], apiGroups: [''], resources: ['pods/log'] }),
    clusterRole('all', { verbs: ['*'], apiGroups: ['*'], resources: ['*'] }),
    clusterRole('urls', { verbs: ['get'], nonResourceURLs: ['/healthz', '/apis/*'] }),
  ],
  [rbacResources.roleBindings]: [
    binding('ns1', 'dev-reads', 'Role', 'pod-reader', { kind: 'ServiceAccount', name: 'dev' }),
    binding('ns1', 'alice-named', 'Role', 'named', { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'alice' }),
    binding('ns3', 'ns-admins', 'ClusterRole', 'all', { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'system:serviceaccounts:ns3' }),
    binding('ns2', 'dangling', 'Role', 'gone', { kind: 'User', name: 'bob' }),
  ],
  [rbacResources.clusterRoleBindings]: [
    binding('', 'logs-everywhere', 'ClusterRole', 'logs', { kind: 'User', name: 'alice' }),
    binding('', 'urls', 'ClusterRole', 'urls', { kind: 'Group', name: 'system:authenticated' }),
    binding('', 'sa-cluster', 'ClusterRole', 'logs', { kind: 'ServiceAccount', name: 'robot', namespace: 'ns3' }),
  ],
};

const dev = { name: 'system:serviceaccount:ns1:dev', groups: ['system:serviceaccounts', 'system:serviceaccounts:ns1', 'system:authenticated'] };
const devElsewhere = { name: 'system:serviceaccount:ns2:dev', groups: ['system:serviceaccounts', 'system:serviceaccounts:ns2', 'system:authenticated'] };
const alice = { name: 'alice', groups: ['system:authenticated'] };
const robot = { name: 'system:serviceaccount:ns3:robot', groups: ['system:serviceaccounts', 'system:serviceaccounts:ns3'] };

describe('RbacAuthorizer (upstream rbac.go and evaluation_helpers.go)', () => {
  const authorizer = new RbacAuthorizer(new RbacIndex(fakeSource(objects)));

  it.each([
    ['a RoleBinding grants its Role in its namespace', alice, resource('update', 'deployments', 'ns1', 'web', 'apps'), true],
    ['resourceNames restrict to the named object', alice, resource('update', 'deployments', 'ns1', 'db', 'apps'), false],
    ['resourceNames do not match a list (no name)', alice, resource('update', 'deployments', 'ns1', '', 'apps'), false],
    ['*/subresource matches any resource with that subresource', alice, resource('update', 'deployments/scale', 'ns1', 'web', 'apps'), true],
    ['*/subresource does not match the resource itself', alice, resource('update', 'replicasets', 'ns1', 'web', 'apps'), false],
    ['the apiGroup must match', alice, resource('update', 'deployments', 'ns1', 'web', 'extensions'), false],
    ['a RoleBinding grants nothing in another namespace', alice, resource('update', 'deployments', 'ns2', 'web', 'apps'), false],
    ['resource/subresource is its own resource', alice, resource('get', 'pods/log', 'ns9', 'p'), true],
    ['a subresource rule does not grant the resource', alice, resource('get', 'pods', 'ns9', 'p'), false],
    ['a ServiceAccount subject without namespace is the binding namespace', dev, resource('list', 'pods', 'ns1'), true],
    ['the verb must match', dev, resource('delete', 'pods', 'ns1', 'x'), false],
    ['the same account name in another namespace is someone else', devElsewhere, resource('list', 'pods', 'ns1'), false],
    ['a RoleBinding to a ClusterRole is scoped to its namespace (group system:serviceaccounts:<ns>)', robot, resource('delete', 'secrets', 'ns3', 'x'), true],
    ['… and grants nothing cluster-wide', robot, resource('delete', 'nodes', '', 'x'), false],
    ['a ClusterRoleBinding to a ServiceAccount with its namespace', robot, resource('get', 'pods/log', 'any', 'p'), true],
    ['nonResourceURLs match exactly', alice, nonResource('get', '/healthz'), true],
    ['nonResourceURLs with a trailing * match a prefix', alice, nonResource('get', '/apis/apps/v1'), true],
    ['nonResourceURLs do not match another path', alice, nonResource('get', '/metrics'), false],
    ['a resource rule never grants a path', dev, nonResource('get', '/api'), false],
  ])('%s', (_name, user, attributes, allowed) => {
    expect(authorizer.authorize(user, attributes).allowed).toBe(allowed);
  });

  it('says which binding allowed, as upstream', () => {
    expect(authorizer.authorize(dev, resource('get', 'pods', 'ns1', 'x')).reason).toBe('RBAC: allowed by RoleBinding "dev-reads/ns1" of Role "pod-reader" to ServiceAccount "dev/ns1"');
    expect(authorizer.authorize(alice, resource('get', 'pods/log', 'ns1', 'x')).reason).toBe('RBAC: allowed by ClusterRoleBinding "logs-everywhere" of ClusterRole "logs" to User "alice"');
  });

  it('reports a binding to a missing role in the denial reason', () => {
    expect(authorizer.authorize({ name: 'bob', groups: [] }, resource('get', 'pods', 'ns2', 'x'))).toEqual({ allowed: false, reason: 'RBAC: role.rbac.authorization.k8s.io "gone" not found' });
  });

  it('lists the rules a user holds in a namespace', () => {
    expect(authorizer.rulesFor(dev, 'default', 'ns1').rules).toEqual([
      { verbs: ['get'], nonResourceURLs: ['/healthz', '/apis/*'] },
      { verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] },
    ]);
    expect(authorizer.rulesFor(robot, 'default', 'ns3').rules).toEqual([{ verbs: ['get'], apiGroups: [''], resources: ['pods/log'] }, { verbs: ['*'], apiGroups: ['*'], resources: ['*'] }]);
  });

  it('follows the watch cache: a new binding grants at once, a deleted one stops granting', () => {
    const source = fakeSource(objects);
    const live = new RbacAuthorizer(new RbacIndex(source));
    const carol = { name: 'carol', groups: [] };
    expect(live.authorize(carol, resource('list', 'pods', 'ns1')).allowed).toBe(false);
    const added = binding('ns1', 'carol', 'Role', 'pod-reader', { kind: 'User', name: 'carol' });
    const key = { cluster: 'default', resource: rbacResources.roleBindings, namespace: 'ns1', name: 'carol' };
    source.emit(rbacResources.roleBindings, { revision: 2, type: 'ADDED', key, object: added });
    expect(live.authorize(carol, resource('list', 'pods', 'ns1')).allowed).toBe(true);
    source.emit(rbacResources.roleBindings, { revision: 3, type: 'DELETED', key, object: added });
    expect(live.authorize(carol, resource('list', 'pods', 'ns1')).allowed).toBe(false);
  });
});

describe('the authorizer chain and its Forbidden', () => {
  const chain = new UnionAuthorizer([new MastersAuthorizer(), new RbacAuthorizer(new RbacIndex(fakeSource(objects)))]);

  it('allows system:masters everything, with no reason (the privileged group authorizer)', () => {
    expect(chain.authorize({ name: 'admin', groups: ['system:masters'] }, resource('delete', 'nodes', '', 'n'))).toEqual({ allowed: true, reason: '' });
  });

  it.each([
    [resource('delete', 'pods', 'ns1', 'x'), 'pods "x" is forbidden: User "system:serviceaccount:ns1:dev" cannot delete resource "pods" in API group "" in the namespace "ns1"'],
    [resource('list', 'nodes'), 'nodes is forbidden: User "system:serviceaccount:ns1:dev" cannot list resource "nodes" in API group "" at the cluster scope'],
    [resource('get', 'deployments/scale', 'ns2', 'web', 'apps'), 'deployments.apps "web" is forbidden: User "system:serviceaccount:ns1:dev" cannot get resource "deployments/scale" in API group "apps" in the namespace "ns2"'],
    [nonResource('get', '/foo'), 'forbidden: User "system:serviceaccount:ns1:dev" cannot get path "/foo"'],
  ])('refuses %j with upstream message', (attributes, message) => {
    const decision = chain.authorize(dev, attributes);
    expect(decision.allowed).toBe(false);
    const error = forbidden(dev, attributes, decision.reason);
    expect([error.code, error.reason, error.message]).toEqual([403, 'Forbidden', message]);
  });
});
