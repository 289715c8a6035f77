import { findMatchingUntoleratedTaint, getMatchingTolerations, toleratesTaint, tolerationsTolerateTaint } from './tolerations';

describe('toleratesTaint', () => {
  it('matches tolerations as core/v1 does', () => {
    expect(toleratesTaint({ key: 'a', value: 'b' }, { key: 'a', value: 'b', effect: 'NoSchedule' })).toBe(true);
    expect(toleratesTaint({ key: 'a', value: 'c' }, { key: 'a', value: 'b', effect: 'NoSchedule' })).toBe(false);
    expect(toleratesTaint({ operator: 'Exists' }, { key: 'any', effect: 'NoExecute' })).toBe(true);
    expect(toleratesTaint({ key: 'a', operator: 'Exists', effect: 'NoSchedule' }, { key: 'a', effect: 'NoExecute' })).toBe(false);
  });

  it('treats an empty operator as Equal and refuses an unknown one', () => {
    expect(toleratesTaint({ key: 'a', operator: 'Equal', value: 'b' }, { key: 'a', value: 'b', effect: 'NoSchedule' })).toBe(true);
    expect(toleratesTaint({ key: 'a' }, { key: 'a', effect: 'NoSchedule' })).toBe(true);
    expect(toleratesTaint({ key: 'a', operator: 'Near' }, { key: 'a', effect: 'NoSchedule' })).toBe(false);
  });

  it('lets an empty key with Equal tolerate any key of an empty value, as upstream', () => {
    expect(toleratesTaint({ operator: 'Equal' }, { key: 'anything', effect: 'NoSchedule' })).toBe(true);
    expect(toleratesTaint({ operator: 'Equal' }, { key: 'anything', value: 'v', effect: 'NoSchedule' })).toBe(false);
  });
});

describe('taint sets', () => {
  const noSchedule = { key: 'a', effect: 'NoSchedule' };
  const noExecute = { key: 'b', effect: 'NoExecute' };

  it('finds the first untolerated taint among those included', () => {
    expect(findMatchingUntoleratedTaint([noSchedule, noExecute], [{ key: 'a', operator: 'Exists' }])).toBe(noExecute);
    expect(findMatchingUntoleratedTaint([noSchedule, noExecute], [], (t) => t.effect === 'NoExecute')).toBe(noExecute);
    expect(findMatchingUntoleratedTaint([noSchedule], [{ operator: 'Exists' }])).toBeUndefined();
    expect(tolerationsTolerateTaint(undefined, noSchedule)).toBe(false);
  });

  it('returns the tolerations that match when every taint is tolerated', () => {
    const a = { key: 'a', operator: 'Exists' };
    const b = { key: 'b', operator: 'Exists', tolerationSeconds: 30 };
    expect(getMatchingTolerations([noSchedule, noExecute], [a, b])).toEqual({ tolerated: true, matching: [a, b] });
    expect(getMatchingTolerations([noSchedule, noExecute], [a])).toEqual({ tolerated: false, matching: [] });
  });
});
