import { isEmptySelector, mapSelectorMatches, selectorMatches } from './label-selector';

describe('selectorMatches', () => {
  const labels = { app: 'web', tier: 'front' };

  it('matches matchLabels and every expression operator', () => {
    expect(selectorMatches({ matchLabels: { app: 'web' } }, labels)).toBe(true);
    expect(selectorMatches({ matchLabels: { app: 'db' } }, labels)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'back'] }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['front'] }] }, labels)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'missing', operator: 'NotIn', values: ['x'] }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'app', operator: 'Exists' }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, labels)).toBe(false);
  });

  it('matches nothing with a null selector and everything with an empty one', () => {
    expect(selectorMatches(undefined, labels)).toBe(false);
    expect(selectorMatches({}, labels)).toBe(true);
    expect(isEmptySelector({})).toBe(true);
    expect(isEmptySelector({ matchLabels: { a: 'b' } })).toBe(false);
  });

  it('treats a ReplicationController map selector as equality on every key', () => {
    expect(mapSelectorMatches({ app: 'web' }, labels)).toBe(true);
    expect(mapSelectorMatches({ app: 'web', tier: 'back' }, labels)).toBe(false);
    expect(mapSelectorMatches({}, labels)).toBe(false);
  });
});
