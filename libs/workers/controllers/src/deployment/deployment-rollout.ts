import type { ReplicaSet, Deployment } from '../util/workload.types';
import {
  byCreationTimestamp, filterActiveReplicaSets, findActiveOrLatest, isRollingUpdate, isSaturated, maxSurge, maxUnavailable,
  replicasOf, rsReplicas, sumAvailableReplicas, sumSpecReplicas,
} from './deployment-util';

/**
 * The arithmetic of rolling.go and sync.go's scale(), as pure plans: each returns the scale changes
 * the controller must make, in upstream's order. The reconciler applies them (scaleReplicaSet).
 */
export interface ScaleStep {
  rs: ReplicaSet;
  replicas: number;
}

const withReplicas = (rs: ReplicaSet, replicas: number): ReplicaSet => ({ ...rs, spec: { ...rs.spec, replicas } });

/** A plan that stops at an invalid step: apply `steps`, then fail the sync with `error` (upstream returns the error). */
export interface ScalePlan {
  steps: ScaleStep[];
  error?: Error;
}

/**
 * reconcileOldReplicaSets: first scale down old RSs' unhealthy replicas (cleanupUnhealthyReplicas),
 * then scale down available old replicas while keeping spec.replicas - maxUnavailable available.
 */
export function planOldReplicaSetsScaleDown(d: Deployment, oldRSs: ReplicaSet[], newRS: ReplicaSet): ScalePlan {
  const allRSs = [...oldRSs, newRS];
  if (sumSpecReplicas(oldRSs) === 0) return { steps: [] };
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const newRSUnavailable = rsReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = sumSpecReplicas(allRSs) - minAvailable - newRSUnavailable;
  if (maxScaledDown <= 0) return { steps: [] };
  const { steps, updated, error } = cleanupUnhealthyReplicas(filterActiveReplicaSets(oldRSs), maxScaledDown);
  if (error) return { steps, error };
  const further = scaleDownOldForRollingUpdate(d, [...updated, newRS], updated);
  return { steps: [...steps, ...further] };
}

/**
 * cleanupUnhealthyReplicas: oldest first, drop spec.replicas - available from each, up to maxCleanupCount.
 * An RS whose status counts more available pods than its spec (a status written before its last
 * scale-down took effect) ends the plan with upstream's error: scaleDownOldReplicaSetsForRollingUpdate
 * sums status.availableReplicas, and with that stale count it would take the old RS below minAvailable.
 * The sync fails and is retried once the RS controller has written the true count.
 */
export function cleanupUnhealthyReplicas(oldRSs: ReplicaSet[], maxCleanupCount: number): { steps: ScaleStep[]; updated: ReplicaSet[]; error?: Error } {
  const updated = [...oldRSs].sort(byCreationTimestamp);
  const steps: ScaleStep[] = [];
  let total = 0;
  for (let i = 0; i < updated.length; i++) {
    const rs = updated[i];
    if (total >= maxCleanupCount) break;
    const available = rs.status?.availableReplicas ?? 0;
    if (rsReplicas(rs) === 0 || rsReplicas(rs) === available) continue;
    const replicas = rsReplicas(rs) - Math.min(maxCleanupCount - total, rsReplicas(rs) - available);
    if (replicas > rsReplicas(rs)) {
      const error = new Error(`when cleaning up unhealthy replicas, got invalid request to scale down ${rs.metadata.namespace}/${rs.metadata.name} ${rsReplicas(rs)} -> ${replicas}`);
      return { steps, updated, error };
    }
    updated[i] = withReplicas(rs, replicas);
    steps.push({ rs, replicas });
    total += rsReplicas(rs) - replicas;
  }
  return { steps, updated };
}

