import { jsonEqual, type KubeObject } from '@drydock/util';

/**
 * Upstream's bootstrap-policy reconciliation (storage_rbac's PostStartHook, reconciliation's
 * `confirmFull` without removal): an existing ClusterRole or ClusterRoleBinding of the bootstrap policy
 * gets the rules or subjects a newer Drydock added, unless it is annotated
 * `rbac.authorization.kubernetes.io/autoupdate: "false"`; whatever an admin added stays. Aggregated roles
 * are left to the aggregation controller. Undefined when nothing is missing.
 */
export function reconcileBootstrapObject(current: KubeObject, wanted: KubeObject): KubeObject | undefined {
  const field = 'aggregationRule' in wanted ? undefined : 'rules' in wanted ? 'rules' : 'subjects' in wanted ? 'subjects' : undefined;
  if (!field || current.metadata.annotations?.['rbac.authorization.kubernetes.io/autoupdate'] === 'false') return undefined;
  const held = ((current as Record<string, unknown>)[field] as unknown[] | undefined) ?? [];
  const missing = (((wanted as Record<string, unknown>)[field] as unknown[] | undefined) ?? []).filter((entry) => !held.some((existing) => jsonEqual(existing, entry)));
  return missing.length ? ({ ...current, [field]: [...held, ...missing] } as KubeObject) : undefined;
}
