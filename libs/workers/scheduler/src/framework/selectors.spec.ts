import { matchesLabelSelector, matchesNodeSelectorTerm } from './selectors';
import { makeNode } from './testing';

describe('label selectors', () => {
  it('treats an empty selector as everything and a missing one as nothing', () => {
    expect(matchesLabelSelector({}, { a: 'b' })).toBe(true);
    expect(matchesLabelSelector(null, { a: 'b' })).toBe(false);
  });

  it('applies matchLabels and every operator', () => {
    const labels = { app: 'web', tier: 'front' };
    expect(matchesLabelSelector({ matchLabels: { app: 'web' } }, labels)).toBe(true);
    expect(matchesLabelSelector({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['back'] }] }, labels)).toBe(false);
    expect(matchesLabelSelector({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['back'] }] }, labels)).toBe(true);
    expect(matchesLabelSelector({ matchExpressions: [{ key: 'x', operator: 'DoesNotExist' }] }, labels)).toBe(true);
    expect(matchesLabelSelector({ matchExpressions: [{ key: 'x', operator: 'Exists' }] }, labels)).toBe(false);
  });
});

describe('node selector terms', () => {
  const node = makeNode('n1', { labels: { gpus: '4' } });
  it('supports Gt/Lt and matchFields on metadata.name; an empty term matches nothing', () => {
    expect(matchesNodeSelectorTerm({ matchExpressions: [{ key: 'gpus', operator: 'Gt', values: ['2'] }] }, node)).toBe(true);
    expect(matchesNodeSelectorTerm({ matchExpressions: [{ key: 'gpus', operator: 'Lt', values: ['2'] }] }, node)).toBe(false);
    expect(matchesNodeSelectorTerm({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }, node)).toBe(true);
    expect(matchesNodeSelectorTerm({}, node)).toBe(false);
  });
});
