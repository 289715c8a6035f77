import { strictDecodingMessage, unknownFieldLocations, unknownFields } from './unknown-fields.validator';

const deployment = (container: Record<string, unknown>) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { 'any-key': 'x' }, annotations: { 'a/b': 'c' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'sidecar', image: 'busybox' }, container] },
    },
  },
});

describe('unknownFields', () => {
  it('accepts a valid Deployment, including free map keys', () => {
    const container = { name: 'web', image: 'nginx', env: [{ name: 'A', value: '1' }], resources: { limits: { cpu: '1' } } };
    expect(unknownFields('io.k8s.api.apps.v1.Deployment', deployment(container))).toEqual([]);
  });

  it('reports a typo deep in a container with its upstream path', () => {
    const container = { name: 'web', image: 'nginx', imagePullPolicyy: 'Always', ports: [{ containerPort: 80, hostPortt: 1 }] };
    expect(unknownFields('io.k8s.api.apps.v1.Deployment', deployment(container))).toEqual([
      'spec.template.spec.containers[1].imagePullPolicyy',
      'spec.template.spec.containers[1].ports[0].hostPortt',
    ]);
  });

  it('reports unknown fields at every level but ignores apiVersion and kind at the top', () => {
    const object = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', nmae: 'y' }, data: { k: 'v' }, foo: 1 };
    expect(unknownFields('io.k8s.api.core.v1.ConfigMap', object)).toEqual(['metadata.nmae', 'foo']);
  });

  it('checks a CRD schema, its metadata as ObjectMeta, and leaves preserved subtrees alone', () => {
    const schema = {
      type: 'object' as const,
      properties: {
        spec: { type: 'object' as const, properties: { size: { type: 'integer' as const }, extra: { type: 'object' as const, 'x-kubernetes-preserve-unknown-fields': true } } },
      },
    };
    const object = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', labelz: {} }, spec: { size: 1, colour: 'red', extra: { anything: 1 } } };
    expect(unknownFields(schema, object)).toEqual(['metadata.labelz', 'spec.colour']);
  });

  it('accepts apiVersion, kind and metadata on a CRD embedded resource', () => {
    const podSpec = { type: 'object' as const, properties: {} };
    const template = { type: 'object' as const, 'x-kubernetes-embedded-resource': true, properties: { spec: podSpec } };
    const schema = { type: 'object' as const, properties: { spec: { type: 'object' as const, properties: { template } } } };
    const object = { spec: { template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { nope: 1 } } } };
    expect(unknownFields(schema, object)).toEqual(['spec.template.spec.nope']);
  });
});

describe('unknownFieldLocations', () => {
  it('gives keys and indices, keeping dotted map keys whole', () => {
    const crd = { type: 'object' as const, properties: { spec: { type: 'object' as const, additionalProperties: { type: 'object' as const, properties: { a: { type: 'string' as const } } } } } };
    const object = { spec: { 'example.com/x': { a: 'x', b: 1 } }, list: [] };
    expect(unknownFieldLocations(crd, object)).toEqual([['spec', 'example.com/x', 'b'], ['list']]);
    expect(unknownFields(crd, object)).toEqual(['spec.example.com/x.b', 'list']);
  });
});

describe('strictDecodingMessage', () => {
  it('builds the upstream BadRequest message', () => {
    expect(strictDecodingMessage(['spec.foo', 'spec.bar'])).toBe('strict decoding error: unknown field "spec.foo", unknown field "spec.bar"');
  });
});
