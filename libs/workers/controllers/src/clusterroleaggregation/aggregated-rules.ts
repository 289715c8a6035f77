import { isDeepStrictEqual } from 'node:util';
import type { KubeObject } from '@drydock/util';
import { selectorMatches } from '@drydock/kube';

export interface ClusterRole extends KubeObject {
  rules?: unknown[];
  aggregationRule?: { clusterRoleSelectors?: unknown[] };
}

/** equality.Semantic.DeepEqual of rule lists: nil and empty are the same. */
export const sameRules = (a: unknown[] | undefined, b: unknown[] | undefined) => isDeepStrictEqual(a ?? [], b ?? []);

/**
 * syncClusterRole's rules: for each selector in order, the rules of the other ClusterRoles it selects
 * (by name), each rule once.
 */
export function aggregatedRules(role: ClusterRole, all: ClusterRole[]): unknown[] {
  const rules: unknown[] = [];
  const byName = [...all].sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0));
  for (const selector of role.aggregationRule?.clusterRoleSelectors ?? []) {
    for (const other of byName) {
      if (other.metadata.name === role.metadata.name || !selectorMatches(selector, other.metadata.labels)) continue;
      for (const rule of other.rules ?? []) if (!rules.some((existing) => isDeepStrictEqual(existing, rule))) rules.push(rule);
    }
  }
  return rules;
}
