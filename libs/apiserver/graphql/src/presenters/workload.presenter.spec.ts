import type { KubeObject } from '@drydock/util';
import { resolveIntOrPercent, rolloutState, rolloutView, workloadStatus } from './workload.presenter';

const deployment = (spec: Record<string, unknown>, status: Record<string, unknown> = {}, generation = 1): KubeObject => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', generation }, spec, status });

describe('rollout budgets, as the deployment controller resolves them', () => {
  it('rounds maxSurge up and maxUnavailable down, with 25% defaults', () => {
    expect(resolveIntOrPercent('25%', 10, true, '25%')).toBe(3);
    expect(resolveIntOrPercent('25%', 10, false, '25%')).toBe(2);
    expect(resolveIntOrPercent(undefined, 4, true, '25%')).toBe(1);
    expect(resolveIntOrPercent(2, 4, false, '25%')).toBe(2);
  });

  it('never lets both be zero, and gives Recreate no surge', () => {
    expect(rolloutView(deployment({ replicas: 3, strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: '10%' } } }))).toMatchObject({ maxSurge: 0, maxUnavailable: 1, maxTotal: 3, minAvailable: 2 });
    expect(rolloutView(deployment({ replicas: 3, strategy: { type: 'Recreate' } }))).toMatchObject({ strategy: 'Recreate', maxSurge: 0, maxUnavailable: 3, minAvailable: 0 });
  });

  it('is complete only when every replica is updated and available for the current generation', () => {
    const settled = { observedGeneration: 2, replicas: 3, updatedReplicas: 3, availableReplicas: 3, readyReplicas: 3 };
    expect(rolloutView(deployment({ replicas: 3 }, settled, 2)).complete).toBe(true);
    expect(rolloutView(deployment({ replicas: 3 }, { ...settled, observedGeneration: 1 }, 2)).complete).toBe(false);
    expect(rolloutView(deployment({ replicas: 3 }, { ...settled, updatedReplicas: 2, unavailableReplicas: 1 }, 2))).toMatchObject({ complete: false, unavailable: 1 });
  });

  it('words the state: Paused, Failed past the progress deadline, Progressing, Available', () => {
    expect(workloadStatus('Deployment', deployment({ replicas: 1, paused: true }))).toBe('Paused');
    expect(workloadStatus('Deployment', deployment({ replicas: 1 }, { conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] }))).toBe('Failed');
    expect(workloadStatus('Deployment', deployment({ replicas: 2 }, { observedGeneration: 1, replicas: 2, updatedReplicas: 1, availableReplicas: 2 }))).toBe('Progressing');
    expect(workloadStatus('Deployment', deployment({ replicas: 2 }, { observedGeneration: 1, replicas: 2, updatedReplicas: 2, availableReplicas: 2 }))).toBe('Available');
    expect(workloadStatus('Job', { apiVersion: 'batch/v1', kind: 'Job', metadata: {}, status: { conditions: [{ type: 'Complete', status: 'True' }] } })).toBe('Complete');
    expect(workloadStatus('CronJob', { apiVersion: 'batch/v1', kind: 'CronJob', metadata: {}, spec: { suspend: true } })).toBe('Suspended');
  });
});

describe('a rolling update side by side', () => {
  const rs = (name: string, revision: string, replicas: number, ready = replicas): KubeObject => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name, annotations: { 'deployment.kubernetes.io/revision': revision } }, spec: { replicas, template: { spec: { containers: [{ name: 'c', image: `app:${revision}` }] } } }, status: { replicas, readyReplicas: ready, availableReplicas: ready } });
  const d: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', generation: 3, annotations: { 'deployment.kubernetes.io/revision': '3' } }, spec: { replicas: 4 }, status: { observedGeneration: 3, replicas: 5, updatedReplicas: 2, readyReplicas: 4, availableReplicas: 4 } };

  it('puts the current revision on the new side and the old ReplicaSets that still have pods, newest first, on the other', () => {
    const state = rolloutState(d, [rs('d-1', '1', 1), rs('d-3', '3', 2, 1), rs('d-2', '2', 2), rs('d-0', '0', 0)]);
    expect(state.newReplicaSet).toEqual({ name: 'd-3', revision: 3, replicas: 2, ready: 1, available: 1, images: ['app:3'] });
    expect(state.oldReplicaSets.map((side) => side.name)).toEqual(['d-2', 'd-1']);
    expect(state).toMatchObject({ desired: 4, updated: 2, maxSurge: 1, maxUnavailable: 1, maxTotal: 5, minAvailable: 3, complete: false });
  });
});
