import { applyStrategicMergePatch } from '../strategic/strategic-merge-patch.apply';
import { openApiNavigator } from './openapi-navigator.adapter';

describe('openApiNavigator', () => {
  it('resolves upstream models so strategic merge patch merges containers by name', () => {
    expect(openApiNavigator.fieldSchema('io.k8s.api.core.v1.PodSpec', 'containers')).toEqual({ kind: 'array', items: { kind: 'object', model: 'io.k8s.api.core.v1.Container' } });
    const deployment = { metadata: { name: 'web' }, spec: { template: { spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] } } } };
    const result = applyStrategicMergePatch(deployment, { spec: { template: { spec: { containers: [{ name: 'b', image: 'z' }] } } } }, 'io.k8s.api.apps.v1.Deployment', openApiNavigator);
    expect(result.spec.template.spec.containers).toEqual([{ name: 'a', image: 'x' }, { name: 'b', image: 'z' }]);
  });
});
