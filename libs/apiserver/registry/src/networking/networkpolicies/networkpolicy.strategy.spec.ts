import { fieldErrorMessage, KubeObject } from '@drydock/util';
import { networkPolicyStrategy } from './networkpolicy.strategy';

function policy(spec: Record<string, unknown>): KubeObject {
  const object: KubeObject = { metadata: { name: 'deny', namespace: 'default', creationTimestamp: '2026-11-22T00:00:00Z' }, spec };
  networkPolicyStrategy.defaults!(object);
  return object;
}

describe('networkpolicy strategy', () => {
  it('defaults policy types from the rules and port protocols to TCP', () => {
    const object = policy({ podSelector: {}, egress: [{ ports: [{ port: 53 }] }] });
    expect(object.spec).toEqual({ podSelector: {}, egress: [{ ports: [{ port: 53, protocol: 'TCP' }] }], policyTypes: ['Ingress', 'Egress'] });
    expect(networkPolicyStrategy.table!.row(object, { now: new Date('2026-11-22T00:00:02Z') })).toEqual(['deny', '<none>', '2s']);
  });

  it('rejects an empty peer and an end port below the port', () => {
    const object = policy({ podSelector: { matchLabels: { app: 'db' } }, ingress: [{ from: [{}], ports: [{ port: 80, endPort: 70 }] }] });
    expect(networkPolicyStrategy.validate(object).map(fieldErrorMessage)).toEqual([
      'spec.ingress[0].ports[0].endPort: Invalid value: 80: must be greater than or equal to `port`',
      'spec.ingress[0].from[0]: Required value: must specify a peer',
    ]);
  });
});
