import type { KubeObject } from '@drydock/util';

/** The label the team controller puts on every namespace and object it keeps for a team. */
export const TEAM_LABEL = 'drydock.dev/team';
export const TEAM_API_VERSION = 'drydock.dev/v1';
export const RBAC_GROUP = 'rbac.authorization.k8s.io';
/** The roles a member may hold; each is the bootstrap ClusterRole of that name. */
export const TEAM_ROLES = ['admin', 'edit', 'view'] as const;
/** Names of the objects kept in each of a team's namespaces. */
export const TEAM_QUOTA_NAME = 'team-quota';
export const TEAM_LIMITS_NAME = 'team-limits';

export interface TeamMember {
  user: string;
  role: string;
}

export interface Team extends KubeObject {
  spec?: { members?: TeamMember[]; namespaces?: string[]; quota?: Record<string, string>; limitRanges?: Record<string, unknown>[] };
  status?: { conditions?: TeamCondition[]; observedGeneration?: number };
}

export interface TeamCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  lastTransitionTime: string;
  observedGeneration?: number;
}

export interface UserTeam {
  team: string;
  role: string;
}

export interface User extends KubeObject {
  spec?: { displayName?: string };
  status?: { teams?: UserTeam[] };
}

export interface Subject {
  kind: string;
  apiGroup?: string;
  name: string;
  namespace?: string;
}

export interface RoleBinding extends KubeObject {
  roleRef: { apiGroup: string; kind: string; name: string };
  subjects?: Subject[];
}

/** The RoleBinding a team keeps for one role in each namespace: `team-blue-edit`. */
export function teamBindingName(team: string, role: string): string {
  return `team-${team}-${role}`;
}
