import type { Pod } from '../framework/types';
import { NODE_REASONS_ANNOTATION } from './failure-recorder';

export function isAssigned(pod: Pod): boolean {
  return Boolean(pod.spec?.nodeName);
}

/** Succeeded and Failed pods no longer hold resources on their node. */
export function isTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/**
 * A pod this scheduler must place: unassigned, ours by schedulerName, not terminating or finished,
 * and without scheduling gates (a gated pod is picked up by the update that removes its last gate).
 */
export function isResponsibleFor(pod: Pod, schedulerName: string): boolean {
  if (isAssigned(pod) || pod.metadata.deletionTimestamp || isTerminal(pod) || pod.spec?.schedulingGates?.length) return false;
  return (pod.spec?.schedulerName || 'default-scheduler') === schedulerName;
}

/**
 * Whether an update to a pending pod could change where it fits (upstream's isPodUpdated): changes to
 * status, resourceVersion, managedFields and our own node-reasons annotation do not count, so the
 * scheduler's own writes never requeue the pod.
 */
export function changedForScheduling(oldPod: Pod, newPod: Pod): boolean {
  return fingerprint(oldPod) !== fingerprint(newPod);
}

function fingerprint(pod: Pod): string {
  const annotations = { ...pod.metadata.annotations };
  delete annotations[NODE_REASONS_ANNOTATION];
  return JSON.stringify([pod.spec, pod.metadata.labels ?? {}, annotations]);
}
