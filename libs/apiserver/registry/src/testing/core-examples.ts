import type { KubeObject } from '@drydock/util';
import type { StrategyExample } from './strategy-test-kit';

const meta = (name: string, namespace?: string) => ({ name, ...(namespace ? { namespace } : {}), labels: { app: 'web' } });
const podSpec = () => ({ containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] });
const podTemplate = () => ({ metadata: { labels: { app: 'web' } }, spec: podSpec() });
const set = (path: string[], value: unknown) => (object: KubeObject) => {
  let current = object as Record<string, unknown>;
  for (const key of path.slice(0, -1)) current = current[key] as Record<string, unknown>;
  current[path[path.length - 1]] = value;
};

/** core/v1: one valid object per kind, and how to break it. */
export const coreExamples: Record<string, StrategyExample> = {
  '/v1/configmaps': { valid: { metadata: meta('settings', 'default'), data: { mode: 'fast' } }, broken: set(['data'], { 'bad key!': 'x' }) },
  '/v1/endpoints': {
    valid: { metadata: meta('web', 'default'), subsets: [{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80, protocol: 'TCP' }] }] },
    broken: set(['subsets'], [{ ports: [{ port: 80, protocol: 'TCP' }] }]),
  },
  '/v1/events': {
    valid: {
      metadata: meta('web.1', 'default'),
      involvedObject: { kind: 'Pod', namespace: 'default', name: 'web', uid: 'u1', apiVersion: 'v1' },
      reason: 'Started',
      message: 'Started container web',
      type: 'Normal',
      source: { component: 'kubelet', host: 'node-1' },
      firstTimestamp: '2026-01-01T00:00:00Z',
      lastTimestamp: '2026-01-01T00:00:00Z',
      count: 1,
    },
    broken: set(['involvedObject', 'namespace'], 'other'),
  },
  '/v1/limitranges': { valid: { metadata: meta('limits', 'default'), spec: { limits: [{ type: 'Container', max: { cpu: '2' } }] } }, broken: set(['spec', 'limits'], [{ type: 'Node' }]) },
  '/v1/namespaces': { valid: { metadata: meta('team-a') }, broken: set(['spec'], { finalizers: ['not a finalizer'] }) },
  '/v1/nodes': {
    valid: { metadata: meta('node-1'), spec: { podCIDR: '10.244.1.0/24' }, status: { capacity: { cpu: '4', memory: '8Gi', pods: '110' } } },
    broken: set(['spec', 'taints'], [{ key: 'dedicated', effect: 'Sometimes' }]),
    createKeepsStatus: true,
  },
  '/v1/persistentvolumeclaims': {
    valid: { metadata: meta('data', 'default'), spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'standard' } },
    broken: set(['spec', 'accessModes'], []),
  },
  '/v1/persistentvolumes': {
    valid: { metadata: meta('pv-1'), spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/data/pv-1' } } },
    broken: set(['spec', 'accessModes'], []),
  },
  '/v1/pods': { valid: { metadata: meta('web', 'default'), spec: podSpec() }, broken: set(['spec', 'containers'], [{ name: 'web' }]), generation: 'spec' },
  '/v1/podtemplates': { valid: { metadata: meta('web', 'default'), template: podTemplate() }, broken: set(['template', 'spec', 'containers'], []), generation: 'template' },
  '/v1/replicationcontrollers': {
    valid: { metadata: meta('web', 'default'), spec: { replicas: 2, selector: { app: 'web' }, template: podTemplate() } },
    broken: set(['spec', 'replicas'], -1),
    generation: 'spec',
  },
  '/v1/resourcequotas': { valid: { metadata: meta('quota', 'default'), spec: { hard: { pods: '10', 'requests.cpu': '4' } } }, broken: set(['spec', 'hard'], { widgets: '1' }) },
  '/v1/secrets': { valid: { metadata: meta('token', 'default'), type: 'Opaque', data: { password: 'c2VjcmV0' } }, broken: set(['data'], { 'bad key!': 'c2VjcmV0' }) },
  '/v1/serviceaccounts': { valid: { metadata: meta('builder', 'default') }, broken: set(['metadata', 'finalizers'], ['unqualified']) },
  '/v1/services': {
    valid: { metadata: meta('web', 'default'), spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }], clusterIP: '10.96.0.10' } },
    broken: set(['spec', 'ports'], [{ port: 70000, protocol: 'TCP' }]),
  },
};
