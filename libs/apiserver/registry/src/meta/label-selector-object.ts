import { FieldError, fieldErrors, isPlainObject } from '@drydock/util';
import { labelSelectorString, LabelOperator, LabelRequirement, LabelSelector, newRequirement } from './label-selector';
import { validateLabels } from './object-meta-validation';
import { isLabelValue, isQualifiedName } from './validation-messages';

const expressionOperators: Record<string, LabelOperator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };

/**
 * metav1.LabelSelectorAsSelector: a LabelSelector object (`matchLabels` / `matchExpressions`) as a selector.
 * `undefined`/`null` selects nothing; an empty object selects everything. Throws an Error with
 * upstream's message when the object is malformed (validate it first with validateLabelSelector).
 */
export function labelSelectorFromObject(object: unknown): LabelSelector {
  if (object === undefined || object === null) return { requirements: [], nothing: true };
  if (!isPlainObject(object)) throw new Error('label selector must be an object');
  const requirements: LabelRequirement[] = [];
  const matchLabels = isPlainObject(object.matchLabels) ? object.matchLabels : {};
  for (const [key, value] of Object.entries(matchLabels)) requirements.push(newRequirement(key, '=', [String(value)]));
  for (const expression of Array.isArray(object.matchExpressions) ? object.matchExpressions : []) {
    const operator = expressionOperators[String(expression?.operator)];
    if (!operator) throw new Error(`${JSON.stringify(String(expression?.operator ?? ''))} is not a valid label selector operator`);
    const values = Array.isArray(expression.values) ? expression.values.map(String) : [];
    requirements.push(newRequirement(String(expression.key ?? ''), operator, values));
  }
  return { requirements: requirements.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)) };
}

/** labels.SelectorFromSet: an equality selector from a map (ReplicationController's spec.selector). */
export function labelSelectorFromSet(set: Record<string, string> | undefined): LabelSelector {
  return labelSelectorFromObject({ matchLabels: set ?? {} });
}

/** True for a plain `map[string]string` selector (ReplicationController, Service) rather than a LabelSelector object. */
function isLabelSet(object: unknown): object is Record<string, string> {
  if (!isPlainObject(object) || 'matchLabels' in object || 'matchExpressions' in object) return false;
  const values = Object.values(object);
  return values.length > 0 && values.every((v) => typeof v === 'string');
}

/**
 * The selector as Scale's status.selector shows it: LabelSelectorAsSelector(...).String() for a
 * LabelSelector object, labels.SelectorFromSet(...).String() for a plain map; "" selects everything.
 */
export function selectorToString(object: unknown): string {
  try {
    return labelSelectorString(isLabelSet(object) ? labelSelectorFromSet(object) : labelSelectorFromObject(object));
  } catch {
    return '';
  }
}

/** metav1.FormatLabelSelector, for printers: "<none>" when empty, "<error>" when malformed. */
export function formatLabelSelector(object: unknown): string {
  try {
    return labelSelectorString(labelSelectorFromObject(object)) || '<none>';
  } catch {
    return '<error>';
  }
}

function validateRequirement(requirement: Record<string, unknown>, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const values = Array.isArray(requirement.values) ? requirement.values.map(String) : [];
  switch (requirement.operator) {
    case 'In': case 'NotIn':
      if (values.length === 0) errors.push(fieldErrors.required(`${path}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists': case 'DoesNotExist':
      if (values.length > 0) errors.push(fieldErrors.forbidden(`${path}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    default:
      errors.push(fieldErrors.invalid(`${path}.operator`, requirement.operator ?? '', 'not a valid selector operator'));
  }
  const key = String(requirement.key ?? '');
  for (const msg of isQualifiedName(key)) errors.push(fieldErrors.invalid(`${path}.key`, key, msg));
  values.forEach((value, i) => {
    for (const msg of isLabelValue(value)) errors.push(fieldErrors.invalid(`${path}.values[${i}]`, value, msg));
  });
  return errors;
}

/** metav1validation.ValidateLabelSelector. */
export function validateLabelSelector(object: unknown, path: string): FieldError[] {
  if (!isPlainObject(object)) return [];
  const errors = validateLabels(object.matchLabels, `${path}.matchLabels`);
  const expressions = Array.isArray(object.matchExpressions) ? object.matchExpressions : [];
  expressions.forEach((expression, i) => errors.push(...validateRequirement(isPlainObject(expression) ? expression : {}, `${path}.matchExpressions[${i}]`)));
  return errors;
}
