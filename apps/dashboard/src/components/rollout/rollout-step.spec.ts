import { describe, expect, it } from '@jest/globals';
import type { ReplicaSetSide, RolloutState } from '@/components/workloads/workload-types';
import { describeStep } from './rollout-step';

function side(name: string, replicas: number, available: number, revision = 1): ReplicaSetSide {
  return { name, revision, replicas, ready: available, available, images: ['nginx'] };
}

/** desired 6, maxSurge 2, maxUnavailable 1: at most 8 pods, at least 5 available. */
function rollout(next: ReplicaSetSide | null, olds: ReplicaSetSide[], patch: Partial<RolloutState> = {}): RolloutState {
  const available = (next?.available ?? 0) + olds.reduce((n, s) => n + s.available, 0);
  return { strategy: 'RollingUpdate', desired: 6, updated: next?.replicas ?? 0, ready: available, available, unavailable: Math.max(0, 6 - available), maxSurge: 2, maxUnavailable: 1, maxTotal: 8, minAvailable: 5, complete: false, message: null, newReplicaSet: next, oldReplicaSets: olds, ...patch };
}

describe('describeStep', () => {
  it('says the rollout is complete when the new ReplicaSet holds every replica', () => {
    const step = describeStep(rollout(side('web-new', 6, 6, 2), [side('web-old', 0, 0)], { complete: true }), false);
    expect(step.phase).toBe('complete');
    expect(step.now).toContain('revision 2 (web-new)');
  });

  it('names the room left in the surge budget before the new ReplicaSet grows', () => {
    const step = describeStep(rollout(side('web-new', 0, 0), [side('web-old', 6, 6)]), false);
    expect(step.phase).toBe('surging');
    expect(step.now).toContain('room in the budget for 2 more pods (6 of at most 8)');
  });

  it('at the surge limit with no spare availability, waits for new pods to become available', () => {
    const step = describeStep(rollout(side('web-new', 3, 0), [side('web-old', 5, 5)]), false);
    expect(step.phase).toBe('waiting');
    expect(step.now).toContain('Scaled up web-new to 3 of 6');
    expect(step.now).toContain('Waiting for 1 more pod to become available');
  });

  it('at the surge limit with availability above the minimum, scales old pods down by the spare', () => {
    const step = describeStep(rollout(side('web-new', 3, 2), [side('web-old', 5, 5)]), false);
    expect(step.phase).toBe('scaling-down');
    expect(step.now).toContain('scaling down web-old by up to 2');
  });

  it('once the new ReplicaSet is full, counts the old pods still to go', () => {
    const step = describeStep(rollout(side('web-new', 6, 3), [side('web-old', 2, 2)]), false);
    expect(step.now).toContain('waiting for 1 more pod to become available before the last 2 old pods can go');
  });

  it('puts pause and failure before anything else', () => {
    expect(describeStep(rollout(side('web-new', 3, 0), [side('web-old', 5, 5)]), true).phase).toBe('paused');
    expect(describeStep(rollout(side('web-new', 3, 0), [side('web-old', 5, 5)], { message: 'ReplicaSet "web-new" has timed out progressing.' }), false, true).now).toContain('timed out progressing');
  });

  it('explains Recreate: old pods first, then the new ones', () => {
    expect(describeStep(rollout(side('web-new', 0, 0), [side('web-old', 4, 4)], { strategy: 'Recreate' }), false).now).toContain('every old pod goes first');
    expect(describeStep(rollout(side('web-new', 6, 2), [], { strategy: 'Recreate' }), false).now).toContain('waiting for 4 of them');
  });
});
