import type { Pod, Rejection } from './types';

/** Upstream's ErrNoNodesAvailable text. */
export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods';
export const PREEMPTION_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const NO_PREEMPTION_VICTIMS = 'No preemption victims found for incoming pod';

/** Why a pod fits no node: the rejection of every node, as upstream's FitError/Diagnosis. */
export interface Diagnosis {
  numAllNodes: number;
  /** Node name → the first filter that rejected it. */
  statuses: Map<string, Rejection>;
  /** Set when a PreFilter rejected the pod for every node. */
  preFilterMessage?: string;
}

/**
 * FitError.Error(): `0/N nodes are available: <count> <reason>, ….` with the histogram entries
 * sorted as strings (so "1 …" before "2 …"), then ` <postFilterMessage>` (it ends with its own period).
 */
export function fitErrorMessage(diagnosis: Diagnosis, postFilterMessage = ''): string {
  let message = `0/${diagnosis.numAllNodes} nodes are available:`;
  if (diagnosis.preFilterMessage) {
    message += ` ${diagnosis.preFilterMessage}.`;
  } else {
    const histogram = reasonHistogram(diagnosis.statuses);
    if (histogram.length > 0) message += ` ${histogram.join(', ')}.`;
  }
  if (postFilterMessage) message += ` ${postFilterMessage}`;
  return message;
}

function reasonHistogram(statuses: Map<string, Rejection>): string[] {
  const counts = new Map<string, number>();
  for (const status of statuses.values()) {
    for (const reason of status.reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  return [...counts].map(([reason, count]) => `${count} ${reason}`).sort();
}

/**
 * DefaultPreemption's PostFilter message when it finds no candidate: a node rejected as unresolvable
 * is "not helpful", any other node reports no victims (no lower-priority pods whose removal would
 * make room there).
 */
export function preemptionMessage(pod: Pod, diagnosis: Diagnosis): string {
  if (pod.spec.preemptionPolicy === 'Never') return 'preemption: not eligible due to preemptionPolicy=Never.';
  const statuses = new Map<string, Rejection>();
  for (const [node, status] of diagnosis.statuses) {
    const reason = status.code === 'UnschedulableAndUnresolvable' || diagnosis.preFilterMessage ? PREEMPTION_NOT_HELPFUL : NO_PREEMPTION_VICTIMS;
    statuses.set(node, { code: 'UnschedulableAndUnresolvable', reasons: [reason], plugin: 'DefaultPreemption' });
  }
  return `preemption: ${fitErrorMessage({ numAllNodes: diagnosis.numAllNodes, statuses })}`;
}

/**
 * The whole message of the PodScheduled condition and the FailedScheduling event. `postFilter` is what
 * preemption said when it ran (empty once it nominated a node: upstream then adds nothing).
 */
export function failedSchedulingMessage(pod: Pod, diagnosis: Diagnosis, postFilter?: string): string {
  if (diagnosis.numAllNodes === 0) return NO_NODES_AVAILABLE;
  return fitErrorMessage(diagnosis, postFilter ?? preemptionMessage(pod, diagnosis));
}
