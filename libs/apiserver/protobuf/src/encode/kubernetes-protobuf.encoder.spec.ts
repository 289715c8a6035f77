import { decodeKubernetesProtobuf } from '../decode/kubernetes-protobuf.decoder';
import { encodeKubernetesProtobuf, hasKubernetesProtobuf } from './kubernetes-protobuf.encoder';

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', uid: '1f0c', resourceVersion: '42', generation: 2, creationTimestamp: '2026-11-22T04:10:00Z', labels: { b: '2', a: '1' }, managedFields: [{ manager: 'kubectl', operation: 'Update', apiVersion: 'apps/v1', time: '2026-11-22T04:10:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:replicas': {} } } }] },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'web' } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80, protocol: 'TCP' }], resources: { requests: { cpu: '100m', memory: '64Mi' } }, readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 5 } }],
        volumes: [{ name: 'data', emptyDir: { sizeLimit: '1Gi' } }],
        terminationGracePeriodSeconds: 30,
      },
    },
  },
  status: { replicas: 3, readyReplicas: 3, conditions: [{ type: 'Available', status: 'True', lastUpdateTime: '2026-11-22T04:10:05Z', lastTransitionTime: '2026-11-22T04:10:05Z', reason: 'MinimumReplicasAvailable', message: 'ok' }] },
};

describe('encodeKubernetesProtobuf', () => {
  it('writes the k8s envelope that the decoder reads back into the same object', () => {
    const bytes = encodeKubernetesProtobuf(deployment);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('k8s\0');
    expect(decodeKubernetesProtobuf(bytes)).toEqual(deployment);
  });

  it('ends the envelope with the empty contentEncoding and contentType fields Go writes', () => {
    expect(encodeKubernetesProtobuf({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x' } } as never).subarray(-4)).toEqual(Buffer.from([0x1a, 0x00, 0x22, 0x00]));
  });

  it('has messages for built-in kinds only', () => {
    expect(hasKubernetesProtobuf('v1', 'Pod')).toBe(true);
    expect(hasKubernetesProtobuf('example.com/v1', 'Widget')).toBe(false);
    expect(() => encodeKubernetesProtobuf({ apiVersion: 'example.com/v1', kind: 'Widget' })).toThrow('no protobuf message');
  });
});
