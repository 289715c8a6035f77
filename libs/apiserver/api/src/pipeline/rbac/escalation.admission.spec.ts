import type { KubeObject } from '@drydock/util';
import type { ResourceDefinition } from '@drydock/registry';
import type { WatchSource } from '../../watch/watch-source';
import type { AdmissionRequest } from '../admission';
import { MastersAuthorizer, UnionAuthorizer } from '../authorization';
import { RbacEscalationAdmission } from './escalation.admission';
import { RbacAuthorizer } from './rbac.authorizer';
import { RbacIndex, rbacResources } from './rbac-index';
import { withRequestUser } from './request-user';

const rbacGroup = 'rbac.authorization.k8s.io';
const source = (objects: Record<string, KubeObject[]>): WatchSource => ({
  revision: 1,
  waitForRevision: async () => true,
  listAt: () => undefined,
  snapshot: (filter) => ({ items: objects[filter.resource] ?? [], revision: 1 }),
  watch: () => ({ close: () => undefined }),
});
const binding = (namespace: string, name: string, kind: string, role: string, user: string) =>
  ({ metadata: { namespace, name }, roleRef: { apiGroup: rbacGroup, kind, name: role }, subjects: [{ kind: 'User', name: user }] }) as unknown as KubeObject;

const rbac = new RbacAuthorizer(
  new RbacIndex(
    source({
      [rbacResources.roles]: [{ metadata: { namespace: 'ns', name: 'reader' }, rules: [{ verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] }] } as unknown as KubeObject],
      [rbacResources.clusterRoles]: [
        { metadata: { name: 'escalator' }, rules: [{ verbs: ['escalate'], apiGroups: [rbacGroup], resources: ['roles'] }] } as unknown as KubeObject,
        { metadata: { name: 'binder' }, rules: [{ verbs: ['bind'], apiGroups: [rbacGroup], resources: ['clusterroles'], resourceNames: ['big'] }] } as unknown as KubeObject,
        { metadata: { name: 'big' }, rules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }] } as unknown as KubeObject,
      ],
      [rbacResources.roleBindings]: [binding('ns', 'r', 'Role', 'reader', 'jane'), binding('ns', 'e', 'ClusterRole', 'escalator', 'esc'), binding('ns', 'r2', 'Role', 'reader', 'esc'), binding('ns', 'b', 'ClusterRole', 'binder', 'binder')],
    }),
  ),
);
const admission = new RbacEscalationAdmission(new UnionAuthorizer([new MastersAuthorizer(), rbac]), rbac);

const def = (resource: string, namespaced = true) => ({ group: rbacGroup, resource, namespaced }) as ResourceDefinition;
const role = (rules: unknown[]): AdmissionRequest => ({ operation: 'CREATE', def: def('roles'), cluster: 'default', object: { metadata: { namespace: 'ns', name: 'new' }, rules } as unknown as KubeObject, old: null });
const roleBinding = (kind: string, name: string): AdmissionRequest => ({ operation: 'CREATE', def: def('rolebindings'), cluster: 'default', object: binding('ns', 'nb', kind, name, 'someone'), old: null });
const as = (name: string, request: AdmissionRequest) => withRequestUser({ name, groups: [] }, () => admission.validate(request));

describe('RBAC escalation prevention (upstream ConfirmNoEscalation, escalate and bind)', () => {
  it('lets a user grant what they hold', async () => {
    await expect(as('jane', role([{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }]))).resolves.toBeUndefined();
  });

  it('refuses more than they hold with upstream message', async () => {
    await expect(as('jane', role([{ verbs: ['get', 'delete'], apiGroups: [''], resources: ['pods'] }]))).rejects.toMatchObject({
      code: 403,
      message: 'roles.rbac.authorization.k8s.io "new" is forbidden: user "jane" (groups=[]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["pods"], Verbs:["delete"]}',
    });
  });

  it('lets system:masters and the API server itself grant anything', async () => {
    const everything = role([{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }]);
    await expect(withRequestUser({ name: 'admin', groups: ['system:masters'] }, () => admission.validate(everything))).resolves.toBeUndefined();
    await expect(admission.validate(everything)).resolves.toBeUndefined();
  });

  it('lets the escalate verb write any role', async () => {
    await expect(as('esc', role([{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }]))).resolves.toBeUndefined();
  });

  it('a binding needs the whole role, or bind on it', async () => {
    await expect(as('jane', roleBinding('Role', 'reader'))).resolves.toBeUndefined();
    await expect(as('jane', roleBinding('ClusterRole', 'big'))).rejects.toMatchObject({ code: 403 });
    await expect(as('binder', roleBinding('ClusterRole', 'big'))).resolves.toBeUndefined();
  });

  it('a binding to a missing role is NotFound', async () => {
    await expect(as('jane', roleBinding('ClusterRole', 'nope'))).rejects.toMatchObject({ code: 404, message: 'clusterroles.rbac.authorization.k8s.io "nope" not found' });
  });

  it('an aggregationRule needs cluster-admin', async () => {
    const request: AdmissionRequest = { operation: 'CREATE', def: def('clusterroles', false), cluster: 'default', object: { metadata: { name: 'agg' }, aggregationRule: { clusterRoleSelectors: [] } } as unknown as KubeObject, old: null };
    await expect(as('esc', request)).rejects.toMatchObject({ code: 403 });
  });
});
