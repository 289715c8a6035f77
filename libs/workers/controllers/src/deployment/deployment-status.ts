import { findCondition, kubeTime, removeCondition, setCondition } from '@drydock/kube';
import type { Condition, Deployment, DeploymentStatus, ReplicaSet } from '../util/workload.types';
import { hasProgressDeadline, maxUnavailable, replicasOf, sumAvailableReplicas, sumReadyReplicas, sumSpecReplicas, sumStatusReplicas } from './deployment-util';

/** Condition reasons of deployment_util.go, as kubectl rollout status and kstatus read them. */
export const DeploymentReasons = {
  NewReplicaSet: 'NewReplicaSetCreated',
  FoundNewRS: 'FoundNewReplicaSet',
  NewRSAvailable: 'NewReplicaSetAvailable',
  ReplicaSetUpdated: 'ReplicaSetUpdated',
  TimedOut: 'ProgressDeadlineExceeded',
  Paused: 'DeploymentPaused',
  Resumed: 'DeploymentResumed',
  FailedRSCreate: 'ReplicaSetCreateError',
  MinimumReplicasAvailable: 'MinimumReplicasAvailable',
  MinimumReplicasUnavailable: 'MinimumReplicasUnavailable',
} as const;

/** NewDeploymentCondition: both timestamps now. */
export function newDeploymentCondition(type: string, status: Condition['status'], reason: string, message: string, now: Date): Condition {
  const time = kubeTime(now);
  return { type, status, lastUpdateTime: time, lastTransitionTime: time, reason, message };
}

/** calculateStatus (sync.go): counts summed over the RSs, plus the Available condition. */
export function calculateDeploymentStatus(allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment, now: Date): DeploymentStatus {
  const available = sumAvailableReplicas(allRSs);
  const total = sumSpecReplicas(allRSs);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation,
    replicas: sumStatusReplicas(allRSs),
    updatedReplicas: sumStatusReplicas([newRS]),
    readyReplicas: sumReadyReplicas(allRSs),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, total - available),
  };
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  let conditions = [...(d.status?.conditions ?? [])];
  if (available >= replicasOf(d) - maxUnavailable(d)) {
    conditions = setCondition(conditions, newDeploymentCondition('Available', 'True', DeploymentReasons.MinimumReplicasAvailable, 'Deployment has minimum availability.', now));
  } else {
    conditions = setCondition(conditions, newDeploymentCondition('Available', 'False', DeploymentReasons.MinimumReplicasUnavailable, 'Deployment does not have minimum availability.', now));
  }
  status.conditions = conditions;
  return status;
}

