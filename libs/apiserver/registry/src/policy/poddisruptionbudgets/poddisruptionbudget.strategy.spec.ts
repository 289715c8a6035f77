import { fieldErrorMessage, KubeObject } from '@drydock/util';
import { podDisruptionBudgetStrategy } from './poddisruptionbudget.strategy';

function pdb(spec: Record<string, unknown>): KubeObject {
  return { metadata: { name: 'web', namespace: 'default', creationTimestamp: '2026-11-22T00:00:00Z' }, spec: { selector: { matchLabels: { app: 'web' } }, ...spec } };
}

describe('poddisruptionbudget strategy', () => {
  it('rejects minAvailable together with maxUnavailable and percentages over 100%', () => {
    expect(podDisruptionBudgetStrategy.validate(pdb({ minAvailable: 1, maxUnavailable: '120%' })).map(fieldErrorMessage)).toEqual([
      'spec: Invalid value: {"selector":{"matchLabels":{"app":"web"}},"minAvailable":1,"maxUnavailable":"120%"}: minAvailable and maxUnavailable cannot be both set',
      'spec.maxUnavailable: Invalid value: "120%": must not be greater than 100%',
    ]);
  });

  it('starts with the zero status and prints N/A for the unset bound', () => {
    const object = pdb({ minAvailable: '50%' });
    podDisruptionBudgetStrategy.prepareForCreate!(object, { now: new Date() });
    expect(object.status).toEqual({ disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 });
    expect(podDisruptionBudgetStrategy.table!.row(object, { now: new Date('2026-11-22T00:00:03Z') })).toEqual(['web', '50%', 'N/A', 0, '3s']);
  });
});
