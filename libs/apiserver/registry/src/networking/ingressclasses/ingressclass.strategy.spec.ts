import { fieldErrorMessage, KubeObject } from '@drydock/util';
import { ingressClassStrategy } from './ingressclass.strategy';

function ingressClass(spec: Record<string, unknown>): KubeObject {
  const object: KubeObject = { metadata: { name: 'nginx', creationTimestamp: '2026-11-22T00:00:00Z' }, spec };
  ingressClassStrategy.defaults!(object);
  return object;
}

describe('ingressclass strategy', () => {
  it('defaults the parameters scope and prints kind.group/name', () => {
    const object = ingressClass({ controller: 'k8s.io/ingress-nginx', parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'external-lb' } });
    expect(ingressClassStrategy.validate(object)).toEqual([]);
    expect(ingressClassStrategy.table!.row(object, { now: new Date('2026-11-22T00:00:01Z') })).toEqual(['nginx', 'k8s.io/ingress-nginx', 'IngressParameters.k8s.example.com/external-lb', '1s']);
  });

  it('requires a domain-prefixed controller that never changes', () => {
    expect(ingressClassStrategy.validate(ingressClass({ controller: 'nginx' })).map(fieldErrorMessage)).toEqual(['spec.controller: Invalid value: "nginx": must be a domain-prefixed path (such as "acme.io/foo")']);
    const updated = ingressClass({ controller: 'example.com/other' });
    expect(ingressClassStrategy.validateUpdate!(updated, ingressClass({ controller: 'k8s.io/ingress-nginx' })).map((e) => e.field)).toEqual(['spec.controller']);
  });
});
