import { kubeTime } from '../time/kube-time';

/** The fields every status condition shares (metav1.Condition and the typed conditions of each kind). */
export interface StatusCondition {
  type: string;
  status: string;
  lastTransitionTime?: string | null;
  reason?: string;
  message?: string;
}

/** GetCondition: the condition of that type, if any. */
export function findCondition<C extends { type: string }>(conditions: readonly C[] | undefined, type: string): C | undefined {
  return conditions?.find((c) => c.type === type);
}

/** RemoveCondition: the list without conditions of that type. */
export function removeCondition<C extends { type: string }>(conditions: readonly C[] | undefined, type: string): C[] {
  return (conditions ?? []).filter((c) => c.type !== type);
}

/**
 * The lastTransitionTime of a condition moving to `status`: the existing one's when its status does not
 * change, else the new condition's own time, else `now`.
 */
export function conditionTransitionTime(existing: StatusCondition | undefined, status: string, now: Date, proposed?: string | null): string {
  if (existing && existing.status === status && existing.lastTransitionTime) return existing.lastTransitionTime;
  return proposed || kubeTime(now);
}

/**
 * The workload controllers' SetCondition (deploymentutil.SetDeploymentCondition and its siblings): an
 * unchanged status and reason is a no-op; the same status keeps its lastTransitionTime; the condition
 * moves to the end of the list. Returns the new list; never mutates.
 */
export function setCondition<C extends StatusCondition>(conditions: readonly C[] | undefined, condition: C): C[] {
  const list = [...(conditions ?? [])];
  const current = findCondition(list, condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return list;
  const next = { ...condition };
  if (current && current.status === condition.status) next.lastTransitionTime = current.lastTransitionTime;
  return [...removeCondition(list, condition.type), next];
}

/**
 * apimeta.SetStatusCondition (also SetCRDCondition): a condition of the same type is replaced where it
 * stands, keeping its lastTransitionTime while the status does not change; a new one is appended. A
 * missing lastTransitionTime becomes `now`. Returns the new list; never mutates.
 */
export function setStatusCondition<C extends StatusCondition>(conditions: readonly C[] | undefined, condition: C, now: Date): C[] {
  const list = conditions ?? [];
  const index = list.findIndex((c) => c.type === condition.type);
  const lastTransitionTime = conditionTransitionTime(list[index], condition.status, now, condition.lastTransitionTime);
  const next = { ...condition, lastTransitionTime };
  return index < 0 ? [...list, next] : list.map((c, i) => (i === index ? next : c));
}