/** DeploymentComplete. */
export function deploymentComplete(d: Deployment, status: DeploymentStatus): boolean {
  const replicas = replicasOf(d);
  return (status.updatedReplicas ?? 0) === replicas && (status.replicas ?? 0) === replicas && (status.availableReplicas ?? 0) === replicas && (status.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
}

/** DeploymentProgressing: any count moved the right way since the last status. */
export function deploymentProgressing(d: Deployment, status: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (status.replicas ?? 0) - (status.updatedReplicas ?? 0);
  return (status.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) || newOld < oldOld || (status.readyReplicas ?? 0) > (old.readyReplicas ?? 0) || (status.availableReplicas ?? 0) > (old.availableReplicas ?? 0);
}

/**
 * DeploymentTimedOut: the Progressing condition's lastUpdateTime is older than the deadline.
 * `elapsedMs` measures simulated time since a real instant (the Clock).
 */
export function deploymentTimedOut(d: Deployment, status: DeploymentStatus, elapsedMs: (sinceMs: number) => number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const condition = findCondition(status.conditions, 'Progressing');
  if (!condition) return false;
  if (condition.reason === DeploymentReasons.NewRSAvailable) return false;
  if (condition.reason === DeploymentReasons.TimedOut) return true;
  const from = Date.parse(condition.lastUpdateTime ?? '');
  return Number.isFinite(from) && elapsedMs(from) > d.spec.progressDeadlineSeconds! * 1000;
}

/**
 * syncRolloutStatus (progress.go) without the write: the status with the Progressing condition
 * brought up to date (NewReplicaSetAvailable, ReplicaSetUpdated or ProgressDeadlineExceeded).
 */
export function rolloutStatus(allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment, now: Date, elapsedMs: (sinceMs: number) => number): DeploymentStatus {
  const status = calculateDeploymentStatus(allRSs, newRS, d, now);
  if (!hasProgressDeadline(d)) status.conditions = removeCondition(status.conditions, 'Progressing');
  const current = findCondition(d.status?.conditions, 'Progressing');
  const isComplete = status.replicas === status.updatedReplicas && current?.reason === DeploymentReasons.NewRSAvailable;
  if (hasProgressDeadline(d) && !isComplete) {
    const subject = newRS ? `ReplicaSet "${newRS.metadata.name}"` : `Deployment "${d.metadata.name}"`;
    if (deploymentComplete(d, status)) {
      status.conditions = setCondition(status.conditions, newDeploymentCondition('Progressing', 'True', DeploymentReasons.NewRSAvailable, `${subject} has successfully progressed.`, now));
    } else if (deploymentProgressing(d, status)) {
      const condition = newDeploymentCondition('Progressing', 'True', DeploymentReasons.ReplicaSetUpdated, `${subject} is progressing.`, now);
      if (current) {
        if (current.status === 'True') condition.lastTransitionTime = current.lastTransitionTime;
        status.conditions = removeCondition(status.conditions, 'Progressing');
      }
      status.conditions = setCondition(status.conditions, condition);
    } else if (deploymentTimedOut(d, status, elapsedMs)) {
      status.conditions = setCondition(status.conditions, newDeploymentCondition('Progressing', 'False', DeploymentReasons.TimedOut, `${subject} has timed out progressing.`, now));
    }
  }
  const failure = replicaFailure(allRSs, newRS);
  status.conditions = failure ? setCondition(status.conditions, failure) : removeCondition(status.conditions, 'ReplicaFailure');
  return status;
}

/** getReplicaFailures: the new RS's ReplicaFailure condition, else any old RS's. */
function replicaFailure(allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): Condition | undefined {
  const sets = newRS ? [newRS, ...allRSs.filter((rs) => rs !== newRS)] : allRSs;
  for (const rs of sets) {
    const failure = rs?.status?.conditions?.find((c) => c.type === 'ReplicaFailure');
    if (failure) return { type: 'ReplicaFailure', status: failure.status, reason: failure.reason, message: failure.message, lastUpdateTime: failure.lastTransitionTime, lastTransitionTime: failure.lastTransitionTime };
  }
  return undefined;
}

/** The simulated milliseconds until a still-progressing rollout would time out (requeueStuckDeployment), or undefined. */
export function msUntilProgressDeadline(d: Deployment, status: DeploymentStatus, elapsedMs: (sinceMs: number) => number): number | undefined {
  const condition = findCondition(status.conditions, 'Progressing');
  if (!hasProgressDeadline(d) || !condition || condition.reason === DeploymentReasons.NewRSAvailable || condition.reason === DeploymentReasons.TimedOut) return undefined;
  if (deploymentComplete(d, status)) return undefined;
  const from = Date.parse(condition.lastUpdateTime ?? '');
  if (!Number.isFinite(from)) return undefined;
  return Math.max(0, d.spec.progressDeadlineSeconds! * 1000 - elapsedMs(from)) + 1000;
}

/** Status equality as reflect.DeepEqual would see it (JSON form). */
export function sameStatus(a: DeploymentStatus | undefined, b: DeploymentStatus): boolean {
  return JSON.stringify(normalise(a ?? {})) === JSON.stringify(normalise(b));
}

function normalise(status: DeploymentStatus): Record<string, unknown> {
  const keys = ['observedGeneration', 'replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas', 'collisionCount', 'conditions'] as const;
  return Object.fromEntries(keys.map((key) => [key, (status[key] as unknown) ?? (key === 'conditions' ? [] : 0)]));
}
