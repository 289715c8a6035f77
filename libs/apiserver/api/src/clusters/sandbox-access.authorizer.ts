import type { UserInfo } from '../rest/request-context';
import type { Authorizer, AuthorizationAttributes, Decision, UserRules } from '../pipeline/authorization';
import { appliesTo, Subject } from '../pipeline/rbac/policy-rule';
import type { RbacIndex } from '../pipeline/rbac/rbac-index';
import { ALL_CLUSTERS } from '@drydock/storage';
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
  if (cluster === DEFAULT_CLUSTER || maySpanClusters(user)) return true;
  if (cluster === ALL_CLUSTERS) return false;
  const named = { ...user, groups: user.groups.filter((group) => !everyoneGroups.has(group)) };
  const policy = index.policy(cluster);
  for (const binding of [...policy.objects.clusterRoleBindings.all(), ...policy.objects.roleBindings.all()]) {
    if (appliesTo(named, binding.subjects as Subject[] | undefined, binding.metadata.namespace ?? '')) return true;
  }
  return false;
}

/**
 * Who enters every cluster whatever its bindings say, and so alone may list and watch all of them at once
 * (`/clusters/*`): system:masters and Drydock's own control-plane identities (`system:kube-scheduler`,
 * `system:kube-controller-manager`, `system:drydock:node-simulator`), not a ServiceAccount or anonymous. A
 * credential bound to one cluster (a node's, a sandbox ServiceAccount's) is not valid at `*` in the first place.
 */
export function maySpanClusters(user: UserInfo): boolean {
  if (user.groups.includes('system:masters')) return true;
  return user.name.startsWith('system:') && user.name !== 'system:anonymous' && !user.name.startsWith('system:serviceaccount:');
}

/**
 * The authorizer chain of a multi-cluster server: outside the default cluster, a user who may not enter the
 * cluster is refused with no reason (the message of a request RBAC has no rule for); everyone else goes on
 * to the inner chain, which evaluates that cluster's own RBAC. A request spanning every cluster (`*`) is
 * evaluated by the default cluster's RBAC (every cluster starts with the same bootstrap policy) once the user
 * may span clusters at all (mayEnterCluster).
 */
export class SandboxAccessAuthorizer implements Authorizer {
  constructor(
    private readonly inner: Authorizer,
    private readonly index: RbacIndex,
  ) {}

  authorize(user: UserInfo, attributes: AuthorizationAttributes): Decision {
    if (!mayEnterCluster(this.index, user, attributes.cluster)) return { allowed: false, reason: '' };
    return this.inner.authorize(user, attributes.cluster === ALL_CLUSTERS ? { ...attributes, cluster: DEFAULT_CLUSTER } : attributes);
  }

  rulesFor(user: UserInfo, cluster: string, namespace: string): UserRules {
    if (!mayEnterCluster(this.index, user, cluster)) return { rules: [], incomplete: false };
    return this.inner.rulesFor(user, cluster === ALL_CLUSTERS ? DEFAULT_CLUSTER : cluster, namespace);
  }
}
