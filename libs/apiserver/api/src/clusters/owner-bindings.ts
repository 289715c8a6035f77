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

/** The users each ClusterRole is bound to in the cluster: cluster-admin, edit and view. */
function ownersByClusterRole(cluster: KubeObject, team: KubeObject | undefined): Map<string, string[]> {
  const owner = ((cluster.spec ?? {}) as { owner?: { team?: string; user?: string } }).owner ?? {};
  const subjects = new Map<string, string[]>(Object.values(clusterRoleOfTeamRole).map((role) => [role, []]));
  if (owner.user) subjects.get('cluster-admin')!.push(owner.user);
  else for (const member of teamMembers(team?.spec)) subjects.get(clusterRoleOfTeamRole[member.role] ?? '')?.push(member.user);
  return subjects;
}

/** The name of the ClusterRole and ClusterRoleBinding of the default cluster that give a cluster's admins its lifecycle. */
export function ownerAccessName(cluster: string): string {
  return `drydock:cluster-owner:${cluster}`;
}

/**
 * What the owners who are cluster-admin in a sandbox (its user owner, or its team's admins) may do with it in the
 * default cluster, where its Cluster object lives: a ClusterRole and a ClusterRoleBinding, both named
 * `drydock:cluster-owner:<cluster>` and controlled by the Cluster (the garbage collector removes them with it).
 * The role reads, deletes, resets and restores that cluster (resourceNames), and may `snapshot` it: the special
 * verb ClusterSnapshotAdmission asks for, as upstream's RBAC asks for `bind` on a role, since a ClusterSnapshot
 * names its cluster in its body. Creating ClusterSnapshots and Clusters (a clone) is granted by collection, as
 * RBAC cannot name an object not yet made; the admission then requires `snapshot` on the cluster copied. Reading
 * snapshots is not granted here: ClusterSnapshotAuthorizer lets whoever may snapshot a cluster read its snapshots
 * (and list them with `spec.cluster=<cluster>`), so no owner sees another cluster's.
 */
export function ownerAccessObjects(cluster: KubeObject, team: KubeObject | undefined): KubeObject[] {
  const name = cluster.metadata.name!;
  const group = 'drydock.dev';
  const metadata = {
    name: ownerAccessName(name),
    labels: { [ownerBindingLabel]: 'true' },
    ownerReferences: [{ apiVersion: 'drydock.dev/v1', kind: 'Cluster', name, uid: cluster.metadata.uid!, controller: true, blockOwnerDeletion: false }],
  };
  const admins = ownersByClusterRole(cluster, team).get('cluster-admin')!;
  return [
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata,
      rules: [
        { apiGroups: [group], resources: ['clusters'], resourceNames: [name], verbs: ['get', 'watch', 'delete', 'snapshot'] },
        { apiGroups: [group], resources: ['clusters/reset'], resourceNames: [name], verbs: ['create'] },
        { apiGroups: [group], resources: ['clusters/restore'], resourceNames: [name], verbs: ['create'] },
        { apiGroups: [group], resources: ['clusters/status'], resourceNames: [name], verbs: ['get'] },
        { apiGroups: [group], resources: ['clustersnapshots'], verbs: ['create'] },
        { apiGroups: [group], resources: ['clusters'], verbs: ['create'] },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata,
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: ownerAccessName(name) },
      subjects: [...admins].sort().map((user) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user })),
    },
  ];
}

/**
 * The ClusterRoleBindings that make a sandbox cluster its owner's: a user owner is cluster-admin; a team's
 * admins are cluster-admin, its editors edit, its viewers view (one binding per ClusterRole, each with the
 * members of that role as User subjects, so that the team's roles hold cluster-wide in a cluster of its own
 * as they hold in the team's namespaces of the default cluster). `team` is the owner team's object (absent:
 * no such team yet, so no members).
 */
export function ownerBindings(cluster: KubeObject, team: KubeObject | undefined): KubeObject[] {
  const subjects = ownersByClusterRole(cluster, team);
  return [...subjects].map(([role, users]) => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: ownerBindingName(role), labels: { [ownerBindingLabel]: 'true' } },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
    subjects: users.sort().map((name) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name })),
  }));
}
