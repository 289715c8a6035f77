import { applyStrategicMergePatch } from '../strategic/strategic-merge-patch.apply';
import { openApiNavigator } from './openapi-navigator.adapter';

describe('openApiNavigator', () => {
  it('resolves upstream models so strategic merge patch merges containers by name', () => {
    expect(openApiNavigator.fieldSchema('io.k8s.api.core.v1.PodSpec', 'containers')).toEqual({ kind: 'array', items: { kind: 'object', model: 'io.k8s.api.core.v1.Container' } });
    const deployment = { metadata: { name: 'web' }, spec: { template: { spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] } } } };
    const result = applyStrategicMergePatch(deployment, { spec: { template: { spec: { containers: [{ name: 'b', image: 'z' }] } } } }, 'io.k8s.api.apps.v1.Deployment', openApiNavigator);
    expect(result.spec.template.spec.containers).toEqual([{ name: 'a', image: 'x' }, { name: 'b', image: 'z' }]);
  });

  it('applies kubectl apply’s patch for a strategy switch, an env change and a volume source switch', () => {
    const deployment = {
      metadata: { name: 'web' },
      spec: {
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
        template: {
          spec: {
            containers: [{ name: 'a', image: 'x', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }], volumeMounts: [{ name: 'd', mountPath: '/d' }] }],
            volumes: [{ name: 'd', emptyDir: {} }],
          },
        },
      },
    };
    const patch = {
      spec: {
        strategy: { $retainKeys: ['type'], rollingUpdate: null, type: 'Recreate' },
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'a' }],
            '$setElementOrder/volumes': [{ name: 'd' }],
            containers: [{ name: 'a', '$setElementOrder/env': [{ name: 'B' }, { name: 'A' }], env: [{ name: 'B', value: '3' }] }],
            volumes: [{ name: 'd', $retainKeys: ['configMap', 'name'], configMap: { name: 'cfg' }, emptyDir: null }],
          },
        },
      },
    };
    const result = applyStrategicMergePatch(deployment, patch, 'io.k8s.api.apps.v1.Deployment', openApiNavigator);
    expect(result.spec.strategy).toEqual({ type: 'Recreate' });
    expect(result.spec.template.spec.containers[0].env).toEqual([{ name: 'B', value: '3' }, { name: 'A', value: '1' }]);
    expect(result.spec.template.spec.volumes).toEqual([{ name: 'd', configMap: { name: 'cfg' } }]);
  });
});
