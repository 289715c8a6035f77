import { nextTeamStatus } from './team-status';
import { testTeam } from './team-test-fixtures';

const now = new Date('2026-12-07T01:00:00Z');

describe('the status of a team', () => {
  it('is Ready with the generation it saw once everything is kept, and unchanged status is not written again', () => {
    const team = testTeam('blue', { members: [{ user: 'alice', role: 'edit' }], namespaces: ['blue'] }, { generation: 3 });
    const status = nextTeamStatus(team, { kept: ['blue'], problems: [], conflicts: [] }, now);
    expect(status).toEqual({
      observedGeneration: 3,
      conditions: [{ type: 'Ready', status: 'True', reason: 'Synced', message: '1 member bound in 1 namespace', observedGeneration: 3, lastTransitionTime: '2026-12-07T01:00:00Z' }],
    });
    expect(nextTeamStatus({ ...team, status }, { kept: ['blue'], problems: [], conflicts: [] }, new Date('2026-12-07T02:00:00Z'))).toBeUndefined();
  });

  it('is not Ready, with the first reason, when a namespace belongs to another team or a write failed', () => {
    const team = testTeam('blue', { namespaces: ['green'] });
    const problem = { reason: 'NamespaceOwnedByAnotherTeam' as const, message: 'namespace "green" belongs to team "green"' };
    expect(nextTeamStatus(team, { kept: [], problems: [problem], conflicts: [] }, now)?.conditions?.[0]).toMatchObject({ status: 'False', reason: 'NamespaceOwnedByAnotherTeam', message: problem.message });
    expect(nextTeamStatus(team, { kept: ['green'], problems: [], conflicts: [], failure: 'forbidden' }, now)?.conditions?.[0]).toMatchObject({ status: 'False', reason: 'SyncFailed', message: 'forbidden' });
  });
});
