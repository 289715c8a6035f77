import { isPodReady, podCondition } from '../util/pod-status';
import type { Pod } from '../util/workload.types';

/**
 * getPodsToDelete (replica_set.go) with controller.ActivePodsWithRanks: the pods upstream removes
 * first when scaling down. Rank = how many active pods related to this controller share the node.
 */
const phaseOrder: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
const DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

function deletionCost(pod: Pod): number {
  const value = Number(pod.metadata.annotations?.[DELETION_COST] ?? 0);
  return Number.isFinite(value) ? value : 0;
}

function readyTimeMs(pod: Pod): number | undefined {
  if (!isPodReady(pod)) return undefined;
  const time = Date.parse(podCondition(pod, 'Ready')?.lastTransitionTime ?? '');
  return Number.isFinite(time) ? time : undefined;
}

const maxRestarts = (pod: Pod): number => Math.max(0, ...(pod.status?.containerStatuses ?? []).map((s) => s.restartCount ?? 0));
const creationMs = (pod: Pod): number | undefined => {
  const time = Date.parse(pod.metadata.creationTimestamp ?? '');
  return Number.isFinite(time) ? time : undefined;
};

/** ActivePodsWithRanks.Less: negative when `a` should be deleted before `b`. */
export function compareForDeletion(a: Pod, rankA: number, b: Pod, rankB: number): number {
  const nodeA = a.spec?.nodeName ?? '', nodeB = b.spec?.nodeName ?? '';
  if ((nodeA === '') !== (nodeB === '')) return nodeA === '' ? -1 : 1;
  const phaseA = phaseOrder[a.status?.phase ?? 'Pending'] ?? 0, phaseB = phaseOrder[b.status?.phase ?? 'Pending'] ?? 0;
  if (phaseA !== phaseB) return phaseA - phaseB;
  if (isPodReady(a) !== isPodReady(b)) return isPodReady(a) ? 1 : -1;
  if (deletionCost(a) !== deletionCost(b)) return deletionCost(a) - deletionCost(b);
  if (rankA !== rankB) return rankB - rankA;
  const readyA = readyTimeMs(a), readyB = readyTimeMs(b);
  if (isPodReady(a) && isPodReady(b) && readyA !== readyB) {
    if (readyA === undefined) return -1;
    if (readyB === undefined) return 1;
    return readyB - readyA;
  }
  if (maxRestarts(a) !== maxRestarts(b)) return maxRestarts(b) - maxRestarts(a);
  const createdA = creationMs(a), createdB = creationMs(b);
  if (createdA !== createdB) {
    if (createdA === undefined) return -1;
    if (createdB === undefined) return 1;
    return createdB - createdA;
  }
  return 0;
}

/**
 * The `count` pods to delete out of `filteredPods` (this controller's active pods). `relatedPods` are
 * the active pods of this controller and its siblings (same owner), used to rank doubled-up nodes.
 */
export function podsToDelete(filteredPods: Pod[], relatedPods: Pod[], count: number): Pod[] {
  if (count >= filteredPods.length) return [...filteredPods];
  const podsOnNode = new Map<string, number>();
  for (const pod of relatedPods) {
    const node = pod.spec?.nodeName;
    if (node && !pod.metadata.deletionTimestamp && pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed') podsOnNode.set(node, (podsOnNode.get(node) ?? 0) + 1);
  }
  const ranked = filteredPods.map((pod) => ({ pod, rank: pod.spec?.nodeName ? (podsOnNode.get(pod.spec.nodeName) ?? 0) : 0 }));
  ranked.sort((a, b) => compareForDeletion(a.pod, a.rank, b.pod, b.rank));
  return ranked.slice(0, count).map((entry) => entry.pod);
}
