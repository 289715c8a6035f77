import type { NodeInfo } from '../../framework/node-info';
import { findMatchingUntoleratedTaint, labelSelectorMatcher } from '@drydock/kube';
import type { LabelSelector, Pod, TopologySpreadConstraint } from '../../framework/types';
import { podMatchesNodeAffinity } from '../node-affinity/node-affinity.plugin';

/** A constraint with its effective selector (matchLabelKeys folded in), as upstream's topologySpreadConstraint. */
export interface SpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  minDomains: number;
  selector: LabelSelector | null;
  honorNodeAffinity: boolean;
  honorNodeTaints: boolean;
  /** Names the selector for NodeInfo.memo (counts of matching pods per node). */
  countKey: string;
}

/**
 * upstream's system default constraints (defaultingType System), for pods that declare none: spread
 * softly over hosts (maxSkew 3) and zones (maxSkew 5), counting the pods their Services and controller select.
 */
export function systemDefaultConstraints(selector: LabelSelector): TopologySpreadConstraint[] {
  return [
    { maxSkew: 3, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: selector },
    { maxSkew: 5, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: selector },
  ];
}

/** The pod's constraints of one kind; `declared` replaces the pod's own list (system defaults). */
export function spreadConstraints(pod: Pod, when: TopologySpreadConstraint['whenUnsatisfiable'], declared = pod.spec.topologySpreadConstraints ?? []): SpreadConstraint[] {
  return declared
    .filter((constraint) => constraint.whenUnsatisfiable === when)
    .map((constraint) => {
      const selector = withMatchLabelKeys(constraint, pod);
      return {
        maxSkew: constraint.maxSkew,
        topologyKey: constraint.topologyKey,
        minDomains: constraint.minDomains ?? 1,
        selector,
        honorNodeAffinity: (constraint.nodeAffinityPolicy ?? 'Honor') === 'Honor',
        honorNodeTaints: constraint.nodeTaintsPolicy === 'Honor',
        countKey: `spread\0${pod.metadata.namespace ?? ''}\0${JSON.stringify(selector)}`,
      };
    });
}

function withMatchLabelKeys(constraint: TopologySpreadConstraint, pod: Pod): LabelSelector | null {
  const keys = (constraint.matchLabelKeys ?? []).filter((key) => pod.metadata.labels?.[key] !== undefined);
  if (!constraint.labelSelector || keys.length === 0) return constraint.labelSelector ?? null;
  const extra = keys.map((key) => ({ key, operator: 'In' as const, values: [pod.metadata.labels![key]] }));
  return { ...constraint.labelSelector, matchExpressions: [...(constraint.labelSelector.matchExpressions ?? []), ...extra] };
}

/** The node carries every constraint's topology key. */
export function hasAllTopologyKeys(constraints: SpreadConstraint[], labels: Record<string, string>): boolean {
  return constraints.every((constraint) => labels[constraint.topologyKey] !== undefined);
}

/** Whether a node's pods count towards the spread at all (node inclusion policies). */
export function nodeCounts(constraint: SpreadConstraint, pod: Pod, nodeInfo: NodeInfo): boolean {
  if (!nodeInfo.node) return false;
  if (constraint.honorNodeAffinity && !podMatchesNodeAffinity(pod, nodeInfo.node)) return false;
  if (constraint.honorNodeTaints && findMatchingUntoleratedTaint(nodeInfo.node.spec?.taints, pod.spec.tolerations, (t) => t.effect !== 'PreferNoSchedule')) return false;
  return true;
}

/** Pods on the node, in the incoming pod's namespace and not terminating, that the constraint selects (memoised per node). */
export function countMatchingPods(constraint: SpreadConstraint, pod: Pod, nodeInfo: NodeInfo): number {
  return nodeInfo.memo(constraint.countKey, () => {
    const matches = labelSelectorMatcher(constraint.selector);
    let count = 0;
    for (const existing of nodeInfo.pods.values()) {
      const meta = existing.pod.metadata;
      if (meta.deletionTimestamp || meta.namespace !== pod.metadata.namespace) continue;
      if (matches(meta.labels)) count++;
    }
    return count;
  });
}
