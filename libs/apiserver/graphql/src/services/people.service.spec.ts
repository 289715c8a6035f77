import { TeamRole } from '../models/people.model';
import { withMember } from './people.service';

describe('withMember', () => {
  const members = [
    { user: 'alice', role: 'edit' },
    { user: 'bob', role: 'view' },
  ];

  it('changes a member role in place', () => {
    expect(withMember(members, 'alice', TeamRole.admin)).toEqual([
      { user: 'alice', role: 'admin' },
      { user: 'bob', role: 'view' },
    ]);
  });

  it('adds a new member at the end', () => {
    expect(withMember(members, 'carol', TeamRole.view).map((member) => member.user)).toEqual(['alice', 'bob', 'carol']);
  });

  it('removes a member when no role is given', () => {
    expect(withMember(members, 'alice', undefined)).toEqual([{ user: 'bob', role: 'view' }]);
  });
});
