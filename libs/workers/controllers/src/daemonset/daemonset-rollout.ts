import { CONTROLLER_REVISION_HASH_LABEL } from '../statefulset/controller-history';
import type { Pod } from '../util/workload.types';

/** What a rolling update step decides (update.go rollingUpdate): old pods to delete, nodes to surge onto. */
export interface RolloutStep {
  oldPodsToDelete: Pod[];
  nodesToSurge: string[];
}

/** findUpdatedPodsOnNode: the node's one new and one old pod; undefined when it has more than one of either. */
export function updatedPodsOnNode(pods: Pod[], hash: string): { newPod?: Pod; oldPod?: Pod } | undefined {
  let newPod: Pod | undefined;
  let oldPod: Pod | undefined;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    if (pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] === hash) {
      if (newPod) return undefined;
      newPod = pod;
    } else {
      if (oldPod) return undefined;
      oldPod = pod;
    }
  }
  return { newPod, oldPod };
}

/**
 * rollingUpdate without surge: old pods that are not available are replaced at once; available ones
 * only while fewer than maxUnavailable daemon pods are unavailable.
 */
export function rollingUpdateWithoutSurge(nodeToPods: Map<string, Pod[]>, hash: string, maxUnavailable: number, isAvailable: (pod: Pod) => boolean): RolloutStep {
  let unavailable = 0;
  const replaceNow: Pod[] = [];
  const candidates: Pod[] = [];
  for (const pods of nodeToPods.values()) {
    const found = updatedPodsOnNode(pods, hash);
    if (!found) { unavailable++; continue; }
    const { newPod, oldPod } = found;
    if ((!oldPod && !newPod) || (oldPod && newPod)) unavailable++;
    else if (newPod) { if (!isAvailable(newPod)) unavailable++; }
    else if (!isAvailable(oldPod!)) replaceNow.push(oldPod!);
    else candidates.push(oldPod!);
  }
  const remaining = Math.min(Math.max(maxUnavailable - unavailable, 0), candidates.length);
  return { oldPodsToDelete: [...replaceNow, ...candidates.slice(0, remaining)], nodesToSurge: [] };
}

/** rollingUpdate with maxSurge: a new pod is started beside the old one, which goes once the new one is available. */
export function rollingUpdateWithSurge(nodeToPods: Map<string, Pod[]>, hash: string, maxSurge: number, isAvailable: (pod: Pod) => boolean): RolloutStep {
  let surging = 0;
  const oldPodsToDelete: Pod[] = [];
  const surgeNow: string[] = [];
  const candidates: string[] = [];
  for (const [nodeName, pods] of nodeToPods) {
    const found = updatedPodsOnNode(pods, hash);
    if (!found) { surging++; continue; }
    const { newPod, oldPod } = found;
    if (!oldPod) continue;
    if (!newPod) {
      if (!isAvailable(oldPod)) surgeNow.push(nodeName);
      else if (surging < maxSurge) candidates.push(nodeName);
      continue;
    }
    if (!isAvailable(newPod)) { surging++; continue; }
    oldPodsToDelete.push(oldPod);
  }
  const remaining = Math.min(Math.max(maxSurge - surging, 0), candidates.length);
  return { oldPodsToDelete, nodesToSurge: [...surgeNow, ...candidates.slice(0, remaining)] };
}

/** podByCreationTimestampAndPhase: Running before not, then oldest first, then by name. */
export function byCreationAndPhase(a: Pod, b: Pod): number {
  const running = (pod: Pod) => (pod.status?.phase === 'Running' ? 0 : 1);
  if (running(a) !== running(b)) return running(a) - running(b);
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
}

/**
 * podsShouldBeOnNode for a node where a daemon pod may continue running: failed pods go, and of the
 * running ones only the oldest stays (with surge, the oldest new and the oldest old one).
 */
export function excessDaemonPods(pods: Pod[], hash: string, allowsSurge: boolean): Pod[] {
  const running = pods.filter((pod) => !pod.metadata.deletionTimestamp && pod.status?.phase !== 'Failed').sort(byCreationAndPhase);
  if (!allowsSurge) return running.slice(1);
  let keptNew = false;
  let keptOld = false;
  return running.filter((pod) => {
    const isNew = pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] === hash;
    if (isNew && !keptNew) return !(keptNew = true);
    if (!isNew && !keptOld) return !(keptOld = true);
    return true;
  });
}
