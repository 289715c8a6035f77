import { FieldError, fieldErrors, isPlainObject } from '@drydock/util';
import { validateLabels } from '../../meta/object-meta-validation';
import { isLabelValue, isQualifiedName } from '../../meta/validation-messages';
import { list, record, text } from './object-fields';

/** metav1.LabelSelector as JSON. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

interface Requirement {
  key: string;
  operator: 'in' | 'notin' | 'exists' | '!' | '=';
  values: string[];
}

const setOperators = ['In', 'NotIn'];
const existenceOperators = ['Exists', 'DoesNotExist'];

function validateExpression(expression: unknown, path: string): FieldError[] {
  const { key, operator, values } = record(expression);
  const errors: FieldError[] = [];
  const valueList = list(values);
  if (setOperators.includes(text(operator))) {
    if (valueList.length === 0) errors.push(fieldErrors.required(`${path}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
  } else if (existenceOperators.includes(text(operator))) {
    if (valueList.length > 0) errors.push(fieldErrors.forbidden(`${path}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
  } else {
    errors.push(fieldErrors.invalid(`${path}.operator`, operator ?? '', 'not a valid selector operator'));
  }
  for (const msg of isQualifiedName(text(key))) errors.push(fieldErrors.invalid(`${path}.key`, key ?? '', msg));
  valueList.forEach((value, i) => {
    for (const msg of isLabelValue(text(value))) errors.push(fieldErrors.invalid(`${path}.values[${i}]`, value, msg));
  });
  return errors;
}

/** metav1validation.ValidateLabelSelector (strict label values). */
export function validateLabelSelector(selector: unknown, path: string): FieldError[] {
  if (!isPlainObject(selector)) return [];
  const errors = validateLabels(selector.matchLabels, `${path}.matchLabels`);
  list(selector.matchExpressions).forEach((expression, i) => errors.push(...validateExpression(expression, `${path}.matchExpressions[${i}]`)));
  return errors;
}

function toRequirements(selector: Record<string, unknown>): Requirement[] | undefined {
  const requirements: Requirement[] = Object.entries(record(selector.matchLabels)).map(([key, value]) => ({ key, operator: '=', values: [text(value)] }));
  for (const expression of list(selector.matchExpressions)) {
    const { key, operator, values } = record(expression);
    const valueList = list(values).map(text);
    const mapped = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' }[text(operator)] as Requirement['operator'] | undefined;
    if (!mapped) return undefined;
    if ((mapped === 'in' || mapped === 'notin') && valueList.length === 0) return undefined;
    requirements.push({ key: text(key), operator: mapped, values: [...new Set(valueList)].sort() });
  }
  return requirements.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function requirementMatches(requirement: Requirement, labels: Record<string, unknown>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, requirement.key);
  const value = text(labels[requirement.key]);
  switch (requirement.operator) {
    case '=':
    case 'in':
      return has && requirement.values.includes(value);
    case 'notin':
      return !has || !requirement.values.includes(value);
    case 'exists':
      return has;
    case '!':
      return !has;
  }
}

/**
 * Whether a label selector matches a label set (metav1.LabelSelectorAsSelector + Matches).
 * Returns undefined when the selector cannot be converted (invalid operator or empty values).
 * A missing selector matches nothing; an empty one matches everything.
 */
export function labelSelectorMatches(selector: unknown, labels: unknown): boolean | undefined {
  if (!isPlainObject(selector)) return false;
  const requirements = toRequirements(selector);
  if (!requirements) return undefined;
  return requirements.every((requirement) => requirementMatches(requirement, record(labels)));
}

/** True for a selector with neither matchLabels nor matchExpressions. */
export function isEmptySelector(selector: unknown): boolean {
  const { matchLabels, matchExpressions } = record(selector);
  return Object.keys(record(matchLabels)).length + list(matchExpressions).length === 0;
}

function requirementString(requirement: Requirement): string {
  switch (requirement.operator) {
    case '=':
      return `${requirement.key}=${requirement.values[0]}`;
    case 'exists':
      return requirement.key;
    case '!':
      return `!${requirement.key}`;
    default:
      return `${requirement.key} ${requirement.operator} (${requirement.values.join(',')})`;
  }
}

/** labels.Selector.String() of a LabelSelector; undefined when it cannot be converted. */
export function selectorString(selector: unknown): string | undefined {
  if (!isPlainObject(selector)) return '';
  const requirements = toRequirements(selector);
  return requirements?.map(requirementString).join(',');
}

/** metav1.FormatLabelSelector: `<none>` when empty, `<error>` when invalid. */
export function formatLabelSelector(selector: unknown): string {
  const formatted = selectorString(selector);
  if (formatted === undefined) return '<error>';
  return formatted === '' ? '<none>' : formatted;
}

/** labels.FormatLabels: sorted `k=v` pairs, `<none>` when empty. */
export function formatLabels(labels: unknown): string {
  const pairs = Object.entries(record(labels))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${text(value)}`);
  return pairs.length ? pairs.join(',') : '<none>';
}
