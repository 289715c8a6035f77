import type { Pod } from '../util/workload.types';
import { orphanedPods, terminatedPodsToDelete, unscheduledTerminatingPods } from './pod-gc-decisions';

const pod = (name: string, phase: 'Running' | 'Succeeded' | 'Failed', created: number, extra: Partial<Pod['metadata']> = {}, nodeName?: string): Pod => ({
  metadata: { name, creationTimestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, created)).toISOString(), ...extra }, spec: { nodeName }, status: { phase },
});

describe('pod GC decisions', () => {
  it('deletes the oldest terminated pods beyond the threshold', () => {
    const pods = [pod('run', 'Running', 0), pod('t1', 'Succeeded', 3), pod('t2', 'Failed', 1), pod('t3', 'Succeeded', 2)];
    expect(terminatedPodsToDelete(pods, 1).map((p) => p.metadata.name)).toEqual(['t2', 't3']);
    expect(terminatedPodsToDelete(pods, 3)).toEqual([]);
    expect(terminatedPodsToDelete(pods, 0)).toEqual([]);
  });

  it('finds pods bound to unknown nodes and never-scheduled pods being deleted', () => {
    const pods = [pod('on-live', 'Running', 0, {}, 'live'), pod('on-gone', 'Running', 0, {}, 'gone'), pod('stuck', 'Running', 0, { deletionTimestamp: 'x' })];
    expect(orphanedPods(pods, (n) => n === 'live').map((p) => p.metadata.name)).toEqual(['on-gone']);
    expect(unscheduledTerminatingPods(pods).map((p) => p.metadata.name)).toEqual(['stuck']);
  });
});
