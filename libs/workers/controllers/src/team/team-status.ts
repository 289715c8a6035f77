import { setStatusCondition } from '@drydock/kube';
import { jsonEqual } from '@drydock/util';
import type { TeamStatusInput } from './team-status.types';
import { Team, TeamCondition } from './team.types';

/**
 * The Ready condition of a team: True once every namespace of the spec is the team's and holds its
 * bindings, quota and limits; else False with the first reason that stands in the way.
 */
export function readyCondition(team: Team, input: TeamStatusInput): Omit<TeamCondition, 'lastTransitionTime'> {
  const observedGeneration = team.metadata.generation;
  const base = { type: 'Ready', observedGeneration };
  if (input.problems.length) return { ...base, status: 'False', reason: input.problems[0].reason, message: input.problems.map((p) => p.message).join('; ') };
  if (input.conflicts.length) return { ...base, status: 'False', reason: 'ObjectOwnedByAnotherController', message: `owned by another controller: ${input.conflicts.join(', ')}` };
  if (input.failure) return { ...base, status: 'False', reason: 'SyncFailed', message: input.failure };
  const namespaces = input.kept.length;
  const members = team.spec?.members?.length ?? 0;
  return { ...base, status: 'True', reason: 'Synced', message: `${members} member${members === 1 ? '' : 's'} bound in ${namespaces} namespace${namespaces === 1 ? '' : 's'}` };
}

/** The team's status after a sync, or undefined when it would not change (no write). */
export function nextTeamStatus(team: Team, input: TeamStatusInput, now: Date): Team['status'] | undefined {
  const condition = readyCondition(team, input);
  const conditions = setStatusCondition(team.status?.conditions, { ...condition, lastTransitionTime: '' }, now);
  const next = { ...team.status, conditions, observedGeneration: team.metadata.generation };
  return jsonEqual(next, team.status ?? {}) ? undefined : next;
}
