import { fieldErrorMessage, KubeObject } from '@drydock/util';
import { resourceQuotaStrategy as strategy } from './resourcequota.strategy';

const ctx = { now: new Date('2026-11-22T12:00:00Z') };

describe('resourceQuotaStrategy', () => {
  it('prints requests and limits as used/hard pairs', () => {
    const quota: KubeObject = {
      metadata: { name: 'q', creationTimestamp: '2026-11-22T11:59:00Z' },
      status: { hard: { pods: '10', 'limits.cpu': '4', 'requests.cpu': '2' }, used: { pods: '3', 'requests.cpu': '500m' } },
    };
    expect(strategy.table?.row(quota, ctx)).toEqual(['q', 'pods: 3/10, requests.cpu: 500m/2', 'limits.cpu: 0/4', '60s']);
  });

  it('rejects an unknown unqualified resource and negative quantities', () => {
    const quota: KubeObject = { metadata: { name: 'q' }, spec: { hard: { widgets: '1', pods: '-1' } } };
    expect(strategy.validate(quota).map(fieldErrorMessage)).toEqual([
      'spec.hard[pods]: Invalid value: "-1": must be greater than or equal to 0',
      'spec.hard[widgets]: Invalid value: "widgets": must be a standard resource for quota',
    ]);
  });
});
