import { labelSelectorFromObject, labelSelectorString, LabelSelector, matchesLabels } from '@drydock/kube';
import { record } from '../../support/object-fields';

/**
 * Validation's view of a LabelSelector object: the converted selector, or undefined when it cannot be
 * converted (validateLabelSelector reports why; the checks that need the selector then stay silent).
 */
function converted(selector: unknown): LabelSelector | undefined {
  try {
    return labelSelectorFromObject(selector);
  } catch {
    return undefined;
  }
}

/** Whether a LabelSelector object selects a label set; undefined when it cannot be converted. */
export function labelSelectorMatches(selector: unknown, labels: unknown): boolean | undefined {
  const parsed = converted(selector);
  return parsed && matchesLabels(parsed, record(labels) as Record<string, string>);
}

/** labels.Selector.String() of a LabelSelector object; undefined when it cannot be converted. */
export function selectorString(selector: unknown): string | undefined {
  const parsed = converted(selector);
  return parsed && labelSelectorString(parsed);
}
