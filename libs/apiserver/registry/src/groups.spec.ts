import { groupResources } from './groups';

describe('groupResources', () => {
  it('defines each group/version/resource once, with a strategy and an OpenAPI model', () => {
    const keys = groupResources.map((d) => `${d.group}/${d.version}/${d.resource}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const definition of groupResources) {
      expect(typeof definition.strategy.validate).toBe('function');
      expect(definition.model).toMatch(/^io\.k8s\./);
    }
  });

  it('puts the kinds `kubectl get all` expands in the all category', () => {
    const all = groupResources.filter((d) => d.categories?.includes('all')).map((d) => `${d.resource}.${d.group}/${d.version}`);
    expect(all.sort()).toEqual([
      'cronjobs.batch/v1',
      'daemonsets.apps/v1',
      'deployments.apps/v1',
      'horizontalpodautoscalers.autoscaling/v1',
      'horizontalpodautoscalers.autoscaling/v2',
      'jobs.batch/v1',
      'replicasets.apps/v1',
      'statefulsets.apps/v1',
    ]);
  });

  it('gives scale subresources a label selector path for kubectl scale and the HPA', () => {
    const scaled = groupResources.filter((d) => d.subresources?.scale).map((d) => d.resource);
    expect(scaled.sort()).toEqual(['deployments', 'replicasets', 'statefulsets']);
    for (const d of groupResources.filter((r) => r.subresources?.scale)) expect(d.subresources!.scale!.labelSelectorPath).toBe('spec.selector');
  });
});

describe('name validation', () => {
  it('uses DNS labels for statefulsets and path segments for RBAC kinds, as upstream', () => {
    const rules = Object.fromEntries(groupResources.filter((d) => d.nameValidation).map((d) => [d.resource, d.nameValidation]));
    expect(rules).toEqual({ statefulsets: 'label', ipaddresses: 'pathSegment', clusterrolebindings: 'pathSegment', clusterroles: 'pathSegment', rolebindings: 'pathSegment', roles: 'pathSegment' });
  });
});
