/** The toolkit's selectors and the registry's printing helpers, in the names this package uses. */
export { parseLabelSelector, matchesLabels, parseFieldSelector, matchesFields, selectorToString as labelSelectorToString } from '@drydock/kube';
export { defaultTable } from '@drydock/registry';
export type { LabelSelector, FieldRequirement } from '@drydock/kube';
import type { FieldRequirement } from '@drydock/kube';
export type FieldSelector = FieldRequirement[];
