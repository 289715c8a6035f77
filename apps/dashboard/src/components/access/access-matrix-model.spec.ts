import { describe, expect, it } from '@jest/globals';
import { rulesMatrix } from './access-matrix-model';

describe('rulesMatrix', () => {
  it('merges the verbs of every rule naming a resource into one row, resources named as kubectl does (deployments.apps)', () => {
    const rows = rulesMatrix([
      { verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'], resourceNames: [] },
      { verbs: ['watch'], apiGroups: [''], resources: ['pods', 'services'], resourceNames: [] },
      { verbs: ['update'], apiGroups: ['apps'], resources: ['deployments/scale'], resourceNames: [] },
    ]);
    expect(rows.map((row) => [row.resource, [...row.verbs].sort()])).toEqual([
      ['deployments/scale.apps', ['update']],
      ['pods', ['get', 'list', 'watch']],
      ['services', ['watch']],
    ]);
  });

  it('puts wildcards first and spreads a * verb over every column, keeping it listed', () => {
    const [row] = rulesMatrix([{ verbs: ['*'], apiGroups: ['*'], resources: ['*'], resourceNames: [] }]);
    expect(row.resource).toBe('*.*');
    expect(row.verbs.size).toBe(8);
    expect(row.otherVerbs).toEqual(['*']);
  });

  it('keeps rules limited to named objects apart, and verbs outside the columns beside the row', () => {
    const rows = rulesMatrix([
      { verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['settings'] },
      { verbs: ['list'], apiGroups: [''], resources: ['configmaps'], resourceNames: [] },
      { verbs: ['impersonate'], apiGroups: [''], resources: ['users'], resourceNames: [] },
    ]);
    expect(rows.map((row) => [row.resource, row.resourceNames, [...row.verbs], row.otherVerbs])).toEqual([
      ['configmaps', [], ['list'], []],
      ['configmaps', ['settings'], ['get'], []],
      ['users', [], [], ['impersonate']],
    ]);
  });
});
