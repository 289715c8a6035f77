import { getModel, modelNameForKind, modelNames, resourceSchema } from './model-table.loader';

describe('model table', () => {
  it('names models upstream-style, the last segment being the Go type', () => {
    const names = modelNames();
    expect(names).toEqual(expect.arrayContaining([
      'io.k8s.api.apps.v1.DeploymentSpec',
      'io.k8s.api.core.v1.PodSpec',
      'io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler',
      'io.k8s.api.events.v1.Event',
      'io.k8s.api.core.v1.Event',
      'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta',
      'io.k8s.apimachinery.pkg.util.intstr.IntOrString',
      'io.k8s.apimachinery.pkg.api.resource.Quantity',
      'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition',
    ]));
    expect(getModel('io.k8s.apimachinery.pkg.util.intstr.IntOrString')).toMatchObject({ type: 'string', format: 'int-or-string' });
    expect(getModel('io.k8s.apimachinery.pkg.apis.meta.v1.Time')).toMatchObject({ type: 'string', format: 'date-time' });
  });

  it('finds kinds by group, version and kind, including kinds served only as subresources', () => {
    expect(modelNameForKind({ group: 'apps', version: 'v1', kind: 'Deployment' })).toBe('io.k8s.api.apps.v1.Deployment');
    expect(modelNameForKind({ group: 'apps', version: 'v1', kind: 'DeploymentList' })).toBe('io.k8s.api.apps.v1.DeploymentList');
    expect(modelNameForKind({ group: 'autoscaling', version: 'v1', kind: 'Scale' })).toBe('io.k8s.api.autoscaling.v1.Scale');
    expect(modelNameForKind({ group: 'policy', version: 'v1', kind: 'Eviction' })).toBe('io.k8s.api.policy.v1.Eviction');
    expect(modelNameForKind({ group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' })).toBe('io.k8s.api.authentication.v1.TokenRequest');
    expect(modelNameForKind({ group: '', version: 'v1', kind: 'Nope' })).toBeUndefined();
  });

  it('picks what describes a resource: CRD schema, then model, then GVK', () => {
    const schema = { type: 'object' as const };
    expect(resourceSchema({ group: 'x.io', version: 'v1', kind: 'W', schema })).toBe(schema);
    expect(resourceSchema({ group: '', version: 'v1', kind: 'ConfigMap' })).toBe('io.k8s.api.core.v1.ConfigMap');
  });

  it('holds Drydock\'s own group beside the generated models, every reference resolving', () => {
    expect(modelNameForKind({ group: 'drydock.dev', version: 'v1', kind: 'Team' })).toBe('dev.drydock.v1.Team');
    expect(modelNameForKind({ group: 'drydock.dev', version: 'v1', kind: 'UserList' })).toBe('dev.drydock.v1.UserList');
    const drydockNames = modelNames().filter((name) => name.startsWith('dev.drydock.'));
    const refs = drydockNames.flatMap((name) => JSON.stringify(getModel(name)).match(/#\/components\/schemas\/[\w.-]+/g) ?? []);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(getModel(ref.slice('#/components/schemas/'.length))).toBeDefined();
  });

  it('returns nothing for a name inherited from Object.prototype', () => {
    expect(getModel('constructor')).toBeUndefined();
  });
});
