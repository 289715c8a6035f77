import type { ReplicaSetSide, RolloutState } from '@/components/workloads/workload-types';

export interface StepDescription {
  /** One sentence: what the controller is doing or waiting for now. */
  now: string;
  phase: 'complete' | 'paused' | 'failed' | 'surging' | 'waiting' | 'scaling-down' | 'settling' | 'idle';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function sum(sides: ReplicaSetSide[], pick: (s: ReplicaSetSide) => number): number {
  return sides.reduce((total, s) => total + pick(s), 0);
}

/**
 * The rollout's current step in words, reasoned as the deployment controller reasons: the new
 * ReplicaSet may grow while all pods stay within maxTotal, and old ReplicaSets may shrink only while
 * at least minAvailable pods stay available.
 */
export function describeStep(r: RolloutState, paused: boolean, failed = false): StepDescription {
  const next = r.newReplicaSet;
  const olds = r.oldReplicaSets.filter((s) => s.replicas > 0);
  const newReplicas = next?.replicas ?? 0;
  const newAvailable = next?.available ?? 0;
  const oldTotal = sum(olds, (s) => s.replicas);
  const total = newReplicas + oldTotal;
  const available = newAvailable + sum(olds, (s) => s.available);
  const newName = next?.name ?? 'the new ReplicaSet';
  const oldNames = olds.map((s) => s.name).join(', ');
  const missing = Math.max(0, r.minAvailable + 1 - available);

  if (failed) return { phase: 'failed', now: `The rollout is stuck: ${r.message ?? 'the Deployment reports a failure'}. The controller keeps trying; roll back from History or fix the template.` };
  if (paused) return { phase: 'paused', now: `Paused: the controller leaves the ReplicaSets as they are (${newName} at ${newReplicas}${oldTotal ? `, old at ${oldTotal}` : ''}) until you resume.` };
  if (r.complete && oldTotal === 0) return { phase: 'complete', now: `Rollout complete: all ${plural(r.desired, 'replica')} run ${next ? `revision ${next.revision ?? '?'} (${next.name})` : 'the current template'} and are available.` };
  if (r.strategy === 'Recreate') {
    if (oldTotal > 0) return { phase: 'scaling-down', now: `Recreate: every old pod goes first; scaling ${oldNames} down to 0 (${plural(oldTotal, 'pod')} left) before ${newName} starts.` };
    if (newReplicas < r.desired) return { phase: 'surging', now: `Recreate: old pods are gone; scaling up ${newName} to ${r.desired}.` };
    return { phase: 'waiting', now: `Recreate: ${newName} has ${newReplicas} ${newReplicas === 1 ? 'pod' : 'pods'}; waiting for ${r.desired - newAvailable} of them to become available.` };
  }
  if (newReplicas < r.desired) {
    if (total < r.maxTotal) return { phase: 'surging', now: `There is room in the budget for ${plural(r.maxTotal - total, 'more pod')} (${total} of at most ${r.maxTotal}): the controller scales up ${newName} next.` };
    if (available > r.minAvailable && oldTotal > 0)
      return { phase: 'scaling-down', now: `At the surge limit (${total} of ${r.maxTotal} pods) with ${available} available (at least ${r.minAvailable} must stay): scaling down ${oldNames} by up to ${available - r.minAvailable}.` };
    return {
      phase: 'waiting',
      now: `Scaled up ${newName} to ${newReplicas} of ${r.desired}; at the surge limit (${total} of ${r.maxTotal} pods). Waiting for ${plural(missing, 'more pod')} to become available before old pods can be scaled down (at least ${r.minAvailable} must stay available; ${available} are).`,
    };
  }
  if (oldTotal > 0) {
    if (available > r.minAvailable) return { phase: 'scaling-down', now: `${newName} is at full size (${newReplicas}); scaling down ${oldNames} (${plural(oldTotal, 'old pod')} left).` };
    return { phase: 'waiting', now: `${newName} is at full size (${newReplicas}); waiting for ${plural(missing, 'more pod')} to become available before the last ${plural(oldTotal, 'old pod')} can go.` };
  }
  if (newAvailable < r.desired) return { phase: 'settling', now: `All old pods are gone; waiting for ${plural(r.desired - newAvailable, 'more new pod')} of ${newName} to become available.` };
  return { phase: 'idle', now: r.message ?? 'Waiting for the controller to observe the latest spec.' };
}
