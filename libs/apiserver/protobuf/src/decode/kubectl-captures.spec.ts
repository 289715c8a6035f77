import { fixtureBody, fixtureJson, kubectlFixtures } from '../testing/kubectl-fixtures';
import { decodeKubernetesProtobuf } from './kubernetes-protobuf.decoder';

const fixtures = kubectlFixtures();

/**
 * encoding/json writes `null` for a nil list or map without omitempty (HPA status.currentMetrics); the decoder
 * leaves such a field out instead, as absent from the wire.
 */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
}
const withExpected = fixtures.filter((f) => f.expected);

describe('bodies captured from kubectl v1.35', () => {
  it('has the captured fixtures', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(35);
    expect(withExpected.length).toBeGreaterThanOrEqual(25);
  });

  it.each(fixtures.map((f) => [f.file, f] as const))('decodes %s', (_file, fixture) => {
    expect(fixture.contentType).toBe('application/vnd.kubernetes.protobuf');
    const object = decodeKubernetesProtobuf(fixtureBody(fixture.file));
    expect(typeof object['apiVersion']).toBe('string');
    expect(typeof object['kind']).toBe('string');
  });

  it.each(withExpected.map((f) => [f.file, f] as const))('%s decodes to what kubectl prints for --dry-run=client -o json', (_file, fixture) => {
    expect(decodeKubernetesProtobuf(fixtureBody(fixture.file))).toEqual(withoutNulls(fixtureJson(fixture.expected as string)));
  });
});

describe('captured bodies that kubectl cannot print with --dry-run', () => {
  const decode = (file: string) => decodeKubernetesProtobuf(fixtureBody(file));

  it('auth can-i sends a SelfSubjectAccessReview', () => {
    expect(decode('can-i.pb')).toEqual({
      apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', metadata: {},
      spec: { resourceAttributes: { namespace: 'default', verb: 'create', group: 'apps', resource: 'deployments' } },
      status: { allowed: false },
    });
    expect(decode('can-i-subresource.pb')['spec']).toEqual({ resourceAttributes: { namespace: 'default', verb: 'get', resource: 'pods', subresource: 'log' } });
  });

  it('auth can-i --list sends a SelfSubjectRulesReview and auth whoami a SelfSubjectReview', () => {
    expect(decode('can-i-list.pb')).toEqual({ apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', metadata: {}, spec: { namespace: 'default' }, status: { incomplete: false } });
    expect(decode('whoami.pb')).toEqual({ apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview', metadata: {}, status: { userInfo: {} } });
  });

  it('create token sends a TokenRequest with its duration, audiences and bound object', () => {
    expect(decode('token.pb')['spec']).toEqual({ expirationSeconds: 3600 });
    expect(decode('token-bound.pb')).toEqual({
      apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', metadata: {},
      spec: { audiences: ['vault'], boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'web-1', uid: 'u1' } },
      status: { token: '' },
    });
  });

  it('create job --from=cronjob sends a Job owned by the CronJob', () => {
    expect(decode('job-from-cronjob.pb')['metadata']).toEqual({
      name: 'manual', namespace: 'default', labels: { app: 'tick' }, annotations: { 'cronjob.kubernetes.io/instantiate': 'manual' },
      ownerReferences: [{ kind: 'CronJob', name: 'tick', uid: 'cj-uid-1', apiVersion: 'batch/v1', controller: true }],
    });
  });

  it('debug node/… sends a host-namespaces Pod with an inline hostPath volume', () => {
    const pod = decode('debug-node.pb');
    expect(pod['metadata']).toMatchObject({ name: expect.stringMatching(/^node-debugger-node-1-/), labels: { 'app.kubernetes.io/managed-by': 'kubectl-debug' } });
    expect(pod['spec']).toMatchObject({ volumes: [{ name: 'host-root', hostPath: { path: '/' } }], nodeName: 'node-1', hostPID: true, tolerations: [{ operator: 'Exists' }] });
  });

  it('certificate approve sends the CSR with an Approved condition stamped in RFC 3339', () => {
    const csr = decode('certificate-approve.pb');
    expect(csr['spec']).toMatchObject({ request: 'Y3Ny', usages: ['client auth'] });
    expect(csr['status']).toEqual({
      conditions: [{ type: 'Approved', status: 'True', reason: 'KubectlApprove', message: 'This CSR was approved by kubectl certificate approve.', lastUpdateTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) }],
    });
  });
});
