import type { LabelOperator, LabelRequirement, LabelSelector } from './label-selector';

function requirementMatches(requirement: LabelRequirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, requirement.key);
  const value = has ? labels[requirement.key] : undefined;
  switch (requirement.operator) {
    case 'in': case '=': case '==':
      return has && requirement.values.includes(value as string);
    case 'notin': case '!=':
      return !has || !requirement.values.includes(value as string);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt': case 'lt': {
      if (!has || !/^[+-]?\d+$/.test(value as string) || !/^[+-]?\d+$/.test(requirement.values[0] ?? '')) return false;
      const [actual, bound] = [BigInt(value as string), BigInt(requirement.values[0])];
      return requirement.operator === 'gt' ? actual > bound : actual < bound;
    }
  }
}

/** Selector.Matches: every requirement holds for `labels` (missing labels count as absent). */
export function matchesLabels(selector: LabelSelector, labels: Record<string, string> | undefined): boolean {
  if (selector.nothing) return false;
  return selector.requirements.every((r) => requirementMatches(r, labels ?? {}));
}

const operatorText: Record<LabelOperator, string> = { in: ' in ', notin: ' notin ', '=': '=', '==': '==', '!=': '!=', gt: '>', lt: '<', exists: '', '!': '' };

/** Requirement.String / Selector.String: requirements sorted by key, comma-separated. */
export function labelSelectorString(selector: LabelSelector): string {
  return selector.requirements
    .map((r) => {
      const head = `${r.operator === '!' ? '!' : ''}${r.key}${operatorText[r.operator]}`;
      if (r.operator === 'exists' || r.operator === '!') return head;
      const values = [...r.values].sort().join(',');
      return r.operator === 'in' || r.operator === 'notin' ? `${head}(${values})` : `${head}${values}`;
    })
    .join(',');
}
