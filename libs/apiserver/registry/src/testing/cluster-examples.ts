import type { KubeObject } from '@drydock/util';
import type { StrategyExample } from './strategy-test-kit';

const set = (key: string, value: unknown) => (object: KubeObject) => {
  object[key] = value;
};
const setSpec = (key: string, value: unknown) => (object: KubeObject) => {
  (object.spec as Record<string, unknown>)[key] = value;
};
const rbac = 'rbac.authorization.k8s.io';
const rules = () => [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }];
const backend = () => ({ service: { name: 'web', port: { number: 80 } } });
const review = (spec: Record<string, unknown>): StrategyExample => ({ valid: { metadata: {}, spec } });

/**
 * events, networking, policy, rbac, storage, apiextensions, scheduling, coordination, discovery, the
 * reviews and drydock.dev: one valid object per kind, and how to break it. Reviews are answered, never stored, and
 * Drydock does not validate their specs (upstream does): they have no broken example yet.
 */
export const clusterExamples: Record<string, StrategyExample> = {
  'events.k8s.io/v1/events': {
    valid: {
      metadata: { name: 'web.1', namespace: 'default' },
      eventTime: '2026-01-01T00:00:00.000000Z',
      reportingController: 'drydock.dev/deployment-controller',
      reportingInstance: 'controller-0',
      action: 'Scaling',
      reason: 'ScalingReplicaSet',
      type: 'Normal',
      note: 'Scaled up replica set web-5d4 to 3',
      regarding: { kind: 'Deployment', namespace: 'default', name: 'web', uid: 'u1' },
    },
    broken: set('action', ''),
  },
  'networking.k8s.io/v1/ingressclasses': { valid: { metadata: { name: 'nginx' }, spec: { controller: 'k8s.io/ingress-nginx' } }, broken: setSpec('controller', 'nginx'), generation: 'spec' },
  'networking.k8s.io/v1/ingresses': {
    valid: { metadata: { name: 'web', namespace: 'default' }, spec: { ingressClassName: 'nginx', rules: [{ host: 'example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: backend() }] } }] } },
    broken: setSpec('rules', [{ http: { paths: [{ path: 'api', pathType: 'Exact', backend: backend() }] } }]),
    generation: 'spec',
  },
  'networking.k8s.io/v1/ipaddresses': {
    valid: { metadata: { name: '10.96.0.1' }, spec: { parentRef: { group: '', resource: 'services', namespace: 'default', name: 'kubernetes' } } },
    broken: setSpec('parentRef', { group: '', resource: '', name: '' }),
  },
  'networking.k8s.io/v1/networkpolicies': {
    valid: { metadata: { name: 'deny', namespace: 'default' }, spec: { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ ports: [{ port: 80 }] }] } },
    broken: setSpec('ingress', [{ ports: [{ port: 70000 }] }]),
    generation: 'spec',
  },
  'networking.k8s.io/v1/servicecidrs': { valid: { metadata: { name: 'kubernetes' }, spec: { cidrs: ['10.96.0.0/12'] } }, broken: setSpec('cidrs', ['10.96.0.0/12', '10.0.0.0/8']) },
  'rbac.authorization.k8s.io/v1/clusterrolebindings': {
    valid: { metadata: { name: 'admins' }, roleRef: { apiGroup: rbac, kind: 'ClusterRole', name: 'admin' }, subjects: [{ kind: 'Group', apiGroup: rbac, name: 'admins' }] },
    broken: set('roleRef', { apiGroup: rbac, kind: 'Role', name: '' }),
  },
  'rbac.authorization.k8s.io/v1/clusterroles': { valid: { metadata: { name: 'reader' }, rules: rules() }, broken: set('rules', [{ apiGroups: [''], resources: ['pods'], verbs: [] }]) },
  'rbac.authorization.k8s.io/v1/rolebindings': {
    valid: { metadata: { name: 'read', namespace: 'default' }, roleRef: { apiGroup: rbac, kind: 'Role', name: 'reader' }, subjects: [{ kind: 'User', apiGroup: rbac, name: 'jane' }] },
    broken: set('roleRef', { apiGroup: rbac, kind: 'Secret', name: 'reader' }),
  },
  'rbac.authorization.k8s.io/v1/roles': { valid: { metadata: { name: 'reader', namespace: 'default' }, rules: rules() }, broken: set('rules', [{ nonResourceURLs: ['/healthz'], verbs: ['get'] }]) },
  'storage.k8s.io/v1/csidrivers': {
    valid: { metadata: { name: 'hostpath.csi.k8s.io' }, spec: { attachRequired: true, podInfoOnMount: false, storageCapacity: false } },
    broken: setSpec('fsGroupPolicy', 'Sometimes'),
  },
  'storage.k8s.io/v1/csinodes': { valid: { metadata: { name: 'node-1' }, spec: { drivers: [{ name: 'hostpath.csi.k8s.io', nodeID: 'node-1' }] } }, broken: setSpec('drivers', [{ name: '', nodeID: '' }]) },
  'storage.k8s.io/v1/csistoragecapacities': { valid: { metadata: { name: 'cap-1', namespace: 'default' }, storageClassName: 'standard', capacity: '10Gi' }, broken: set('storageClassName', '') },
  'storage.k8s.io/v1/storageclasses': { valid: { metadata: { name: 'standard' }, provisioner: 'rancher.io/local-path' }, broken: set('reclaimPolicy', 'Sometimes') },
  'storage.k8s.io/v1/volumeattachments': {
    valid: { metadata: { name: 'csi-1' }, spec: { attacher: 'hostpath.csi.k8s.io', nodeName: 'node-1', source: { persistentVolumeName: 'pv-1' } } },
    broken: setSpec('source', {}),
  },
  'storage.k8s.io/v1/volumeattributesclasses': { valid: { metadata: { name: 'gold' }, driverName: 'hostpath.csi.k8s.io', parameters: { iops: '100' } }, broken: set('parameters', {}) },
  'apiextensions.k8s.io/v1/customresourcedefinitions': {
    valid: {
      metadata: { name: 'crontabs.stable.example.com' },
      spec: {
        group: 'stable.example.com',
        scope: 'Namespaced',
        names: { plural: 'crontabs', kind: 'CronTab' },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { cronSpec: { type: 'string' } } } } } } }],
      },
    },
    broken: setSpec('scope', 'Everywhere'),
    generation: 'spec',
  },
  'apiregistration.k8s.io/v1/apiservices': { valid: { metadata: { name: 'v1.example.com' }, spec: { group: 'example.com', version: 'v1', groupPriorityMinimum: 1000, versionPriority: 15 } }, broken: setSpec('versionPriority', 0) },
  'scheduling.k8s.io/v1/priorityclasses': { valid: { metadata: { name: 'high' }, value: 1000 }, broken: set('value', 2000000001) },
  'coordination.k8s.io/v1/leases': { valid: { metadata: { name: 'scheduler', namespace: 'kube-system' }, spec: { holderIdentity: 'scheduler-0', leaseDurationSeconds: 15 } }, broken: setSpec('leaseDurationSeconds', 0) },
  'discovery.k8s.io/v1/endpointslices': {
    valid: { metadata: { name: 'web-abc', namespace: 'default' }, addressType: 'IPv4', endpoints: [{ addresses: ['10.0.0.1'] }], ports: [{ name: 'http', port: 80, protocol: 'TCP' }] },
    broken: set('endpoints', [{ addresses: [] }]),
  },
  'flowcontrol.apiserver.k8s.io/v1/flowschemas': {
    valid: {
      metadata: { name: 'team-blue' },
      spec: { priorityLevelConfiguration: { name: 'workload-low' }, matchingPrecedence: 500, distinguisherMethod: { type: 'ByUser' }, rules: [{ subjects: [{ kind: 'Group', group: { name: 'blue' } }], resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'], namespaces: ['blue'] }] }] },
    },
    broken: setSpec('matchingPrecedence', 10001),
    generation: 'spec',
  },
  'flowcontrol.apiserver.k8s.io/v1/prioritylevelconfigurations': {
    valid: { metadata: { name: 'batch' }, spec: { type: 'Limited', limited: { nominalConcurrencyShares: 5, limitResponse: { type: 'Queue', queuing: { queues: 16, handSize: 4 } } } } },
    broken: setSpec('type', 'Exempt'),
    generation: 'spec',
  },
  'authentication.k8s.io/v1/selfsubjectreviews': review({}),
  'authentication.k8s.io/v1/tokenreviews': review({ token: 'abc' }),
  'authorization.k8s.io/v1/localsubjectaccessreviews': { valid: { metadata: { namespace: 'default' }, spec: { user: 'jane', resourceAttributes: { namespace: 'default', verb: 'get', resource: 'pods' } } } },
  'authorization.k8s.io/v1/selfsubjectaccessreviews': review({ resourceAttributes: { verb: 'get', resource: 'pods' } }),
  'authorization.k8s.io/v1/selfsubjectrulesreviews': review({ namespace: 'default' }),
  'authorization.k8s.io/v1/subjectaccessreviews': review({ user: 'jane', resourceAttributes: { verb: 'get', resource: 'pods' } }),
  'drydock.dev/v1/clusters': {
    valid: { metadata: { name: 'lab' }, spec: { owner: { team: 'blue' }, nodes: 3 } },
    broken: setSpec('owner', { team: 'blue', user: 'alice' }),
    generation: 'spec',
  },
  'drydock.dev/v1/clustersnapshots': { valid: { metadata: { name: 'before-upgrade' }, spec: { cluster: 'lab' } }, broken: setSpec('cluster', 'Not_A_Label'), generation: 'spec' },
  'drydock.dev/v1/users': { valid: { metadata: { name: 'alice' }, spec: { displayName: 'Alice' } }, broken: setSpec('displayName', 'x'.repeat(257)), generation: 'spec' },
  'drydock.dev/v1/teams': {
    valid: { metadata: { name: 'blue' }, spec: { members: [{ user: 'alice', role: 'edit' }], namespaces: ['blue'], quota: { pods: '50' } } },
    broken: setSpec('members', [{ user: 'alice', role: 'owner' }]),
    generation: 'spec',
  },
  'drydock.dev/v1/auditevents': {
    valid: {
      metadata: { name: '0d4c7f7e-5d0b-4c41-9a55-4b1e1f1c2a3b', namespace: 'blue' },
      level: 'Metadata',
      auditID: '0d4c7f7e-5d0b-4c41-9a55-4b1e1f1c2a3b',
      stage: 'ResponseComplete',
      requestURI: '/api/v1/namespaces/blue/pods/web',
      verb: 'get',
      user: { username: 'alice', groups: ['system:authenticated'] },
      objectRef: { resource: 'pods', namespace: 'blue', name: 'web' },
      responseStatus: { metadata: {}, code: 200 },
      stageTimestamp: '2026-01-02T03:04:05.000000Z',
      latency: '3.1ms',
    } as KubeObject,
  },
  'metrics.k8s.io/v1beta1/nodes': { valid: { metadata: { name: 'node-1' }, timestamp: '2026-01-02T03:04:05Z', window: '15s', usage: { cpu: '125m', memory: '1Gi' } } as KubeObject },
  'metrics.k8s.io/v1beta1/pods': { valid: { metadata: { name: 'web', namespace: 'default' }, timestamp: '2026-01-02T03:04:05Z', window: '15s', containers: [{ name: 'web', usage: { cpu: '5m', memory: '4Mi' } }] } as KubeObject },
};
