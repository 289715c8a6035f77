import { getScaledValueFromIntOrPercent, isPercent, setStatusCondition } from '@drydock/kube';
import { isPodReady } from '../util/pod-status';
import type { Condition, Pod, PodDisruptionBudget } from '../util/workload.types';

/**
 * The arithmetic of pkg/controller/disruption: expected pods, desired healthy, current healthy and
 * disruptions allowed. `expectedScale` is the sum of spec.replicas of the pods' controllers (only
 * needed for maxUnavailable or a percentage minAvailable).
 */
export interface PdbCounts {
  expectedCount: number;
  desiredHealthy: number;
}

export function needsControllerScale(pdb: PodDisruptionBudget): boolean {
  return pdb.spec.maxUnavailable !== undefined || isPercent(pdb.spec.minAvailable);
}

/** getExpectedPodCount. */
export function expectedPodCount(pdb: PodDisruptionBudget, podCount: number, expectedScale: number): PdbCounts {
  if (pdb.spec.maxUnavailable !== undefined && pdb.spec.maxUnavailable !== null) {
    const unavailable = getScaledValueFromIntOrPercent(pdb.spec.maxUnavailable, expectedScale, true);
    return { expectedCount: expectedScale, desiredHealthy: Math.max(0, expectedScale - unavailable) };
  }
  if (typeof pdb.spec.minAvailable === 'number') return { expectedCount: podCount, desiredHealthy: pdb.spec.minAvailable };
  if (typeof pdb.spec.minAvailable === 'string') {
    return { expectedCount: expectedScale, desiredHealthy: getScaledValueFromIntOrPercent(pdb.spec.minAvailable, expectedScale, true) };
  }
  return { expectedCount: podCount, desiredHealthy: 0 };
}

/** countHealthyPods: ready pods not being deleted and not recently disrupted (still in disruptedPods). */
export function countHealthyPods(pods: Pod[], disruptedPods: Record<string, string>): number {
  return pods.filter((pod) => !pod.metadata.deletionTimestamp && !(pod.metadata.name! in disruptedPods) && isPodReady(pod)).length;
}

/** updatePdbStatus's disruptionsAllowed. */
export function disruptionsAllowed(currentHealthy: number, desiredHealthy: number, expectedCount: number): number {
  const allowed = currentHealthy - desiredHealthy;
  return expectedCount <= 0 || allowed <= 0 ? 0 : allowed;
}

/**
 * UpdateDisruptionAllowedCondition (apimeta.SetStatusCondition): DisruptionAllowed True/SufficientPods
 * or False/InsufficientPods; lastTransitionTime changes only with the status.
 */
export function disruptionAllowedCondition(previous: Condition[] | undefined, allowed: number, observedGeneration: number, now: Date, failure?: string): Condition[] {
  const status: Condition['status'] = !failure && allowed > 0 ? 'True' : 'False';
  const reason = failure ? 'SyncFailed' : allowed > 0 ? 'SufficientPods' : 'InsufficientPods';
  return setStatusCondition(previous, { type: 'DisruptionAllowed', status, observedGeneration, reason, message: failure ?? '' }, now);
}

/**
 * buildDisruptedPodMap: entries the eviction API recorded that are still pending (pod exists, not yet
 * deleted, within DeletionTimeout 2 min). Returns the map to keep.
 */
export function pendingDisruptions(pdb: PodDisruptionBudget, pods: Pod[], nowMs: number): Record<string, string> {
  const out: Record<string, string> = {};
  const byName = new Map(pods.map((pod) => [pod.metadata.name!, pod]));
  for (const [name, time] of Object.entries(pdb.status?.disruptedPods ?? {})) {
    const pod = byName.get(name);
    if (!pod || pod.metadata.deletionTimestamp) continue;
    const at = Date.parse(time);
    if (Number.isFinite(at) && at + 2 * 60 * 1000 >= nowMs) out[name] = time;
  }
  return out;
}
