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
    expect(strategy.validate(object).map(fieldErrorMessage)).toEqual(['spec.scaleTargetRef.kind: Required value', 'spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`']);
  });
});
