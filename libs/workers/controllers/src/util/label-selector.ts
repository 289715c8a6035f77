import type { LabelSelector } from './workload.types';

/**
 * metav1.LabelSelectorAsSelector semantics, written here because workers may not import the API
 * server's registry. A null/undefined selector matches nothing; an empty one ({}) matches everything.
 */
export function selectorMatches(selector: LabelSelector | null | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector) return false;
  const set = labels ?? {};
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (set[key] !== value) return false;
  }
  for (const requirement of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(set, requirement.key);
    const values = requirement.values ?? [];
    switch (requirement.operator) {
      case 'In':
        if (!has || !values.includes(set[requirement.key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(set[requirement.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** A ReplicationController's map selector (labels.SelectorFromSet): an empty map matches nothing here, as the RC manager treats it. */
export function mapSelectorMatches(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([key, value]) => labels?.[key] === value);
}

/** True for `{}`: upstream refuses to let a Deployment select every pod (SelectingAll). */
export function isEmptySelector(selector: LabelSelector | null | undefined): boolean {
  return !!selector && Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
}

/** labels.Set(labels).AsSelector().Matches: every pair of `required` is in `labels` (an empty set matches all). */
export function labelsContain(labels: Record<string, string> | undefined, required: Record<string, string> | undefined): boolean {
  return Object.entries(required ?? {}).every(([key, value]) => labels?.[key] === value);
}

/** labelsutil.CloneSelectorAndAddLabel. */
export function cloneSelectorAndAddLabel(selector: LabelSelector | undefined, key: string, value: string): LabelSelector {
  const clone: LabelSelector = JSON.parse(JSON.stringify(selector ?? {}));
  clone.matchLabels = { ...(clone.matchLabels ?? {}), [key]: value };
  return clone;
}
