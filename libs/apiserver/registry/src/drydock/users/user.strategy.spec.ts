import { fieldErrorMessage, KubeObject } from '@drydock/util';
import { userStrategy } from './user.strategy';

function user(spec: Record<string, unknown>, status?: Record<string, unknown>): KubeObject {
  return { metadata: { name: 'alice', creationTimestamp: '2026-12-07T00:00:00Z' }, spec, ...(status ? { status } : {}) };
}

describe('user strategy', () => {
  it('bounds the display name at 256 bytes', () => {
    expect(userStrategy.validate(user({ displayName: 'Alice' }))).toEqual([]);
    expect(userStrategy.validate(user({ displayName: 'é'.repeat(129) })).map(fieldErrorMessage)).toEqual(['spec.displayName: Too long: may not be more than 256 bytes']);
  });

  it('prints the display name and the teams from status with their roles', () => {
    const now = { now: new Date('2026-12-07T00:00:30Z') };
    const member = user({ displayName: 'Alice' }, { teams: [{ team: 'blue', role: 'edit' }, { team: 'green', role: 'view' }] });
    expect(userStrategy.table!.row(member, now)).toEqual(['alice', 'Alice', 'blue(edit),green(view)', '30s']);
    expect(userStrategy.table!.row(user({}), now)).toEqual(['alice', '<none>', '<none>', '30s']);
  });
});
