import { diffYaml, parseManifests } from './apply.service';

describe('parsing manifests to apply', () => {
  it('gives one entry per non-empty document, in order', () => {
    const parsed = parseManifests('---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: b\n');
    expect(parsed.map((p) => [p.index, p.object?.kind, p.error])).toEqual([[0, 'ConfigMap', undefined], [2, 'Secret', undefined]]);
  });

  it('turns a malformed document or a missing apiVersion, kind or name into an error entry, not an exception', () => {
    const parsed = parseManifests('kind: [oops\n---\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\n---\n- a list\n');
    expect(parsed.map((p) => p.error)).toEqual([
      expect.stringMatching(/^error parsing YAML document 1: /),
      'error validating document 2: apiVersion not set',
      'error validating document 3: kind not set',
      'error validating document 4: ConfigMap: metadata.name is required',
      'document 5 is not an object',
    ]);
  });

  it('turns an alias of an anchor never set (`*%`, found by fuzzing: an internal error) into an error entry', () => {
    const parsed = parseManifests('*%\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, labels: {x: *nope}}\n');
    expect(parsed.map((p) => [p.index, p.error])).toEqual([
      [0, expect.stringMatching(/^error parsing YAML document 1: .*alias/i)],
      [1, expect.stringMatching(/^error parsing YAML document 2: .*alias/i)],
    ]);
  });

  it('diffs what a user edits: no status, managedFields or resourceVersion', () => {
    const yaml = diffYaml({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', resourceVersion: '5', uid: 'u', managedFields: [], labels: { x: 'y' } }, status: { phase: 'x' }, data: { k: 'v' } } as never);
    expect(yaml).toBe('apiVersion: v1\ndata:\n  k: v\nkind: ConfigMap\nmetadata:\n  labels:\n    x: y\n  name: a\n');
  });
});
