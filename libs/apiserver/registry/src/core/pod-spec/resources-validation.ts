import { FieldError, fieldErrors, isPlainObject } from '@drydock/util';
import { parseQuantity, quantityError } from '@drydock/kube';
import { isQualifiedName } from '@drydock/kube';
import { invalidEach } from '../../support/field-errors';

const overcommitDenied = (name: string) => name.startsWith('hugepages-') || (name.includes('/') && !name.startsWith('kubernetes.io/'));

function validateQuantities(list: Record<string, unknown>, path: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const name of Object.keys(list).sort()) {
    const at = `${path}[${name}]`;
    errors.push(...invalidEach(at, name, isQualifiedName(name)));
    const malformed = quantityError(list[name]);
    if (malformed) errors.push(fieldErrors.invalid(at, list[name], malformed));
    else if (parseQuantity(list[name]).sign() < 0) errors.push(fieldErrors.invalid(at, String(list[name]), 'must be greater than or equal to 0'));
  }
  return errors;
}

/** ValidateResourceRequirements: names, non-negative quantities and requests <= limits. */
export function validateResources(resources: unknown, path: string): FieldError[] {
  if (!isPlainObject(resources)) return [];
  const limits = isPlainObject(resources.limits) ? resources.limits : {};
  const requests = isPlainObject(resources.requests) ? resources.requests : {};
  const errors = [...validateQuantities(limits, `${path}.limits`), ...validateQuantities(requests, `${path}.requests`)];
  for (const name of Object.keys(requests).sort()) {
    if (limits[name] === undefined || quantityError(requests[name]) || quantityError(limits[name])) continue;
    const comparison = parseQuantity(requests[name]).cmp(parseQuantity(limits[name]));
    if (comparison !== 0 && overcommitDenied(name)) {
      errors.push(fieldErrors.invalid(`${path}.requests`, String(requests[name]), `must be equal to ${name} limit of ${String(limits[name])}`));
    } else if (comparison > 0) {
      errors.push(fieldErrors.invalid(`${path}.requests`, String(requests[name]), `must be less than or equal to ${name} limit of ${String(limits[name])}`));
    }
  }
  return errors;
}
