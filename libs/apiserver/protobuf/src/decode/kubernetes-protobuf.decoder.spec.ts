import { StatusError } from '@drydock/util';
import { kubernetesProtobufBody, objectMeta, ProtobufWriter } from '../testing/protobuf.writer';
import { decodeKubernetesProtobuf, isKubernetesProtobufContentType } from './kubernetes-protobuf.decoder';

const message = () => new ProtobufWriter();
/** 2026-11-22T04:10:00Z */
const SECONDS = 1795320600;

function decodeError(body: Buffer): StatusError {
  try {
    decodeKubernetesProtobuf(body);
  } catch (error) {
    if (error instanceof StatusError) return error;
    throw new Error(`threw a non-StatusError: ${String(error)}`);
  }
  throw new Error('decoded without an error');
}

describe('decodeKubernetesProtobuf', () => {
  it('decodes a Namespace with apiVersion and kind from the envelope', () => {
    const namespace = message().message(1, objectMeta('team-a', undefined, { team: 'a' })).message(2, message().string(1, 'kubernetes')).message(3, message());
    expect(decodeKubernetesProtobuf(kubernetesProtobufBody('v1', 'Namespace', namespace))).toEqual({
      apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a', labels: { team: 'a' } }, spec: { finalizers: ['kubernetes'] }, status: {},
    });
  });

  it('drops the zero values Go writes for unset non-pointer omitempty fields', () => {
    const meta = message().string(1, 'team-a').string(2, '').string(3, '').varint(7, 0);
    const decoded = decodeKubernetesProtobuf(kubernetesProtobufBody('v1', 'Namespace', message().message(1, meta)));
    expect(decoded['metadata']).toEqual({ name: 'team-a' });
  });

  it('decodes a ConfigMap with data and binaryData', () => {
    const configMap = message().message(1, objectMeta('settings', 'default')).entry(2, 'mode', 'fast').entry(2, 'level', '3').entry(3, 'blob', Buffer.from([0, 255]));
    expect(decodeKubernetesProtobuf(kubernetesProtobufBody('v1', 'ConfigMap', configMap))).toEqual({
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'default' }, data: { mode: 'fast', level: '3' }, binaryData: { blob: 'AP8=' },
    });
  });

  it('keeps a map key named __proto__ as an ordinary entry', () => {
    const decoded = decodeKubernetesProtobuf(kubernetesProtobufBody('v1', 'ConfigMap', message().entry(2, '__proto__', 'x').entry(2, 'a', 'b')));
    expect(Object.keys(decoded['data'] as object)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(decoded['data'])).toBe(Object.prototype);
  });

  it('decodes Secret bytes data as base64 strings', () => {
    const secret = message().message(1, objectMeta('creds')).entry(2, 'password', Buffer.from('s3cr3t')).string(3, 'Opaque');
    expect(decodeKubernetesProtobuf(kubernetesProtobufBody('v1', 'Secret', secret))).toEqual({
      apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds' }, data: { password: Buffer.from('s3cr3t').toString('base64') }, type: 'Opaque',
    });
  });

  it('decodes the Deployment of `kubectl create deployment web --image=nginx --replicas=2`', () => {
    const labels = { app: 'web' };
    const container = message().string(1, 'nginx').string(2, 'nginx').message(8, message());
    const template = message().message(1, message().entry(11, 'app', 'web')).message(2, message().message(2, container));
    const spec = message().varint(1, 2).message(2, message().entry(1, 'app', 'web')).message(3, template).message(4, message()).varint(5, 0).varint(7, false);
    const deployment = message().message(1, objectMeta('web', undefined, labels)).message(2, spec).message(3, message());
    expect(decodeKubernetesProtobuf(kubernetesProtobufBody('apps/v1', 'Deployment', deployment))).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels },
      spec: { replicas: 2, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'nginx', image: 'nginx', resources: {} }] } }, strategy: {} },
      status: {},
    });
  });

  it('keeps an explicit zero of a pointer field (replicas: 0)', () => {
    const deployment = message().message(2, message().varint(1, 0));
    expect(decodeKubernetesProtobuf(kubernetesProtobufBody('apps/v1', 'Deployment', deployment))['spec']).toEqual({ replicas: 0 });
  });

  it('decodes a Pod like `kubectl run shell --image=busybox --restart=Never -- sleep 3600`', () => {
    const container = message().string(1, 'shell').string(2, 'busybox').string(4, 'sleep').string(4, '3600').message(8, message());
    const spec = message().message(2, container).string(3, 'Never').string(6, 'ClusterFirst');
    const pod = message().message(1, objectMeta('shell', undefined, { run: 'shell' })).message(2, spec).message(3, message());
    expect(decodeKubernetesProtobuf(kubernetesProtobufBody('v1', 'Pod', pod))).toEqual({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'shell', labels: { run: 'shell' } },
      spec: { containers: [{ name: 'shell', image: 'busybox', args: ['sleep', '3600'], resources: {} }], restartPolicy: 'Never', dnsPolicy: 'ClusterFirst' },
      status: {},
    });
  });

  it('merges a field that JSON inlines but protobuf nests (Volume.volumeSource)', () => {
    const emptyDir = message().string(1, 'Memory').message(2, message().string(1, '1Gi'));
    const volume = message().string(1, 'cache').message(2, message().message(2, emptyDir));
    const decoded = decodeKubernetesProtobuf(kubernetesProtobufBody('v1', 'Pod', message().message(2, message().message(1, volume))));
    expect(decoded['spec']).toEqual({ volumes: [{ name: 'cache', emptyDir: { medium: 'Memory', sizeLimit: '1Gi' } }] });
  });

  it('decodes a policy/v1 Eviction with its DeleteOptions', () => {
    const eviction = message().message(1, objectMeta('web-1', 'default')).message(2, message().varint(1, 30).string(5, 'All'));
    expect(decodeKubernetesProtobuf(kubernetesProtobufBody('policy/v1', 'Eviction', eviction))).toEqual({
      apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'web-1', namespace: 'default' }, deleteOptions: { gracePeriodSeconds: 30, dryRun: ['All'] },
    });
  });

  it('decodes a SelfSubjectAccessReview, keeping non-omitempty zero values (allowed: false)', () => {
    const attributes = message().string(1, 'team-a').string(2, 'create').string(3, 'apps').string(4, '').string(5, 'deployments');
    const review = message().message(1, message()).message(2, message().message(1, attributes)).message(3, message().varint(1, false));
    expect(decodeKubernetesProtobuf(kubernetesProtobufBody('authorization.k8s.io/v1', 'SelfSubjectAccessReview', review))).toEqual({
      apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', metadata: {},
      spec: { resourceAttributes: { namespace: 'team-a', verb: 'create', group: 'apps', resource: 'deployments' } },
      status: { allowed: false },
    });
  });

  it('decodes a wrapped named slice (user extra values) as a bare list', () => {
    const spec = message().string(3, 'alice').entry(5, 'scopes', message().string(1, 'read').string(1, 'write')).entry(5, 'none', message());
    const decoded = decodeKubernetesProtobuf(kubernetesProtobufBody('authorization.k8s.io/v1', 'SubjectAccessReview', message().message(2, spec)));
    expect(decoded['spec']).toEqual({ user: 'alice', extra: { scopes: ['read', 'write'], none: [] } });
  });

  it('decodes Quantity values of a ResourceList, an empty Quantity as "0"', () => {
    const spec = message().entry(1, 'cpu', message().string(1, '1500m')).entry(1, 'pods', message());
    const decoded = decodeKubernetesProtobuf(kubernetesProtobufBody('v1', 'ResourceQuota', message().message(2, spec)));
    expect(decoded['spec']).toEqual({ hard: { cpu: '1500m', pods: '0' } });
  });

  it('decodes IntOrString as a number (type 0) or a string (type 1)', () => {
    const http = message().string(1, 'http').string(2, 'TCP').varint(3, 80).message(4, message().varint(1, 0).varint(2, 8080));
    const https = message().varint(3, 443).message(4, message().varint(1, 1).string(3, 'https'));
    const decoded = decodeKubernetesProtobuf(kubernetesProtobufBody('v1', 'Service', message().message(2, message().message(1, http).message(1, https))));
    expect(decoded['spec']).toEqual({ ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: 8080 }, { port: 443, targetPort: 'https' }] });
  });

  it('decodes Time as RFC 3339 seconds and MicroTime with microseconds', () => {
    const meta = message().string(1, 'e1').message(8, message().varint(1, SECONDS).varint(2, 987654321));
    const event = message().message(1, meta).message(2, message().varint(1, SECONDS).varint(2, 123456789)).message(13, message());
    const decoded = decodeKubernetesProtobuf(kubernetesProtobufBody('events.k8s.io/v1', 'Event', event));
    expect(decoded['metadata']).toEqual({ name: 'e1', creationTimestamp: '2026-11-22T04:10:00Z' });
    expect(decoded['eventTime']).toBe('2026-11-22T04:10:00.123456Z');
    expect(decoded).not.toHaveProperty('deprecatedFirstTimestamp');
  });

  it('decodes negative int32 values sent as ten-byte varints', () => {
    const priorityClass = message().message(1, objectMeta('low')).varint(2, -5);
    expect(decodeKubernetesProtobuf(kubernetesProtobufBody('scheduling.k8s.io/v1', 'PriorityClass', priorityClass))['value']).toBe(-5);
  });

  it('reads repeated numbers both packed and unpacked', () => {
    const packed = message().bytes(4, Buffer.from([0xe8, 0x07, 0xd0, 0x0f]));
    const unpacked = message().varint(4, 1000).varint(4, 2000);
    for (const securityContext of [packed, unpacked]) {
      const decoded = decodeKubernetesProtobuf(kubernetesProtobufBody('v1', 'Pod', message().message(2, message().message(14, securityContext))));
      expect(decoded['spec']).toEqual({ securityContext: { supplementalGroups: [1000, 2000] } });
    }
  });

  it('decodes a RawExtension as the JSON it carries', () => {
    const revision = message().message(1, objectMeta('web-1')).message(2, message().bytes(1, Buffer.from('{"spec":{"x":1}}'))).varint(3, 4);
    expect(decodeKubernetesProtobuf(kubernetesProtobufBody('apps/v1', 'ControllerRevision', revision))).toMatchObject({ data: { spec: { x: 1 } }, revision: 4 });
  });

  it('skips field numbers it does not know', () => {
    const meta = objectMeta('team-a').varint(999, 7).string(1000, 'future').double(1001, 1.5);
    expect(decodeKubernetesProtobuf(kubernetesProtobufBody('v1', 'Namespace', message().message(1, meta)))['metadata']).toEqual({ name: 'team-a' });
  });
});

