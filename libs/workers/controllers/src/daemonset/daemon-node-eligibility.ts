import { findMatchingUntoleratedTaint, matchesRequiredNodeAffinity, NodeSelectorTerm } from '@drydock/kube';
import type { Node, Pod, PodTemplateSpec, Taint, Toleration } from '../util/workload.types';

interface Affinity {
  nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: NodeSelectorTerm[] }; [key: string]: unknown };
  [key: string]: unknown;
}
export interface DaemonPodSpec {
  nodeName?: string;
  nodeSelector?: Record<string, string>;
  affinity?: Affinity;
  tolerations?: Toleration[];
  hostNetwork?: boolean;
  [key: string]: unknown;
}

/** util.AddOrUpdateDaemonPodTolerations: what every daemon pod tolerates, so node trouble does not evict it. */
export function daemonPodDefaultTolerations(spec: DaemonPodSpec): Toleration[] {
  const tolerations: Toleration[] = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  ];
  if (spec.hostNetwork) tolerations.push({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  return tolerations;
}

/** v1helper.AddOrUpdateTolerationInPodSpec for each default: a toleration of the same key, operator and effect is replaced. */
export function withDaemonTolerations(spec: DaemonPodSpec): DaemonPodSpec {
  const tolerations = [...(spec.tolerations ?? [])];
  for (const toleration of daemonPodDefaultTolerations(spec)) {
    const index = tolerations.findIndex((t) => t.key === toleration.key && (t.operator ?? 'Equal') === toleration.operator && t.effect === toleration.effect);
    if (index >= 0) tolerations[index] = toleration;
    else tolerations.push(toleration);
  }
  return { ...spec, tolerations };
}

/** util.ReplaceDaemonSetPodNodeNameNodeAffinity: the required node terms become `metadata.name In [node]`. */
export function withNodeNameAffinity(affinity: Affinity | undefined, nodeName: string): Affinity {
  const term: NodeSelectorTerm = { matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] };
  const nodeAffinity = { ...(affinity?.nodeAffinity ?? {}) };
  nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = { ...(nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution ?? {}), nodeSelectorTerms: [term] };
  return { ...(affinity ?? {}), nodeAffinity };
}

/** The node a daemon pod is for: spec.nodeName, else its matchFields metadata.name term (GetTargetNodeName). */
export function targetNodeName(pod: Pod): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const terms = (pod.spec as DaemonPodSpec | undefined)?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const term of terms) {
    const field = term.matchFields?.find((r) => r.key === 'metadata.name' && r.operator === 'In' && r.values?.length === 1);
    if (field) return field.values![0];
  }
  return undefined;
}

function hasUntoleratedTaint(taints: Taint[], tolerations: Toleration[], effects: Taint['effect'][]): boolean {
  return findMatchingUntoleratedTaint(taints, tolerations, (taint) => effects.includes(taint.effect)) !== undefined;
}

/**
 * NodeShouldRunDaemonPod: `shouldRun` (a daemon pod belongs here) and `shouldContinueRunning` (an
 * existing one may stay: an untolerated NoSchedule taint keeps it, only an untolerated NoExecute evicts).
 * Cordoning does not matter: the unschedulable taint is among the default tolerations.
 */
export function nodeShouldRunDaemonPod(node: Node, template: PodTemplateSpec | undefined): { shouldRun: boolean; shouldContinueRunning: boolean } {
  const spec = withDaemonTolerations((template?.spec ?? {}) as DaemonPodSpec);
  if (spec.nodeName && spec.nodeName !== node.metadata.name) return { shouldRun: false, shouldContinueRunning: false };
  if (!matchesRequiredNodeAffinity(spec, node)) return { shouldRun: false, shouldContinueRunning: false };
  const taints = node.spec?.taints ?? [];
  if (hasUntoleratedTaint(taints, spec.tolerations ?? [], ['NoSchedule', 'NoExecute'])) {
    return { shouldRun: false, shouldContinueRunning: !hasUntoleratedTaint(taints, spec.tolerations ?? [], ['NoExecute']) };
  }
  return { shouldRun: true, shouldContinueRunning: true };
}
