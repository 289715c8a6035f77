import type { UserInfo } from '../rest/request-context';
import type { Authorizer, AuthorizationAttributes, Decision, UserRules } from '../pipeline/authorization';
import { appliesTo, Subject } from '../pipeline/rbac/policy-rule';
import type { RbacIndex } from '../pipeline/rbac/rbac-index';
import { DEFAULT_CLUSTER } from './cluster-path';

/** Groups every user has; a binding to one of them does not make a cluster anyone's. */
const everyoneGroups = new Set(['system:authenticated', 'system:unauthenticated']);

/**
 * Whether a user may enter a sandbox cluster at all: system:masters; Drydock's own control-plane identities
 * (`system:kube-scheduler`, `system:kube-controller-manager`, `system:node:<name>`…, which serve every
 * cluster as upstream's serve one); and anyone a binding of that cluster names as a User, a ServiceAccount
 * or a group other than the everyone-groups (the owner bindings, or a RoleBinding a cluster-admin made to
 * share it). Everyone else is refused on every path of the cluster, though the cluster's bootstrap policy
 * binds discovery to system:authenticated, as a user outside a kcp workspace is.
 */
export function mayEnterCluster(index: RbacIndex, user: UserInfo, cluster: string): boolean {
  if (cluster === DEFAULT_CLUSTER || user.groups.includes('system:masters')) return true;
  if (user.name.startsWith('system:') && user.name !== 'system:anonymous' && !user.name.startsWith('system:serviceaccount:')) return true;
  const named = { ...user, groups: user.groups.filter((group) => !everyoneGroups.has(group)) };
  const policy = index.policy(cluster);
  for (const binding of [...policy.objects.clusterRoleBindings.all(), ...policy.objects.roleBindings.all()]) {
    if (appliesTo(named, binding.subjects as Subject[] | undefined, binding.metadata.namespace ?? '')) return true;
  }
  return false;
}

/**
 * The authorizer chain of a multi-cluster server: outside the default cluster, a user who may not enter the
 * cluster is refused with no reason (the message of a request RBAC has no rule for); everyone else goes on
 * to the inner chain, which evaluates that cluster's own RBAC.
 */
export class SandboxAccessAuthorizer implements Authorizer {
  constructor(
    private readonly inner: Authorizer,
    private readonly index: RbacIndex,
  ) {}

  authorize(user: UserInfo, attributes: AuthorizationAttributes): Decision {
    if (!mayEnterCluster(this.index, user, attributes.cluster)) return { allowed: false, reason: '' };
    return this.inner.authorize(user, attributes);
  }

  rulesFor(user: UserInfo, cluster: string, namespace: string): UserRules {
    if (!mayEnterCluster(this.index, user, cluster)) return { rules: [], incomplete: false };
    return this.inner.rulesFor(user, cluster, namespace);
  }
}
