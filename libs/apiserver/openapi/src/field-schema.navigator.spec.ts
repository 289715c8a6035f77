import { fieldSchema } from './field-schema.navigator';

describe('fieldSchema', () => {
  it('follows a field to the model it refers to', () => {
    expect(fieldSchema('io.k8s.api.apps.v1.DeploymentSpec', 'template')).toEqual({ kind: 'object', model: 'io.k8s.api.core.v1.PodTemplateSpec' });
    expect(fieldSchema('io.k8s.api.apps.v1.Deployment', 'metadata')).toEqual({ kind: 'object', model: 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' });
  });

  it('describes arrays of models and maps of strings', () => {
    expect(fieldSchema('io.k8s.api.core.v1.PodSpec', 'containers')).toEqual({ kind: 'array', items: { kind: 'object', model: 'io.k8s.api.core.v1.Container' } });
    expect(fieldSchema('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'labels')).toEqual({ kind: 'map', values: { kind: 'primitive', type: 'string' } });
  });

  it('resolves named scalars to primitives', () => {
    expect(fieldSchema('io.k8s.api.apps.v1.RollingUpdateDeployment', 'maxSurge')).toEqual({ kind: 'primitive', type: 'string', format: 'int-or-string' });
    expect(fieldSchema('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'creationTimestamp')).toEqual({ kind: 'primitive', type: 'string', format: 'date-time' });
    expect(fieldSchema('io.k8s.api.apps.v1.DeploymentSpec', 'replicas')).toEqual({ kind: 'primitive', type: 'integer', format: 'int32' });
  });

  it('reports free-form JSON as any', () => {
    expect(fieldSchema('io.k8s.api.apps.v1.ControllerRevision', 'data')).toEqual({ kind: 'any' });
  });

  it('is undefined for unknown models and fields', () => {
    expect(fieldSchema('io.k8s.api.apps.v1.DeploymentSpec', 'replica')).toBeUndefined();
    expect(fieldSchema('io.k8s.api.apps.v1.Nope', 'spec')).toBeUndefined();
  });
});
