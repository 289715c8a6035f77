/** The registry's selector and printing helpers, in the names this package uses. */
export { parseLabelSelector, matchesLabels, parseFieldSelector, matchesFields, selectorToString as labelSelectorToString, defaultTable } from '@drydock/registry';
export type { LabelSelector, FieldRequirement } from '@drydock/registry';
import type { FieldRequirement } from '@drydock/registry';
export type FieldSelector = FieldRequirement[];
