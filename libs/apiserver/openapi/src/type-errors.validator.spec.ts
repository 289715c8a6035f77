import { firstTypeError } from './type-errors.validator';

const deployment = (spec: Record<string, unknown>) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec });

describe('firstTypeError', () => {
  it('names the Go struct field and type of a string given for an int32', () => {
    expect(firstTypeError('io.k8s.api.apps.v1.Deployment', deployment({ replicas: '3' }))).toBe('json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32');
  });

  it('rejects a number in a map of strings (ConfigMap data)', () => {
    expect(firstTypeError('io.k8s.api.core.v1.ConfigMap', { metadata: { name: 'c' }, data: { port: 8080 } })).toBe('json: cannot unmarshal number into Go struct field ConfigMap.data of type string');
  });

  it('reports fields inside lists without indices, as Go does', () => {
    const pod = { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: '80' }] }] } };
    expect(firstTypeError('io.k8s.api.core.v1.Pod', pod)).toBe('json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32');
  });

  it('accepts numbers for quantities and int-or-string, and nulls anywhere', () => {
    const pod = { metadata: { name: 'p', labels: null }, spec: { containers: [{ name: 'c', image: 'nginx', resources: { limits: { cpu: 1, memory: '1Gi' } }, ports: [{ containerPort: 80 }], livenessProbe: { httpGet: { port: 8080 } } }] } };
    expect(firstTypeError('io.k8s.api.core.v1.Pod', pod)).toBeUndefined();
  });

  it('rejects a malformed quantity with upstream decoder message', () => {
    const pod = { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx', resources: { limits: { cpu: 'abc' } } }] } };
    expect(firstTypeError('io.k8s.api.core.v1.Pod', pod)).toBe("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  });

  it('rejects an object where a list belongs', () => {
    expect(firstTypeError('io.k8s.api.core.v1.Pod', { metadata: { name: 'p' }, spec: { containers: { name: 'c' } } })).toBe('json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container');
  });
});
