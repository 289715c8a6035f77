import { fieldErrorMessage, KubeObject } from '@drydock/util';
import { ingressStrategy } from './ingress.strategy';

function ingress(spec: Record<string, unknown>): KubeObject {
  return { metadata: { name: 'web', namespace: 'default', creationTimestamp: '2026-11-22T00:00:00Z' }, spec };
}

const backend = { service: { name: 'web', port: { number: 80 } } };

describe('ingress strategy', () => {
  it('accepts a rule with a prefix path and prints hosts, class and ports', () => {
    const object = ingress({ ingressClassName: 'nginx', rules: [{ host: 'example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } }], tls: [{ hosts: ['example.com'] }] });
    expect(ingressStrategy.validate(object)).toEqual([]);
    object.status = { loadBalancer: { ingress: [{ ip: '10.0.0.2' }, { hostname: 'lb.example.com' }] } };
    expect(ingressStrategy.table!.row(object, { now: new Date('2026-11-22T00:00:30Z') })).toEqual(['web', 'nginx', 'example.com', '10.0.0.2,lb.example.com', '80, 443', '30s']);
  });

  it('requires a default backend or rules, a pathType and an absolute path', () => {
    expect(ingressStrategy.validate(ingress({})).map(fieldErrorMessage)).toEqual(['spec: Invalid value: null: either `defaultBackend` or `rules` must be specified']);
    const object = ingress({ rules: [{ http: { paths: [{ path: '/', backend }, { path: 'api', pathType: 'Exact', backend: { service: { name: 'web', port: {} } } }] } }] });
    expect(ingressStrategy.validate(object).map(fieldErrorMessage)).toEqual([
      'spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified',
      'spec.rules[0].http.paths[1].path: Invalid value: "api": must be an absolute path',
      'spec.rules[0].http.paths[1].backend: Required value: port name or number is required',
    ]);
  });
});
