import type { Condition } from './workload.types';

/**
 * deploymentutil.SetDeploymentCondition: unchanged status+reason is a no-op; the same status keeps
 * its lastTransitionTime; the condition moves to the end of the list. Returns the new list.
 */
export function setCondition(conditions: Condition[] | undefined, condition: Condition): Condition[] {
  const list = conditions ?? [];
  const current = list.find((c) => c.type === condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return list;
  const next = { ...condition };
  if (current && current.status === condition.status) next.lastTransitionTime = current.lastTransitionTime;
  return [...list.filter((c) => c.type !== condition.type), next];
}

export function removeCondition(conditions: Condition[] | undefined, type: string): Condition[] {
  return (conditions ?? []).filter((c) => c.type !== type);
}

export function findCondition(conditions: Condition[] | undefined, type: string): Condition | undefined {
  return conditions?.find((c) => c.type === type);
}

/** RFC 3339 at second precision, as metav1.Time serialises. */
export function kubeTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
