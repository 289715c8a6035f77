import type { KubeObject, OwnerReference } from '@drydock/util';
import { RBAC_GROUP, RoleBinding, Team, TEAM_API_VERSION, TEAM_LABEL, TEAM_LIMITS_NAME, TEAM_QUOTA_NAME, TEAM_ROLES, teamBindingName } from './team.types';

/** The kinds of object a team keeps in each of its namespaces. */
export type TeamResource = 'rolebindings' | 'resourcequotas' | 'limitranges';

export interface TeamObject {
  resource: TeamResource;
  object: KubeObject;
}

/** The controller reference every kept object carries, so deleting the Team lets the garbage collector take them. */
export function teamControllerRef(team: Team): OwnerReference {
  return { apiVersion: TEAM_API_VERSION, kind: 'Team', name: team.metadata.name!, uid: team.metadata.uid!, controller: true, blockOwnerDeletion: true };
}

function metadataFor(team: Team, namespace: string, name: string): KubeObject['metadata'] {
  return { name, namespace, labels: { [TEAM_LABEL]: team.metadata.name! }, ownerReferences: [teamControllerRef(team)] };
}

/** One RoleBinding per role that has members, to the ClusterRole of that name, members as User subjects in spec order. */
function bindings(team: Team, namespace: string): TeamObject[] {
  const members = team.spec?.members ?? [];
  return TEAM_ROLES.flatMap((role) => {
    const users = members.filter((member) => member.role === role && member.user).map((member) => member.user);
    if (!users.length) return [];
    const binding: RoleBinding = {
      apiVersion: `${RBAC_GROUP}/v1`,
      kind: 'RoleBinding',
      metadata: metadataFor(team, namespace, teamBindingName(team.metadata.name!, role)),
      roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: role },
      subjects: users.map((name) => ({ kind: 'User', apiGroup: RBAC_GROUP, name })),
    };
    return [{ resource: 'rolebindings' as const, object: binding }];
  });
}

/**
 * Everything the team wants in one of its namespaces: its RoleBindings, the ResourceQuota `team-quota`
 * when spec.quota is set, the LimitRange `team-limits` when spec.limitRanges has items. The Team's own
 * defaults already gave quota and limits their canonical, defaulted form, so they compare equal to the
 * stored objects.
 */
export function desiredTeamObjects(team: Team, namespace: string): TeamObject[] {
  const desired = bindings(team, namespace);
  const quota = team.spec?.quota;
  if (quota && Object.keys(quota).length) {
    desired.push({ resource: 'resourcequotas', object: { apiVersion: 'v1', kind: 'ResourceQuota', metadata: metadataFor(team, namespace, TEAM_QUOTA_NAME), spec: { hard: { ...quota } } } });
  }
  const limits = team.spec?.limitRanges ?? [];
  if (limits.length) {
    desired.push({ resource: 'limitranges', object: { apiVersion: 'v1', kind: 'LimitRange', metadata: metadataFor(team, namespace, TEAM_LIMITS_NAME), spec: { limits: structuredClone(limits) } } });
  }
  return desired;
}
