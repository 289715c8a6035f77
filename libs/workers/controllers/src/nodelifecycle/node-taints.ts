import { getMatchingTolerations, kubeTime, tolerationsTolerateTaint } from '@drydock/kube';
import type { Condition, Node, Pod, Taint, Toleration } from '../util/workload.types';

/**
 * Node lifecycle and taint-eviction rules (node_lifecycle_controller.go, tainteviction): which taints a
 * node's Ready condition calls for, and when a pod on a NoExecute-tainted node must go.
 */
export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
/** DefaultTolerationSeconds admission: pods tolerate not-ready/unreachable NoExecute for 300 s. */
export const DEFAULT_TOLERATION_SECONDS = 300;
const MANAGED = [TAINT_NOT_READY, TAINT_UNREACHABLE];

export function readyCondition(node: Node): Condition | undefined {
  return node.status?.conditions?.find((c) => c.type === 'Ready');
}

/** taint-nodes-by-condition: a condition in this state puts `node.kubernetes.io/<key>:NoSchedule` on the node. */
const NO_SCHEDULE_BY_CONDITION: { type: string; status: Condition['status']; key: string }[] = [
  { type: 'Ready', status: 'False', key: TAINT_NOT_READY },
  { type: 'Ready', status: 'Unknown', key: TAINT_UNREACHABLE },
  { type: 'MemoryPressure', status: 'True', key: 'node.kubernetes.io/memory-pressure' },
  { type: 'DiskPressure', status: 'True', key: 'node.kubernetes.io/disk-pressure' },
  { type: 'PIDPressure', status: 'True', key: 'node.kubernetes.io/pid-pressure' },
  { type: 'NetworkUnavailable', status: 'True', key: 'node.kubernetes.io/network-unavailable' },
];
const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
const MANAGED_KEYS = [...NO_SCHEDULE_BY_CONDITION.map((c) => c.key), TAINT_UNSCHEDULABLE];

/**
 * The taints the node lifecycle controller owns for this node: NoSchedule by condition and for
 * spec.unschedulable (doNoScheduleTaintingPass), NoExecute not-ready/unreachable by the Ready status
 * (doNoExecuteTaintingPass).
 */
export function desiredConditionTaints(node: Node): { key: string; effect: Taint['effect'] }[] {
  const conditions = node.status?.conditions ?? [];
  const taints: { key: string; effect: Taint['effect'] }[] = NO_SCHEDULE_BY_CONDITION
    .filter((rule) => conditions.some((c) => c.type === rule.type && c.status === rule.status))
    .map((rule) => ({ key: rule.key, effect: 'NoSchedule' }));
  if (node.spec?.unschedulable) taints.push({ key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule' });
  const ready = readyCondition(node)?.status;
  if (ready === 'False') taints.push({ key: TAINT_NOT_READY, effect: 'NoExecute' });
  if (ready === 'Unknown') taints.push({ key: TAINT_UNREACHABLE, effect: 'NoExecute' });
  return taints;
}

const isManaged = (taint: Taint) => MANAGED_KEYS.includes(taint.key) && (taint.effect === 'NoSchedule' || (taint.effect === 'NoExecute' && MANAGED.includes(taint.key)));

/**
 * The node's taints with the managed ones replaced by those it calls for. An existing taint keeps
 * its timeAdded; a new NoExecute taint gets timeAdded=now. Returns undefined when unchanged.
 */
export function reconcileTaints(node: Node, now: Date): Taint[] | undefined {
  const current = node.spec?.taints ?? [];
  const wanted = desiredConditionTaints(node);
  const managed = current.filter(isManaged);
  const same = managed.length === wanted.length && wanted.every((w) => managed.some((t) => t.key === w.key && t.effect === w.effect));
  if (same) return undefined;
  const kept = current.filter((t) => !isManaged(t));
  const added = wanted.map((w) => managed.find((t) => t.key === w.key && t.effect === w.effect) ?? (w.effect === 'NoExecute' ? { ...w, timeAdded: kubeTime(now) } : { ...w }));
  return [...kept, ...added];
}

/** The pod's tolerations, plus the 300 s defaults DefaultTolerationSeconds admission would have added. */
export function effectiveTolerations(pod: Pod): Toleration[] {
  const tolerations = [...(pod.spec?.tolerations ?? [])];
  for (const key of MANAGED) {
    const taint: Taint = { key, effect: 'NoExecute' };
    if (!tolerationsTolerateTaint(tolerations, taint)) tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
  }
  return tolerations;
}

/**
 * getMinTolerationTime over the node's NoExecute taints: 0 (evict now) when a taint is not tolerated,
 * Infinity when tolerated forever, otherwise the smallest tolerationSeconds (in seconds) counted from
 * the earliest timeAdded (returned as `sinceMs`).
 */
export function evictionDelay(pod: Pod, taints: Taint[]): { seconds: number; sinceMs: number } {
  const noExecute = taints.filter((t) => t.effect === 'NoExecute');
  if (noExecute.length === 0) return { seconds: Infinity, sinceMs: 0 };
  const { tolerated, matching } = getMatchingTolerations(noExecute, effectiveTolerations(pod));
  if (!tolerated) return { seconds: 0, sinceMs: 0 };
  let seconds = Infinity;
  for (const t of matching) if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) seconds = Math.min(seconds, Math.max(0, t.tolerationSeconds));
  const sinceMs = Math.min(...noExecute.map((t) => Date.parse(t.timeAdded ?? '') || Date.now()));
  return { seconds, sinceMs };
}
