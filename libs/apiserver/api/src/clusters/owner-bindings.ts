import type { KubeObject } from '@drydock/util';
import { teamMembers } from '@drydock/registry';

/** The ClusterRole each team role is bound to in a team's sandbox cluster. */
const clusterRoleOfTeamRole: Record<string, string> = { admin: 'cluster-admin', edit: 'edit', view: 'view' };

/** Labels the owner bindings carry, so that a reader can tell them from the cluster's own. */
export const ownerBindingLabel = 'drydock.dev/cluster-owner';

/** The name of the binding that grants `clusterRole` to the owners: `drydock:owner:cluster-admin`. */
export function ownerBindingName(clusterRole: string): string {
  return `drydock:owner:${clusterRole}`;
}

/**
 * The ClusterRoleBindings that make a sandbox cluster its owner's: a user owner is cluster-admin; a team's
 * admins are cluster-admin, its editors edit, its viewers view (one binding per ClusterRole, each with the
 * members of that role as User subjects, so that the team's roles hold cluster-wide in a cluster of its own
 * as they hold in the team's namespaces of the default cluster). `team` is the owner team's object (absent:
 * no such team yet, so no members).
 */
export function ownerBindings(cluster: KubeObject, team: KubeObject | undefined): KubeObject[] {
  const owner = ((cluster.spec ?? {}) as { owner?: { team?: string; user?: string } }).owner ?? {};
  const subjects = new Map<string, string[]>(Object.values(clusterRoleOfTeamRole).map((role) => [role, []]));
  if (owner.user) subjects.get('cluster-admin')!.push(owner.user);
  else for (const member of teamMembers(team?.spec)) subjects.get(clusterRoleOfTeamRole[member.role] ?? '')?.push(member.user);
  return [...subjects].map(([role, users]) => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: ownerBindingName(role), labels: { [ownerBindingLabel]: 'true' } },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
    subjects: users.sort().map((name) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name })),
  }));
}
