import { fieldErrorMessage, KubeObject } from '@drydock/util';
import { horizontalPodAutoscalerStrategy } from './hpa.strategy';

const now = new Date('2026-11-22T01:00:00Z');

function hpa(spec: Record<string, unknown>): KubeObject {
  return { metadata: { name: 'web', namespace: 'default', creationTimestamp: '2026-11-22T00:00:00Z' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 5, ...spec } };
}

describe('horizontalpodautoscaler strategy', () => {
  it('defaults v2 to a cpu utilization metric at 80% and prints it', () => {
    const strategy = horizontalPodAutoscalerStrategy('v2');
    const object = hpa({});
    strategy.defaults!(object);
    expect(object.spec).toMatchObject({ minReplicas: 1, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }] });
    expect(strategy.validate(object)).toEqual([]);
    expect(strategy.table!.row(object, { now })).toEqual(['web', 'Deployment/web', 'cpu: <unknown>/80%', '1', 5, 0, '60m']);
  });

  it('prints v1 targets from targetCPUUtilizationPercentage and the current utilization', () => {
    const strategy = horizontalPodAutoscalerStrategy('v1');
    const object = hpa({ targetCPUUtilizationPercentage: 50 });
    strategy.defaults!(object);
    object.status = { currentReplicas: 2, currentCPUUtilizationPercentage: 31 };
    expect(strategy.table!.row(object, { now })).toEqual(['web', 'Deployment/web', 'cpu: 31%/50%', '1', 5, 2, '60m']);
  });

  it('rejects maxReplicas below minReplicas and a missing target kind', () => {
    const strategy = horizontalPodAutoscalerStrategy('v2');
    const object = hpa({ minReplicas: 3, maxReplicas: 2, scaleTargetRef: { name: 'web' } });
    strategy.defaults!(object);
    expect(strategy.validate(object).map(fieldErrorMessage)).toEqual(['spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`', 'spec.scaleTargetRef.kind: Required value']);
  });

  it('validates metric sources and scaling policies with the upstream messages', () => {
    const strategy = horizontalPodAutoscalerStrategy('v2');
    const object = hpa({
      metrics: [{ type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'Value', value: '0' } } }],
      behavior: { scaleDown: { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 10, periodSeconds: 3600 }] } },
    });
    strategy.defaults!(object);
    expect(strategy.validate(object).map(fieldErrorMessage)).toEqual([
      'spec.metrics[0].pods.target.value: Invalid value: "0": must be positive',
      'spec.metrics[0].pods.target.averageValue: Required value: must specify a positive target averageValue',
      'spec.behavior.scaleDown.policies[0].periodSeconds: Invalid value: 3600: must be less than or equal to 1800',
    ]);
  });

  it('reports a v1 cpu target of 0 on the converted metric, as upstream', () => {
    const strategy = horizontalPodAutoscalerStrategy('v1');
    const object = hpa({ targetCPUUtilizationPercentage: 0 });
    strategy.defaults!(object);
    expect(strategy.validate(object).map(fieldErrorMessage)).toEqual(['spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0']);
  });
});
