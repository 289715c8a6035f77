import type { KubeObject } from '@drydock/util';
import type { CollectionKey } from '@drydock/storage';
import type { WatchSource } from '../watch/watch-source';
import type { UserInfo } from '../rest/request-context';
import { RbacAuthorizer } from '../pipeline/rbac/rbac.authorizer';
import { RbacIndex, rbacResources } from '../pipeline/rbac/rbac-index';
import { bootstrapClusterRoleBindings, bootstrapClusterRoles } from './bootstrap-policy';
import { bootstrapNamespaceRoleBindings, bootstrapNamespaceRoles } from './namespace-policy';

function policySource(): WatchSource {
  const objects: Record<string, KubeObject[]> = {
    [rbacResources.clusterRoles]: bootstrapClusterRoles(),
    [rbacResources.clusterRoleBindings]: bootstrapClusterRoleBindings(),
    [rbacResources.roles]: bootstrapNamespaceRoles(),
    [rbacResources.roleBindings]: bootstrapNamespaceRoleBindings(),
  };
  return { revision: 1, waitForRevision: async () => true, listAt: () => undefined, snapshot: (filter: CollectionKey) => ({ items: objects[filter.resource] ?? [], revision: 1 }), watch: () => ({ close: () => undefined }) };
}

const rbac = new RbacAuthorizer(new RbacIndex(policySource()));
const scheduler: UserInfo = { name: 'system:kube-scheduler', groups: ['system:authenticated'] };
const controllerManager: UserInfo = { name: 'system:kube-controller-manager', groups: ['system:authenticated'] };
const node: UserInfo = { name: 'system:node:node-1', groups: ['system:nodes', 'system:authenticated'] };
const controller = (name: string): UserInfo => ({ name: `system:serviceaccount:kube-system:${name}`, groups: ['system:serviceaccounts', 'system:serviceaccounts:kube-system', 'system:authenticated'] });

function can(user: UserInfo, verb: string, resourcePath: string, options: { namespace?: string; name?: string; group?: string } = {}): boolean {
  const [resource, subresource = ''] = resourcePath.split('/');
  return rbac.authorize(user, { cluster: 'default', verb, group: options.group ?? '', version: 'v1', namespace: options.namespace ?? '', resource, subresource, name: options.name ?? '' }).allowed;
}

describe('the bootstrap policy', () => {
  it('labels and annotates every bootstrap object as upstream does, names each once, and binds only roles that exist', () => {
    const all = [...bootstrapClusterRoles(), ...bootstrapClusterRoleBindings(), ...bootstrapNamespaceRoles(), ...bootstrapNamespaceRoleBindings()];
    // system:aggregated-metrics-reader is metrics-server's manifest's, not upstream's bootstrap policy.
    for (const object of all.filter((o) => o.metadata.name !== 'system:aggregated-metrics-reader')) {
      expect(object.metadata.labels?.['kubernetes.io/bootstrapping']).toBe('rbac-defaults');
      expect(object.metadata.annotations?.['rbac.authorization.kubernetes.io/autoupdate']).toBe('true');
    }
    const keys = all.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`);
    expect(new Set(keys).size).toBe(keys.length);
    const clusterRoles = new Set(bootstrapClusterRoles().map((r) => r.metadata.name));
    for (const binding of bootstrapClusterRoleBindings()) expect(clusterRoles).toContain((binding.roleRef as { name: string }).name);
  });

  it('lets the scheduler bind pods and renew its lease, and nothing that deletes a namespace or reads secrets', () => {
    expect(can(scheduler, 'create', 'pods/binding', { namespace: 'default' })).toBe(true);
    expect(can(scheduler, 'update', 'leases', { namespace: 'kube-system', name: 'kube-scheduler', group: 'coordination.k8s.io' })).toBe(true);
    expect(can(scheduler, 'update', 'leases', { namespace: 'kube-system', name: 'kube-controller-manager', group: 'coordination.k8s.io' })).toBe(false);
    expect(can(scheduler, 'update', 'persistentvolumeclaims', { namespace: 'default' })).toBe(true); // system:volume-scheduler
    expect(can(scheduler, 'delete', 'namespaces', { name: 'default' })).toBe(false);
    expect(can(scheduler, 'get', 'secrets', { namespace: 'default', name: 's' })).toBe(false);
  });

  it('gives the controller-manager its informers and the controllers their tokens, the writes only to each controller', () => {
    expect(can(controllerManager, 'watch', 'deployments', { group: 'apps' })).toBe(true);
    expect(can(controllerManager, 'create', 'serviceaccounts/token', { namespace: 'kube-system', name: 'deployment-controller' })).toBe(true);
    expect(can(controllerManager, 'create', 'replicasets', { namespace: 'default', group: 'apps' })).toBe(false);
    expect(can(controller('deployment-controller'), 'create', 'replicasets', { namespace: 'default', group: 'apps' })).toBe(true);
    expect(can(controller('deployment-controller'), 'update', 'deployments/status', { namespace: 'default', group: 'apps' })).toBe(true);
    expect(can(controller('deployment-controller'), 'create', 'pods', { namespace: 'default' })).toBe(false);
    expect(can(controller('team-controller'), 'bind', 'clusterroles', { name: 'edit', group: 'rbac.authorization.k8s.io' })).toBe(true);
    expect(can(controller('team-controller'), 'bind', 'clusterroles', { name: 'cluster-admin', group: 'rbac.authorization.k8s.io' })).toBe(false);
  });

  it('grants nodes nothing through RBAC (the system:node binding has no subjects; the Node authorizer decides)', () => {
    expect(can(node, 'get', 'nodes', { name: 'node-1' })).toBe(false);
  });
});
