import { membersOf, teamsOfUser } from './user-teams';
import { testTeam } from './team-test-fixtures';

describe('a user\'s teams', () => {
  it('lists every team naming the user with its role, sorted by team, skipping teams being deleted', () => {
    const teams = [
      testTeam('green', { members: [{ user: 'alice', role: 'view' }] }),
      testTeam('blue', { members: [{ user: 'bob', role: 'admin' }, { user: 'alice', role: 'edit' }] }),
      testTeam('red', { members: [{ user: 'alice', role: 'admin' }] }, { deletionTimestamp: '2026-12-07T00:00:00Z' }),
    ];
    expect(teamsOfUser('alice', teams)).toEqual([{ team: 'blue', role: 'edit' }, { team: 'green', role: 'view' }]);
    expect(teamsOfUser('nobody', teams)).toEqual([]);
  });

  it('requeues the members before and after a change, each once', () => {
    expect(membersOf(testTeam('blue', { members: [{ user: 'alice', role: 'edit' }, { user: 'bob', role: 'view' }] }), testTeam('blue', { members: [{ user: 'bob', role: 'edit' }, { user: 'carol', role: 'view' }] }), undefined)).toEqual(['alice', 'bob', 'carol']);
  });
});
