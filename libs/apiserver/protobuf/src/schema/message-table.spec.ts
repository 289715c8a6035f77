import { messageNames, messageSchema, SCALAR_KINDS } from './message-table';
import { messageNameForKind } from './kind-message.resolver';

/** The kinds Drydock must decode (the create/run/auth paths of kubectl and the workload controllers). */
const REQUIRED_KINDS: Array<[string, string]> = [
  ['v1', 'Namespace'], ['v1', 'ConfigMap'], ['v1', 'Secret'], ['v1', 'Service'], ['v1', 'ServiceAccount'], ['v1', 'Pod'],
  ['v1', 'PodTemplate'], ['v1', 'ReplicationController'], ['v1', 'ResourceQuota'], ['v1', 'LimitRange'], ['v1', 'Endpoints'],
  ['v1', 'Event'], ['v1', 'Node'], ['v1', 'PersistentVolume'], ['v1', 'PersistentVolumeClaim'], ['v1', 'Binding'],
  ['apps/v1', 'Deployment'], ['apps/v1', 'ReplicaSet'], ['apps/v1', 'StatefulSet'], ['apps/v1', 'DaemonSet'], ['apps/v1', 'ControllerRevision'],
  ['batch/v1', 'Job'], ['batch/v1', 'CronJob'], ['policy/v1', 'Eviction'], ['policy/v1', 'PodDisruptionBudget'],
  ['rbac.authorization.k8s.io/v1', 'Role'], ['rbac.authorization.k8s.io/v1', 'ClusterRole'],
  ['rbac.authorization.k8s.io/v1', 'RoleBinding'], ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding'],
  ['networking.k8s.io/v1', 'Ingress'], ['networking.k8s.io/v1', 'NetworkPolicy'], ['scheduling.k8s.io/v1', 'PriorityClass'],
  ['coordination.k8s.io/v1', 'Lease'], ['autoscaling/v1', 'HorizontalPodAutoscaler'], ['autoscaling/v2', 'HorizontalPodAutoscaler'],
  ['autoscaling/v1', 'Scale'], ['authorization.k8s.io/v1', 'SelfSubjectAccessReview'], ['authorization.k8s.io/v1', 'SelfSubjectRulesReview'],
  ['authentication.k8s.io/v1', 'TokenRequest'], ['storage.k8s.io/v1', 'StorageClass'], ['discovery.k8s.io/v1', 'EndpointSlice'],
  ['events.k8s.io/v1', 'Event'], ['certificates.k8s.io/v1', 'CertificateSigningRequest'], ['v1', 'DeleteOptions'], ['apps/v1', 'DeleteOptions'],
];


describe('message table', () => {
  it('resolves every message a field refers to', () => {
    const dangling = messageNames().flatMap((name) =>
      [...(messageSchema(name)?.values() ?? [])].filter((f) => !SCALAR_KINDS.has(f.kind) && !messageSchema(f.kind)).map((f) => `${name}.${f.jsonName} → ${f.kind}`),
    );
    expect(dangling).toEqual([]);
  });

  it.each(REQUIRED_KINDS)('has a message for %s %s', (apiVersion, kind) => {
    expect(messageNameForKind(apiVersion, kind)).toBeDefined();
  });

  it('has the upstream field numbers of the fields kubectl always sends', () => {
    const number = (message: string, json: string) => [...(messageSchema(message)?.values() ?? [])].find((f) => f.jsonName === json)?.number;
    expect(number('io.k8s.api.core.v1.Container', 'image')).toBe(2);
    expect(number('io.k8s.api.core.v1.PodSpec', 'containers')).toBe(2);
    expect(number('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'labels')).toBe(11);
    expect(number('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'managedFields')).toBe(17);
    expect(number('io.k8s.api.apps.v1.DeploymentSpec', 'progressDeadlineSeconds')).toBe(9);
    expect(messageSchema('io.k8s.api.core.v1.Secret')?.get(2)).toMatchObject({ jsonName: 'data', shape: 'map', kind: 'bytes' });
  });
});

describe('messageNameForKind', () => {
  it('maps group/version/kind to the upstream model name', () => {
    expect(messageNameForKind('v1', 'Pod')).toBe('io.k8s.api.core.v1.Pod');
    expect(messageNameForKind('rbac.authorization.k8s.io/v1', 'RoleBinding')).toBe('io.k8s.api.rbac.v1.RoleBinding');
    expect(messageNameForKind('autoscaling/v2', 'HorizontalPodAutoscaler')).toBe('io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler');
  });

  it('serves the meta/v1 options kinds from every group-version', () => {
    expect(messageNameForKind('apps/v1', 'DeleteOptions')).toBe('io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions');
    expect(messageNameForKind('apps/v1', 'ObjectMeta')).toBeUndefined();
  });

  it('knows no kinds outside the table', () => {
    expect(messageNameForKind('example.com/v1', 'Widget')).toBeUndefined();
    expect(messageNameForKind('apps/v1beta1', 'Deployment')).toBeUndefined();
  });
});
