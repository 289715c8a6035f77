import type { Deployment, ReplicaSet } from '../util/workload.types';

/** Builders for the deployment unit tests. */
export function deployment(replicas: number, strategy: Deployment['spec']['strategy'] = { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } }, extra: Partial<Deployment['spec']> = {}): Deployment {
  return {
    metadata: { name: 'web', namespace: 'default', uid: 'd-uid', generation: 1, annotations: {} },
    spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1' }] } }, strategy, ...extra },
  };
}

export function replicaSet(name: string, replicas: number, available: number, createdSecond: number, annotations: Record<string, string> = {}): ReplicaSet {
  return {
    metadata: { name, namespace: 'default', uid: `${name}-uid`, creationTimestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, createdSecond)).toISOString(), annotations },
    spec: { replicas, template: { metadata: { labels: { app: 'web', 'pod-template-hash': name } }, spec: {} } },
    status: { replicas, availableReplicas: available, readyReplicas: available },
  };
}
