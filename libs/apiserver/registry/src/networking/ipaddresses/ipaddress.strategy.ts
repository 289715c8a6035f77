import { FieldError, fieldErrors, KubeObject } from '@drydock/util';
import { jsonEqual } from '../../meta/field-validation';
import { nameIsDnsLabel, nameIsPathSegment } from '../../meta/name-validation';
import { isDns1123Subdomain } from '@drydock/kube';
import type { ResourceStrategy } from '../../resource.types';
import { record, text } from '../../support/object-fields';
import { age, ageColumn, column, nameColumn } from '../../support/table-columns';
import { invalidEach } from '../../support/field-errors';

/** The name of an IPAddress is the address in canonical form (ValidateIPAddressName, simplified). */
export function isIpAddress(value: string): boolean {
  if (/^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(value)) return true;
  return value.includes(':') && /^[0-9a-f:.]+$/.test(value) && value.split('::').length <= 2;
}

/** validateIPAddressParentReference: resource and name required, group a DNS subdomain, namespace a label. */
function validateParentRef(parentRef: unknown): FieldError[] {
  if (parentRef == null) return [fieldErrors.required('spec.parentRef', '')];
  const ref = record(parentRef);
  const path = 'spec.parentRef';
  const errors: FieldError[] = [];
  if (text(ref.group)) errors.push(...invalidEach(`${path}.group`, ref.group, isDns1123Subdomain(text(ref.group))));
  for (const key of ['resource', 'name']) {
    if (!text(ref[key])) errors.push(fieldErrors.required(`${path}.${key}`, ''));
    else errors.push(...invalidEach(`${path}.${key}`, ref[key], nameIsPathSegment(text(ref[key]), false)));
  }
  if (text(ref.namespace)) errors.push(...invalidEach(`${path}.namespace`, ref.namespace, nameIsDnsLabel(text(ref.namespace), false)));
  return errors;
}

function validate(object: KubeObject): FieldError[] {
  const name = text(object.metadata.name);
  const errors = isIpAddress(name) ? [] : [fieldErrors.invalid('metadata.name', name, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')];
  return [...errors, ...validateParentRef(record(object.spec).parentRef)];
}

function parentRefCell(object: KubeObject): string {
  const ref = record(record(object.spec).parentRef);
  if (Object.keys(ref).length === 0) return '<none>';
  const groupResource = text(ref.group) ? `${text(ref.resource)}.${text(ref.group)}` : text(ref.resource);
  return `${groupResource.toLowerCase()}${text(ref.namespace) ? `/${text(ref.namespace)}` : ''}/${text(ref.name)}`;
}

/** networking.k8s.io/v1 IPAddress (written by the Service IP allocator; the parent reference is immutable). */
export const ipAddressStrategy: ResourceStrategy = {
  validate,
  validateUpdate: (object, old) => (jsonEqual(record(object.spec).parentRef, record(old.spec).parentRef) ? [] : [fieldErrors.invalid('spec.parentRef', record(object.spec).parentRef ?? null, 'field is immutable')]),
  table: {
    columns: [nameColumn, column('ParentRef', 'string', 'ParentRef references the resource that an IPAddress is attached to. An IPAddress must reference a parent object.'), ageColumn],
    row: (object, ctx) => [object.metadata.name, parentRefCell(object), age(object, ctx.now)],
  },
};
