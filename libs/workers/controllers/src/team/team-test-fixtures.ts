import type { Team } from './team.types';

/** A stored Team (uid, generation) as the informer hands it over. */
export function testTeam(name: string, spec: Team['spec'], extra: Partial<Team['metadata']> = {}): Team {
  return { apiVersion: 'drydock.dev/v1', kind: 'Team', metadata: { name, uid: `uid-team-${name}`, generation: 1, ...extra }, spec };
}
