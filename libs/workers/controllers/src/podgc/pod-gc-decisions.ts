import { isPodTerminated } from '../util/pod-status';
import type { Pod } from '../util/workload.types';

/** pkg/controller/podgc's choices, pure. Upstream's --terminated-pod-gc-threshold default. */
export const DEFAULT_TERMINATED_POD_THRESHOLD = 12500;

/** gcTerminated: the oldest terminated pods beyond the threshold (threshold <= 0 disables). */
export function terminatedPodsToDelete(pods: Pod[], threshold: number): Pod[] {
  if (threshold <= 0) return [];
  const terminated = pods.filter((pod) => isPodTerminated(pod) && !pod.metadata.deletionTimestamp);
  const excess = terminated.length - threshold;
  if (excess <= 0) return [];
  const created = (pod: Pod) => Date.parse(pod.metadata.creationTimestamp ?? '') || 0;
  return [...terminated].sort((a, b) => created(a) - created(b) || (a.metadata.name! < b.metadata.name! ? -1 : 1)).slice(0, excess);
}

/** gcOrphaned candidates: bound to a node the cache does not know. */
export function orphanedPods(pods: Pod[], nodeExists: (name: string) => boolean): Pod[] {
  return pods.filter((pod) => !!pod.spec?.nodeName && !nodeExists(pod.spec.nodeName));
}

/** gcUnscheduledTerminating: being deleted but never bound; nothing will ever confirm the deletion. */
export function unscheduledTerminatingPods(pods: Pod[]): Pod[] {
  return pods.filter((pod) => !!pod.metadata.deletionTimestamp && !pod.spec?.nodeName);
}
