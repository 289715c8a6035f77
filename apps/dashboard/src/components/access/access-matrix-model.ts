/** The verbs the matrix shows as columns, in kubectl's order; others (bind, escalate, impersonate …) are listed per row. */
export const MATRIX_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'] as const;

export interface ResourceRuleView {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
}

export interface MatrixRow {
  /** `pods`, `deployments.apps`, `*.*`: the resource as `kubectl auth can-i --list` names it. */
  resource: string;
  /** Only these objects, when the rule names them. */
  resourceNames: string[];
  verbs: Set<string>;
  /** Verbs outside MATRIX_VERBS (`*` covers them all). */
  otherVerbs: string[];
}

const qualified = (resource: string, group: string) => (group ? `${resource}.${group}` : resource);

/**
 * The rules of a SelfSubjectRulesReview as rows of resources × verbs: one row per resource (and group,
 * and set of resource names), verbs of every rule naming it merged, sorted by resource, `*` first.
 */
export function rulesMatrix(rules: ResourceRuleView[]): MatrixRow[] {
  const rows = new Map<string, MatrixRow>();
  for (const rule of rules) {
    for (const group of rule.apiGroups.length ? rule.apiGroups : ['']) {
      for (const resource of rule.resources) {
        const name = qualified(resource, group);
        const key = `${name}|${[...rule.resourceNames].sort().join(',')}`;
        let row = rows.get(key);
        if (!row) rows.set(key, (row = { resource: name, resourceNames: [...rule.resourceNames].sort(), verbs: new Set(), otherVerbs: [] }));
        for (const verb of rule.verbs) {
          if (verb === '*') MATRIX_VERBS.forEach((known) => row.verbs.add(known));
          if (verb === '*' || !(MATRIX_VERBS as readonly string[]).includes(verb)) {
            if (!row.otherVerbs.includes(verb)) row.otherVerbs.push(verb);
          } else row.verbs.add(verb);
        }
      }
    }
  }
  const rank = (row: MatrixRow) => (row.resource.startsWith('*') ? 0 : 1);
  return [...rows.values()].sort((a, b) => rank(a) - rank(b) || a.resource.localeCompare(b.resource) || a.resourceNames.join().localeCompare(b.resourceNames.join()));
}
