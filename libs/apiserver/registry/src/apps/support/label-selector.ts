import { labelSelectorFromObject, labelSelectorString, matchesLabels } from '../../meta';
import { list, record } from '../../support/object-fields';

export { formatLabelSelector, validateLabelSelector } from '../../meta/label-selector-object';
export { formatLabels } from '../../support/table-columns';

/**
 * Whether a LabelSelector object selects a label set (metav1.LabelSelectorAsSelector + Matches).
 * Undefined when the selector cannot be converted; a missing selector selects nothing, an empty one everything.
 */
export function labelSelectorMatches(selector: unknown, labels: unknown): boolean | undefined {
  try {
    return matchesLabels(labelSelectorFromObject(selector), record(labels) as Record<string, string>);
  } catch {
    return undefined;
  }
}

/** labels.Selector.String() of a LabelSelector object; undefined when it cannot be converted. */
export function selectorString(selector: unknown): string | undefined {
  try {
    return labelSelectorString(labelSelectorFromObject(selector));
  } catch {
    return undefined;
  }
}

/** True for a selector with neither matchLabels nor matchExpressions. */
export function isEmptySelector(selector: unknown): boolean {
  const { matchLabels, matchExpressions } = record(selector);
  return Object.keys(record(matchLabels)).length + list(matchExpressions).length === 0;
}
