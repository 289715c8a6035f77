import { fieldErrorMessage, KubeObject } from '@drydock/util';
import { serviceStrategy } from './service.strategy';

const ctx = { now: new Date('2026-11-22T12:00:00Z') };

function service(spec: Record<string, unknown>): KubeObject {
  const svc: KubeObject = { metadata: { name: 'web', namespace: 'default', creationTimestamp: '2026-11-22T11:00:00Z' }, spec };
  serviceStrategy.defaults?.(svc);
  serviceStrategy.prepareForCreate?.(svc, ctx);
  return svc;
}

describe('serviceStrategy defaults', () => {
  it('defaults type, affinity, traffic policy, IP families and port protocol/targetPort', () => {
    expect(service({ selector: { app: 'web' }, ports: [{ port: 80 }] }).spec).toEqual({
      selector: { app: 'web' },
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
      type: 'ClusterIP',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
      ipFamilyPolicy: 'SingleStack',
      ipFamilies: ['IPv4'],
    });
  });

  it('defaults externalTrafficPolicy for NodePort services', () => {
    expect(service({ type: 'NodePort', ports: [{ port: 80 }] }).spec).toMatchObject({ externalTrafficPolicy: 'Cluster' });
  });

  it('defaults the ClientIP affinity timeout', () => {
    expect(service({ sessionAffinity: 'ClientIP', ports: [{ port: 80 }] }).spec).toMatchObject({ sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } } });
  });

  it('starts with an empty load balancer status', () => {
    expect(service({ ports: [{ port: 80 }] }).status).toEqual({ loadBalancer: {} });
  });
});

describe('serviceStrategy validation', () => {
  it('requires ports for a non-headless service', () => {
    expect(serviceStrategy.validate(service({})).map(fieldErrorMessage)).toEqual(['spec.ports: Required value']);
  });

  it('requires names when there are several ports and rejects bad port numbers', () => {
    const svc = service({ ports: [{ port: 80 }, { name: 'b', port: 70000 }] });
    expect(serviceStrategy.validate(svc).map(fieldErrorMessage)).toEqual([
      'spec.ports[0].name: Required value',
      'spec.ports[1].port: Invalid value: 70000: must be between 1 and 65535, inclusive',
      'spec.ports[1].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
    ]);
  });

  it('forbids nodePort on ClusterIP services', () => {
    const svc = service({ ports: [{ port: 80, nodePort: 30080 }] });
    expect(serviceStrategy.validate(svc).map(fieldErrorMessage)).toEqual(["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"]);
  });

  it('lists the supported types', () => {
    expect(serviceStrategy.validate(service({ type: 'Magic', ports: [{ port: 80 }] })).map(fieldErrorMessage)).toEqual([
      'spec.type: Unsupported value: "Magic": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    ]);
  });

  it('keeps the allocated clusterIP and nodePorts when an update omits them', () => {
    const old = service({ type: 'NodePort', ports: [{ port: 80 }] });
    Object.assign(old.spec as object, { clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'] });
    (old.spec as { ports: Record<string, unknown>[] }).ports[0].nodePort = 30080;
    const next = service({ type: 'NodePort', ports: [{ port: 80 }] });
    serviceStrategy.prepareForUpdate?.(next, old, ctx);
    expect(next.spec).toMatchObject({ clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], ports: [{ port: 80, nodePort: 30080 }] });
    expect(serviceStrategy.validateUpdate?.(next, old)).toEqual([]);
  });

  it('refuses to change the cluster IP', () => {
    const old = service({ ports: [{ port: 80 }], clusterIP: '10.96.0.10' });
    const next = service({ ports: [{ port: 80 }], clusterIP: '10.96.0.11' });
    expect(serviceStrategy.validateUpdate?.(next, old).map(fieldErrorMessage)).toEqual(['spec.clusterIPs[0]: Invalid value: ["10.96.0.11"]: may not change once set']);
  });
});

describe('serviceStrategy table', () => {
  it('prints type, cluster IP, external IP, ports, age and selector', () => {
    const svc = service({ type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, nodePort: 30080 }], clusterIP: '10.96.0.10' });
    expect(serviceStrategy.table?.row(svc, ctx)).toEqual(['web', 'NodePort', '10.96.0.10', '<none>', '80:30080/TCP', '60m', 'app=web']);
  });

  it('shows <pending> for a LoadBalancer without ingress', () => {
    const svc = service({ type: 'LoadBalancer', ports: [{ port: 80 }] });
    expect(serviceStrategy.table?.row(svc, ctx)[3]).toBe('<pending>');
  });
});

describe('headless services', () => {
  it('mirror clusterIP None into clusterIPs and need no ports', () => {
    const svc = service({ clusterIP: 'None', selector: { app: 'db' } });
    expect(svc.spec).toMatchObject({ clusterIPs: ['None'], ipFamilyPolicy: 'SingleStack' });
    expect(serviceStrategy.validate(svc)).toEqual([]);
  });

  it('default to RequireDualStack without a selector', () => {
    expect(service({ clusterIP: 'None' }).spec).toMatchObject({ ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv4'] });
  });
});
