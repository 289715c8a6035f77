import { FieldError, fieldErrors, isPlainObject } from '@drydock/util';
import { isLabelValue, isQualifiedName } from '@drydock/kube';
import { validateLabels } from './object-meta-validation';

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
