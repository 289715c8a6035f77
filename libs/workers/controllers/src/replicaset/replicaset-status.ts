import { kubeTime, labelsContain } from '@drydock/kube';
import { isPodAvailable, isPodReady } from '../util/pod-status';
import type { Pod, ReplicaSet, ReplicaSetStatus } from '../util/workload.types';

/**
 * calculateStatus (replica_set_utils.go): counts over the controller's active pods, and the
 * ReplicaFailure condition set on a failed create/delete and cleared when manageReplicas succeeds.
 */
export function calculateReplicaSetStatus(rs: ReplicaSet, activePods: Pod[], manageError: Error | undefined, nowMs: number, elapsedMs?: (startMs: number, nowMs: number) => number): ReplicaSetStatus {
  const status: ReplicaSetStatus = { ...(rs.status ?? {}) };
  let fullyLabeled = 0, ready = 0, available = 0;
  for (const pod of activePods) {
    if (labelsContain(pod.metadata.labels, rs.spec.template?.metadata?.labels)) fullyLabeled++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, rs.spec.minReadySeconds ?? 0, nowMs, elapsedMs)) available++;
    }
  }
  const failure = status.conditions?.find((c) => c.type === 'ReplicaFailure');
  if (manageError && !failure) {
    const diff = activePods.length - (rs.spec.replicas ?? 1);
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
    status.conditions = [...(status.conditions ?? []), { type: 'ReplicaFailure', status: 'True', lastTransitionTime: kubeTime(new Date(nowMs)), reason, message: manageError.message }];
  } else if (!manageError && failure) {
    status.conditions = status.conditions!.filter((c) => c.type !== 'ReplicaFailure');
    if (status.conditions.length === 0) delete status.conditions;
  }
  status.replicas = activePods.length;
  status.fullyLabeledReplicas = fullyLabeled;
  status.readyReplicas = ready;
  status.availableReplicas = available;
  return status;
}

/** updateReplicaSetStatus's short-cut: nothing to write when the counts and observedGeneration match. */
export function replicaSetStatusUnchanged(rs: ReplicaSet, status: ReplicaSetStatus): boolean {
  const old = rs.status ?? {};
  return (old.replicas ?? 0) === status.replicas && (old.fullyLabeledReplicas ?? 0) === status.fullyLabeledReplicas && (old.readyReplicas ?? 0) === status.readyReplicas
    && (old.availableReplicas ?? 0) === status.availableReplicas && (old.observedGeneration ?? 0) === (rs.metadata.generation ?? 0)
    && JSON.stringify(old.conditions ?? []) === JSON.stringify(status.conditions ?? []);
}
