export { TeamReconciler } from './team.reconciler';
export { TeamMembershipReconciler } from './team-membership.reconciler';
export { TEAM_LABEL, teamBindingName, TEAM_QUOTA_NAME, TEAM_LIMITS_NAME } from './team.types';