/** scaleDownOldReplicaSetsForRollingUpdate: oldest first, down to minAvailable available pods overall. */
export function scaleDownOldForRollingUpdate(d: Deployment, allRSs: ReplicaSet[], oldRSs: ReplicaSet[]): ScaleStep[] {
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const available = sumAvailableReplicas(allRSs);
  if (available <= minAvailable) return [];
  const totalScaleDown = available - minAvailable;
  const steps: ScaleStep[] = [];
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreationTimestamp)) {
    if (total >= totalScaleDown) break;
    if (rsReplicas(rs) === 0) continue;
    const count = Math.min(rsReplicas(rs), totalScaleDown - total);
    steps.push({ rs, replicas: rsReplicas(rs) - count });
    total += count;
  }
  return steps;
}

function maxReplicasAnnotation(rs: ReplicaSet): number | undefined {
  const value = rs.metadata.annotations?.['deployment.kubernetes.io/max-replicas'];
  return value !== undefined && /^-?\d+$/.test(value) ? Number(value) : undefined;
}

/** Go's math.Round: half away from zero. */
const roundHalfAwayFromZero = (x: number): number => Math.sign(x) * Math.round(Math.abs(x));

/** getReplicaSetFraction: this RS's share of a resize, from the max-replicas it was last sized for. */
export function replicaSetFraction(rs: ReplicaSet, d: Deployment): number {
  if (replicasOf(d) === 0) return -rsReplicas(rs);
  const deploymentMax = replicasOf(d) + maxSurge(d);
  let before = maxReplicasAnnotation(rs);
  if (!before) {
    before = d.status?.replicas ?? 0;
    if (before === 0) return 0;
  }
  return roundHalfAwayFromZero((rsReplicas(rs) * deploymentMax) / before) - rsReplicas(rs);
}

/** GetProportion. */
export function proportion(rs: ReplicaSet, d: Deployment, toAdd: number, added: number): number {
  if (rsReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/** ReplicaSetsBySizeNewer / BySizeOlder: larger first; ties newer (or older) first. */
const bySize = (newer: boolean) => (a: ReplicaSet, b: ReplicaSet): number =>
  rsReplicas(b) - rsReplicas(a) || (newer ? byCreationTimestamp(b, a) : byCreationTimestamp(a, b));

/**
 * sync.go scale(): a scaling event (spec.replicas changed mid-rollout). One active RS takes the full
 * count; a saturated new RS zeroes the old ones; otherwise the change is spread proportionally and the
 * leftover goes to the largest RS. `operation` is the event wording (`up`/`down`).
 */
export function planProportionalScale(d: Deployment, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): { steps: ScaleStep[]; operation: 'up' | 'down' | '' ; recordAlways: boolean } {
  const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
  if (activeOrLatest) {
    if (rsReplicas(activeOrLatest) === replicasOf(d)) return { steps: [], operation: '', recordAlways: false };
    return { steps: [{ rs: activeOrLatest, replicas: replicasOf(d) }], operation: rsReplicas(activeOrLatest) > replicasOf(d) ? 'down' : 'up', recordAlways: false };
  }
  if (isSaturated(d, newRS)) {
    return { steps: filterActiveReplicaSets(oldRSs).map((rs) => ({ rs, replicas: 0 })), operation: 'down', recordAlways: false };
  }
  if (!isRollingUpdate(d)) return { steps: [], operation: '', recordAlways: false };
  const allRSs = filterActiveReplicaSets([...oldRSs, newRS]);
  const allowedSize = replicasOf(d) > 0 ? replicasOf(d) + maxSurge(d) : 0;
  const toAdd = allowedSize - sumSpecReplicas(allRSs);
  const operation = toAdd > 0 ? 'up' : toAdd < 0 ? 'down' : '';
  if (toAdd !== 0) allRSs.sort(bySize(toAdd > 0));
  const sizes = new Map<ReplicaSet, number>();
  let added = 0;
  for (const rs of allRSs) {
    const share = toAdd !== 0 ? proportion(rs, d, toAdd, added) : 0;
    sizes.set(rs, rsReplicas(rs) + share);
    added += share;
  }
  if (allRSs.length && toAdd !== 0) sizes.set(allRSs[0], Math.max(0, sizes.get(allRSs[0])! + toAdd - added));
  return { steps: allRSs.map((rs) => ({ rs, replicas: sizes.get(rs)! })), operation, recordAlways: true };
}
