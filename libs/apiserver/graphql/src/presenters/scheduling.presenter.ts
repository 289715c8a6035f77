import type { KubeObject } from '@drydock/util';
import { condition, spec, status } from './kube-fields';

export const NODE_REASONS_ANNOTATION = 'scheduler.drydock.dev/node-reasons';

export interface NodeVerdictView {
  node: string;
  reasons: string[];
  explanation: string;
}

export interface SchedulingView {
  message?: string;
  nodes: NodeVerdictView[];
}

const PLAIN: [RegExp, (match: RegExpExecArray) => string][] = [
  [/^Insufficient cpu$/, () => 'not enough unreserved CPU left for the pod\'s CPU request'],
  [/^Insufficient memory$/, () => 'not enough unreserved memory left for the pod\'s memory request'],
  [/^Insufficient (.+)$/, (m) => `not enough ${m[1]} left for the pod's request`],
  [/^Too many pods$/, () => 'it already runs as many pods as it allows'],
  [/^node\(s\) were unschedulable$/, () => 'it is cordoned (unschedulable)'],
  [/^node\(s\) had untolerated taint \{node\.kubernetes\.io\/unreachable: ?\}$/, () => 'it is unreachable (its kubelet stopped reporting)'],
  [/^node\(s\) had untolerated taint \{node\.kubernetes\.io\/not-ready: ?\}$/, () => 'it is not Ready'],
  [/^node\(s\) had untolerated taint \{node\.kubernetes\.io\/unschedulable: ?\}$/, () => 'it is cordoned (unschedulable)'],
  [/^node\(s\) had untolerated taint \{(.+)\}$/, (m) => `it has the taint {${m[1]}} and the pod has no toleration for it`],
  [/^node\(s\) didn't match Pod's node affinity\/selector$/, () => "its labels do not match the pod's nodeSelector or node affinity"],
  [/^node\(s\) didn't match pod anti-affinity rules$/, () => 'it runs a pod this pod must not share a node (or zone) with (pod anti-affinity)'],
  [/^node\(s\) didn't match pod affinity rules$/, () => 'it does not run the pods this pod must be placed with (pod affinity)'],
  [/^node\(s\) didn't satisfy existing pods anti-affinity rules$/, () => "a pod already there does not want this pod beside it (that pod's anti-affinity)"],
  [/^node\(s\) didn't match pod topology spread constraints$/, () => 'placing the pod there would break its topology spread constraints'],
  [/^node\(s\) didn't have free ports for the requested pod ports$/, () => 'a host port the pod asks for is already taken there'],
  [/^node\(s\) didn't match the requested node name$/, () => 'the pod asks for another node by name'],
  [/^node\(s\) had volume node affinity conflict$/, () => "the pod's volume cannot be attached in this node's zone"],
];

/** A scheduler reason in plain words (unknown reasons as they are). */
export function explainReason(reason: string): string {
  for (const [pattern, explain] of PLAIN) {
    const match = pattern.exec(reason);
    if (match) return explain(match);
  }
  return reason;
}

/** The record the scheduler keeps on an unschedulable pod; null for a scheduled pod. */
export function schedulingView(pod: KubeObject, failedSchedulingMessage?: string): SchedulingView | null {
  if (spec(pod).nodeName || status(pod).phase !== 'Pending' && status(pod).phase !== undefined) return null;
  const scheduled = condition(pod, 'PodScheduled');
  let record: Record<string, unknown> = {};
  try {
    record = JSON.parse(pod.metadata.annotations?.[NODE_REASONS_ANNOTATION] ?? '{}') as Record<string, unknown>;
  } catch {
    record = {};
  }
  const nodes = Object.entries(record).map(([node, reasons]) => {
    const list = Array.isArray(reasons) ? reasons.map(String) : [];
    const explanation = list.length > 0 ? `${node}: ${list.map(explainReason).join('; ')}.` : `${node}: no reason recorded.`;
    return { node, reasons: list, explanation };
  });
  nodes.sort((a, b) => a.node.localeCompare(b.node));
  return { message: scheduled?.status === 'False' ? scheduled.message ?? failedSchedulingMessage : failedSchedulingMessage, nodes };
}
