import { matchesNodeSelectorTerm, matchesNodeSelectorTerms, matchesRequiredNodeAffinity } from './node-affinity';

const node = { metadata: { name: 'n1', labels: { gpus: '4', zone: 'a' } } };

describe('node selector terms', () => {
  it('supports Gt/Lt and matchFields on metadata.name; an empty term matches nothing', () => {
    expect(matchesNodeSelectorTerm({ matchExpressions: [{ key: 'gpus', operator: 'Gt', values: ['2'] }] }, node)).toBe(true);
    expect(matchesNodeSelectorTerm({ matchExpressions: [{ key: 'gpus', operator: 'Lt', values: ['2'] }] }, node)).toBe(false);
    expect(matchesNodeSelectorTerm({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }, node)).toBe(true);
    expect(matchesNodeSelectorTerm({ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['n1'] }] }, node)).toBe(false);
    expect(matchesNodeSelectorTerm({}, node)).toBe(false);
  });

  it('ANDs the requirements of a term and ORs the terms', () => {
    const zoneB = { matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] };
    const both = { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }, { key: 'gpus', operator: 'DoesNotExist' }] };
    expect(matchesNodeSelectorTerm(both, node)).toBe(false);
    expect(matchesNodeSelectorTerms([zoneB, { matchExpressions: [{ key: 'gpus', operator: 'Exists' }] }], node)).toBe(true);
    expect(matchesNodeSelectorTerms([zoneB], node)).toBe(false);
  });

  it('matches nothing with a term it cannot convert', () => {
    expect(matchesNodeSelectorTerm({ matchExpressions: [{ key: 'zone', operator: 'Near', values: ['a'] }] }, node)).toBe(false);
    expect(matchesNodeSelectorTerm({ matchExpressions: [{ key: 'gpus', operator: 'Gt', values: ['x'] }] }, node)).toBe(false);
    expect(matchesNodeSelectorTerm({ matchFields: [{ key: 'metadata.name', operator: 'Exists' }] }, node)).toBe(false);
  });
});

describe('required node affinity', () => {
  it('needs every nodeSelector pair and one required term', () => {
    expect(matchesRequiredNodeAffinity({ nodeSelector: { zone: 'a' } }, node)).toBe(true);
    expect(matchesRequiredNodeAffinity({ nodeSelector: { zone: 'b' } }, node)).toBe(false);
    const required = (values: string[]) => ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values }] }] } } } });
    expect(matchesRequiredNodeAffinity(required(['a']), node)).toBe(true);
    expect(matchesRequiredNodeAffinity(required(['b']), node)).toBe(false);
    expect(matchesRequiredNodeAffinity({}, node)).toBe(true);
  });
});
