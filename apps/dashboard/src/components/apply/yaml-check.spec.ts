import { describe, expect, it } from '@jest/globals';
import { checkManifests } from './yaml-check';
import { EXAMPLES } from './example-manifests';

describe('checkManifests', () => {
  it('accepts every example manifest', () => {
    for (const example of EXAMPLES) expect(checkManifests(example.yaml).problems).toEqual([]);
  });

  it('reports a syntax error with its line', () => {
    const { problems } = checkManifests('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n data: [\n');
    expect(problems[0]).toMatchObject({ severity: 'error', line: 5 });
  });

  it('lists the documents and warns about one without a kind', () => {
    const { manifests, problems } = checkManifests('apiVersion: v1\nkind: Service\nmetadata: {name: a}\n---\n# only a comment\n---\napiVersion: v1\nmetadata: {name: b}\n');
    expect(manifests.map((m) => m.kind)).toEqual(['Service', undefined]);
    expect(problems).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringContaining('kind') })]);
  });
});
