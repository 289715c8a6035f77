import { isDeepStrictEqual } from 'node:util';
import { StatusError } from '@drydock/util';
import type { UserInfo } from '../../rest/request-context';
import type { AdmissionRequest, ValidatingAdmissionPlugin } from '../admission';
import type { Authorizer } from '../authorization';
import { compactRules, compactString, covers } from './covers';
import type { PolicyRule, RoleRef } from './policy-rule';
import type { RbacAuthorizer } from './rbac.authorizer';
import { requestUser } from './request-user';

const rbacGroup = 'rbac.authorization.k8s.io';
const fullAuthority: PolicyRule[] = [
  { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
  { verbs: ['*'], nonResourceURLs: ['*'] },
];

/** Go's %q of a []string. */
const quoted = (values: string[]) => `[${values.map((value) => JSON.stringify(value)).join(' ')}]`;

/**
 * Upstream's RBAC escalation prevention (pkg/registry/rbac/*\/policybased and escalation_check.go), as a
 * validating step: a Role or ClusterRole may only grant what its writer holds, and a binding only bind a
 * role its writer holds entirely, unless the writer is system:masters or may `escalate` (roles) or
 * `bind` (the referenced role). The API server's own writes (no user) are system:masters', as upstream's loopback.
 */
export class RbacEscalationAdmission implements ValidatingAdmissionPlugin {
  readonly name = 'RBACEscalation';

  constructor(
    private readonly authorizer: Authorizer,
    private readonly rbac: RbacAuthorizer,
  ) {}

  async validate(request: Readonly<AdmissionRequest>): Promise<void> {
    if (request.def.group !== rbacGroup || request.operation === 'DELETE' || request.subresource) return;
    const user = requestUser();
    if (!user || user.groups.includes('system:masters')) return;
    const namespace = request.object.metadata.namespace ?? '';
    const name = request.object.metadata.name ?? '';
    switch (request.def.resource) {
      case 'roles':
      case 'clusterroles':
        return this.checkRole(request, user, namespace, name);
      case 'rolebindings':
      case 'clusterrolebindings':
        return this.checkBinding(request, user, namespace, name);
    }
  }

  private checkRole(request: Readonly<AdmissionRequest>, user: UserInfo, namespace: string, name: string): void {
    const resource = request.def.resource;
    const attributes = { cluster: request.cluster, verb: 'escalate', group: rbacGroup, version: '*', namespace, resource, subresource: '', name };
    if (this.authorizer.authorize(user, attributes).allowed) return;
    const rules = (request.object.rules as PolicyRule[] | undefined) ?? [];
    const unchanged = request.operation === 'UPDATE' && isDeepStrictEqual(rules, request.old?.rules ?? []);
    if (!unchanged) this.confirmNoEscalation(request.cluster, user, namespace, rules, resource, name);
    if (resource === 'clusterroles' && request.object.aggregationRule && !(request.operation === 'UPDATE' && isDeepStrictEqual(request.object.aggregationRule, request.old?.aggregationRule))) {
      if (covers(this.rbac.rulesFor(user, request.cluster, namespace).rules, fullAuthority).length > 0) {
        throw StatusError.forbidden({ group: rbacGroup, resource }, name, 'must have cluster-admin privileges to use the aggregationRule');
      }
    }
  }

  private checkBinding(request: Readonly<AdmissionRequest>, user: UserInfo, namespace: string, name: string): void {
    const ref = (request.object.roleRef ?? {}) as RoleRef;
    const roleResource = ref.kind === 'ClusterRole' ? 'clusterroles' : ref.kind === 'Role' ? 'roles' : undefined;
    if (roleResource) {
      const attributes = { cluster: request.cluster, verb: 'bind', group: ref.apiGroup ?? '', version: '', namespace, resource: roleResource, subresource: '', name: ref.name ?? '' };
      if (this.authorizer.authorize(user, attributes).allowed) return;
    }
    const rules = this.rbac.roleRules(request.cluster, ref, namespace);
    if (!rules) throw StatusError.notFound({ group: rbacGroup, resource: roleResource ?? 'roles' }, ref.name ?? '');
    this.confirmNoEscalation(request.cluster, user, namespace, rules, request.def.resource, name);
  }

  /** validation.ConfirmNoEscalation, with its message. */
  private confirmNoEscalation(cluster: string, user: UserInfo, namespace: string, rules: PolicyRule[], resource: string, name: string): void {
    const held = this.rbac.rulesFor(user, cluster, namespace);
    const missing = covers(held.rules, rules);
    if (missing.length === 0) return;
    const descriptions = [...new Set(compactRules(missing).map(compactString))].sort();
    let message = `user "${user.name}" (groups=${quoted(user.groups)}) is attempting to grant RBAC permissions not currently held:\n${descriptions.join('\n')}`;
    if (held.error) message += `; resolution errors: [${held.error}]`;
    throw StatusError.forbidden({ group: rbacGroup, resource }, name, message);
  }
}
