import { StatusError } from '@drydock/util';
import { applyJsonPatch } from './json-patch.apply';
import { applyMergePatch } from './merge-patch.apply';

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', annotations: { 'deployment.kubernetes.io/revision': '3' }, labels: { app: 'web', tier: 'front' } },
  spec: { replicas: 2, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } } },
};

function thrown(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (error) {
    return error as StatusError;
  }
  throw new Error('expected an error');
}

describe('applyJsonPatch', () => {
  it('replaces /spec/template and /metadata/annotations as kubectl rollout undo sends', () => {
    const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx:1.25' }] } };
    const patch = JSON.stringify([
      { op: 'replace', path: '/spec/template', value: template },
      { op: 'replace', path: '/metadata/annotations', value: { 'deployment.kubernetes.io/revision': '1' } },
    ]);
    const result = applyJsonPatch(deployment, patch);
    expect(result.spec.template).toEqual(template);
    expect(result.metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '1' });
    expect(deployment.spec.template.spec.containers[0].image).toBe('nginx:1.27');
  });

  it('applies add, remove and a passing test in order', () => {
    const patch = [
      { op: 'test', path: '/spec/replicas', value: 2 },
      { op: 'add', path: '/metadata/labels/track', value: 'stable' },
      { op: 'remove', path: '/metadata/labels/tier' },
    ];
    expect(applyJsonPatch(deployment, patch).metadata.labels).toEqual({ app: 'web', track: 'stable' });
  });

  it('answers 422 with upstream’s generic message when a test operation fails', () => {
    const error = thrown(() => applyJsonPatch(deployment, [{ op: 'test', path: '/spec/replicas', value: 5 }]));
    expect(error.toStatus()).toMatchObject({ code: 422, reason: 'Invalid', message: 'the server rejected our request due to an error in our request' });
  });

  it('answers 422 when an operation names a path that does not exist', () => {
    expect(thrown(() => applyJsonPatch(deployment, [{ op: 'remove', path: '/spec/paused' }]))).toMatchObject({ code: 422 });
  });

  it('answers 400 for a body that is not a list of operations', () => {
    expect(thrown(() => applyJsonPatch(deployment, '{"op":"add"}'))).toMatchObject({
      code: 400, message: 'error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp',
    });
    expect(thrown(() => applyJsonPatch(deployment, '[{"op":'))).toMatchObject({ code: 400, reason: 'BadRequest' });
  });

  it('answers 413 past upstream’s 10000 operations', () => {
    const patch = Array.from({ length: 10001 }, () => ({ op: 'test', path: '/kind', value: 'Deployment' }));
    expect(thrown(() => applyJsonPatch(deployment, patch))).toMatchObject({ code: 413, message: 'The allowed maximum operations in a JSON patch is 10000, got 10001' });
  });
});

describe('applyMergePatch', () => {
  it('sets and deletes labels as kubectl label sends them', () => {
    const result = applyMergePatch(deployment, '{"metadata":{"labels":{"tier":null,"track":"stable"}}}');
    expect(result.metadata.labels).toEqual({ app: 'web', track: 'stable' });
    expect(deployment.metadata.labels).toEqual({ app: 'web', tier: 'front' });
  });

  it('replaces lists wholesale', () => {
    const result = applyMergePatch(deployment, { spec: { template: { spec: { containers: [{ name: 'other', image: 'busybox' }] } } } });
    expect(result.spec.template.spec.containers).toEqual([{ name: 'other', image: 'busybox' }]);
    expect(result.spec.replicas).toBe(2);
  });

  it('answers 400 for malformed JSON and for a patch that is not an object', () => {
    expect(thrown(() => applyMergePatch(deployment, '{'))).toMatchObject({ code: 400, reason: 'BadRequest' });
    expect(thrown(() => applyMergePatch(deployment, '[]'))).toMatchObject({ code: 400, message: 'Invalid JSON Patch' });
  });
});