describe('decodeKubernetesProtobuf on bad input', () => {
  const namespace = kubernetesProtobufBody('v1', 'Namespace', message().message(1, objectMeta('team-a')));

  it('answers 400 for a body without the k8s\\0 magic', () => {
    const error = decodeError(Buffer.from('{"kind":"Namespace"}'));
    expect(error.code).toBe(400);
    expect(error.reason).toBe('BadRequest');
    expect(error.message).toMatch(/^unable to decode protobuf request body: provided data does not appear to be a protobuf message/);
  });

  it('answers 400 for a truncated body', () => {
    expect(decodeError(namespace.subarray(0, namespace.length - 3)).code).toBe(400);
  });

  it('answers 400 for a field of the wrong wire type', () => {
    const error = decodeError(kubernetesProtobufBody('v1', 'Namespace', message().varint(1, 5)));
    expect(error.code).toBe(400);
    expect(error.message).toContain('wrong wireType');
  });

  it('answers 400 for a RawExtension that holds neither JSON nor protobuf', () => {
    expect(decodeError(kubernetesProtobufBody('apps/v1', 'ControllerRevision', message().message(2, message().bytes(1, Buffer.from('{nope'))))).code).toBe(400);
  });

  it('answers 400 for an envelope without a kind or an apiVersion', () => {
    expect(decodeError(kubernetesProtobufBody('v1', '', message())).code).toBe(400);
    expect(decodeError(kubernetesProtobufBody('', 'Namespace', message())).code).toBe(400);
  });

  it('answers 415 for a kind without a schema', () => {
    const error = decodeError(kubernetesProtobufBody('example.com/v1', 'Widget', message()));
    expect(error.code).toBe(415);
    expect(error.reason).toBe('UnsupportedMediaType');
    expect(error.message).toContain('example.com/v1, Kind=Widget');
  });

  it('answers 415 for a content encoding it cannot undo', () => {
    expect(decodeError(kubernetesProtobufBody('v1', 'Namespace', message(), 'gzip')).code).toBe(415);
  });

  it('throws only StatusErrors on corrupted bodies', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 500; i++) {
      const corrupted = Buffer.from(namespace);
      corrupted[4 + Math.floor(random() * (corrupted.length - 4))] = Math.floor(random() * 256);
      try {
        decodeKubernetesProtobuf(corrupted);
      } catch (error) {
        expect(error).toBeInstanceOf(StatusError);
      }
    }
  });
});

describe('isKubernetesProtobufContentType', () => {
  it('recognises the protobuf media type of request bodies', () => {
    expect(isKubernetesProtobufContentType('application/vnd.kubernetes.protobuf')).toBe(true);
    expect(isKubernetesProtobufContentType('Application/Vnd.Kubernetes.Protobuf; charset=utf-8')).toBe(true);
    expect(isKubernetesProtobufContentType('application/vnd.kubernetes.protobuf;stream=watch')).toBe(false);
    expect(isKubernetesProtobufContentType('application/json')).toBe(false);
    expect(isKubernetesProtobufContentType(undefined)).toBe(false);
  });
});
