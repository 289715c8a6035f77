import type { PolicyRule } from './policy-rule';

const has = (set: string[] | undefined, value: string) => (set ?? []).includes(value);
const hasAll = (set: string[] | undefined, values: string[] | undefined) => (values ?? []).every((value) => has(set, value));

/** validation.BreakdownRule: one rule per group, resource, verb (and resourceName), and per URL and verb. */
export function breakdownRule(rule: PolicyRule): PolicyRule[] {
  const subrules: PolicyRule[] = [];
  for (const group of rule.apiGroups ?? []) {
    for (const resource of rule.resources ?? []) {
      for (const verb of rule.verbs ?? []) {
        if (rule.resourceNames?.length) for (const name of rule.resourceNames) subrules.push({ apiGroups: [group], resources: [resource], verbs: [verb], resourceNames: [name] });
        else subrules.push({ apiGroups: [group], resources: [resource], verbs: [verb] });
      }
    }
  }
  for (const url of rule.nonResourceURLs ?? []) for (const verb of rule.verbs ?? []) subrules.push({ nonResourceURLs: [url], verbs: [verb] });
  return subrules;
}

function resourceCoversAll(owned: string[] | undefined, wanted: string[] | undefined): boolean {
  if (has(owned, '*') || hasAll(owned, wanted)) return true;
  return (wanted ?? []).every((path) => has(owned, path) || (path.includes('/') && has(owned, `*/${path.slice(path.indexOf('/') + 1)}`)));
}

const nonResourceURLCovers = (owner: string, path: string) => owner === path || (owner.endsWith('*') && path.startsWith(owner.replace(/\*+$/, '')));

/** ruleCovers: the owner rule grants the whole of a broken-down subrule. */
function ruleCovers(owner: PolicyRule, sub: PolicyRule): boolean {
  const verbs = has(owner.verbs, '*') || hasAll(owner.verbs, sub.verbs);
  const groups = has(owner.apiGroups, '*') || hasAll(owner.apiGroups, sub.apiGroups);
  const urls = (sub.nonResourceURLs ?? []).every((path) => (owner.nonResourceURLs ?? []).some((url) => nonResourceURLCovers(url, path)));
  const names = !sub.resourceNames?.length ? !owner.resourceNames?.length : !owner.resourceNames?.length || hasAll(owner.resourceNames, sub.resourceNames);
  return verbs && groups && resourceCoversAll(owner.resources, sub.resources) && names && urls;
}

/** validation.Covers: whether `owner` grants everything in `wanted`, and the subrules it does not. */
export function covers(owner: PolicyRule[], wanted: PolicyRule[]): PolicyRule[] {
  return wanted.flatMap(breakdownRule).filter((sub) => !owner.some((rule) => ruleCovers(rule, sub)));
}

/** validation.CompactRules: simple rules (one group, one resource, at most one name) of the same target merged by verbs. */
export function compactRules(rules: PolicyRule[]): PolicyRule[] {
  const compacted: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const rule of rules) {
    const isSimple = (rule.resourceNames?.length ?? 0) <= 1 && !rule.nonResourceURLs?.length && rule.apiGroups?.length === 1 && rule.resources?.length === 1;
    if (!isSimple) {
      compacted.push(rule);
      continue;
    }
    const key = JSON.stringify([rule.apiGroups, rule.resources, rule.resourceNames ?? []]);
    const existing = simple.get(key);
    if (existing) existing.verbs = [...existing.verbs!, ...(rule.verbs ?? []).filter((verb) => !existing.verbs!.includes(verb))];
    else simple.set(key, { ...rule, verbs: [...(rule.verbs ?? [])] });
  }
  return [...compacted, ...simple.values()];
}

/** Go's %q of a []string: ["a" "b"]. */
const quoted = (values: string[]) => `[${values.map((value) => JSON.stringify(value)).join(' ')}]`;

/** rbacv1helpers.CompactString. */
export function compactString(rule: PolicyRule): string {
  const parts: string[] = [];
  if (rule.apiGroups?.length) parts.push(`APIGroups:${quoted(rule.apiGroups)}`);
  if (rule.resources?.length) parts.push(`Resources:${quoted(rule.resources)}`);
  if (rule.nonResourceURLs?.length) parts.push(`NonResourceURLs:${quoted(rule.nonResourceURLs)}`);
  if (rule.resourceNames?.length) parts.push(`ResourceNames:${quoted(rule.resourceNames)}`);
  if (rule.verbs?.length) parts.push(`Verbs:${quoted(rule.verbs)}`);
  return `{${parts.join(', ')}}`;
}
