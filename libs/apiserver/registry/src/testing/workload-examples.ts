import type { KubeObject } from '@drydock/util';
import type { StrategyExample } from './strategy-test-kit';

const meta = (name: string) => ({ name, namespace: 'default', labels: { app: 'web' } });
const template = (restartPolicy?: string) => ({
  metadata: { labels: { app: 'web' } },
  spec: { ...(restartPolicy ? { restartPolicy } : {}), containers: [{ name: 'web', image: 'nginx:1.27' }] },
});
const selector = () => ({ matchLabels: { app: 'web' } });
const setSpec = (key: string, value: unknown) => (object: KubeObject) => {
  (object.spec as Record<string, unknown>)[key] = value;
};
const hpa = (version: 'v1' | 'v2'): StrategyExample => ({
  valid: {
    metadata: meta('web'),
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 5, ...(version === 'v1' ? { targetCPUUtilizationPercentage: 80 } : {}) },
  },
  broken: setSpec('maxReplicas', 0),
  generation: 'spec',
});

/** apps, batch, autoscaling and policy: one valid object per kind, and how to break it. */
export const workloadExamples: Record<string, StrategyExample> = {
  'apps/v1/controllerrevisions': {
    valid: { metadata: { ...meta('web-7d9f'), ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'u1', controller: true }] }, data: { spec: {} }, revision: 1 },
    broken: (object) => {
      object.data = null;
    },
  },
  'apps/v1/daemonsets': { valid: { metadata: meta('agent'), spec: { selector: selector(), template: template() } }, broken: setSpec('selector', { matchLabels: { app: 'other' } }), generation: 'spec' },
  'apps/v1/deployments': { valid: { metadata: meta('web'), spec: { replicas: 2, selector: selector(), template: template() } }, broken: setSpec('replicas', -1), generation: 'spec' },
  'apps/v1/replicasets': { valid: { metadata: meta('web-5d8f'), spec: { replicas: 2, selector: selector(), template: template() } }, broken: setSpec('selector', {}), generation: 'spec' },
  'apps/v1/statefulsets': {
    valid: { metadata: meta('db'), spec: { replicas: 1, serviceName: 'db', selector: selector(), template: template() } },
    broken: setSpec('template', template('Never')),
    generation: 'spec',
  },
  'autoscaling/v2/horizontalpodautoscalers': hpa('v2'),
  'autoscaling/v1/horizontalpodautoscalers': hpa('v1'),
  'batch/v1/cronjobs': {
    valid: { metadata: meta('hello'), spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: template('OnFailure') } } } },
    broken: setSpec('schedule', '61 * * * *'),
    generation: 'spec',
  },
  'batch/v1/jobs': { valid: { metadata: meta('pi'), spec: { template: template('Never') } }, broken: setSpec('template', template('Always')), generation: 'spec' },
  'policy/v1/poddisruptionbudgets': { valid: { metadata: meta('web'), spec: { selector: selector(), minAvailable: 1 } }, broken: setSpec('maxUnavailable', '120%'), generation: 'spec' },
};
