import { FieldError, fieldErrors, KubeObject } from '@drydock/util';
import { fieldImmutable } from '../../meta/field-validation';
import type { ResourceStrategy } from '../../resource.types';
import { isIpAddress } from '../ipaddresses/ipaddress.strategy';
import { list, record, text } from '../../support/object-fields';
import { keepAllButStatus, keepOldStatus, resetStatus } from '../../support/status-subresource';
import { age, ageColumn, column, nameColumn } from '../../support/table-columns';

function isCidr(value: string): boolean {
  const [address, bits, ...rest] = value.split('/');
  if (rest.length || bits === undefined || !/^\d{1,3}$/.test(bits) || !isIpAddress(address)) return false;
  return Number(bits) <= (address.includes(':') ? 128 : 32);
}

/** validateServiceCIDRSpec: one or two CIDRs, at most one per IP family. */
function validate(object: KubeObject): FieldError[] {
  const cidrs = list(record(object.spec).cidrs).map(text);
  if (cidrs.length === 0) return [fieldErrors.required('spec.cidrs', 'at least one CIDR required')];
  if (cidrs.length > 2) return [{ type: 'FieldValueTooMany', field: 'spec.cidrs', value: cidrs.length, detail: 'must have at most 2 items' }];
  const errors = cidrs.flatMap((cidr, i) => (isCidr(cidr) ? [] : [fieldErrors.invalid(`spec.cidrs[${i}]`, cidr, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)')]));
  if (errors.length === 0 && cidrs.length === 2 && cidrs[0].includes(':') === cidrs[1].includes(':')) {
    errors.push(fieldErrors.invalid('spec.cidrs', cidrs, 'may specify no more than one IP for each IP family, i.e 192.168.0.0/24 and 2001:db8::/64'));
  }
  return errors;
}

/** networking.k8s.io/v1 ServiceCIDR. */
export const serviceCidrStrategy: ResourceStrategy = {
  // No metadata.generation: upstream's strategy does not track it for this kind.
  prepareForCreate: (object) => resetStatus(object),
  prepareForUpdate: (object, old) => keepOldStatus(object, old),
  validate,
  // Upstream allows adding a second family to a single-CIDR object; otherwise cidrs are immutable.
  validateUpdate: (object, old) => {
    const cidrs = list(record(object.spec).cidrs);
    const oldCidrs = list(record(old.spec).cidrs);
    if (oldCidrs.length === 1 && cidrs.length === 2 && cidrs[0] === oldCidrs[0]) return [];
    return fieldImmutable(record(object.spec).cidrs, record(old.spec).cidrs, 'spec.cidrs');
  },
  prepareForStatusUpdate: (object, old) => keepAllButStatus(object, old, false),
  table: {
    columns: [nameColumn, column('CIDRs', 'string', 'CIDRs defines the IP blocks in CIDR notation (e.g. "192.168.0.0/24" or "2001:db8::/64") from which to assign service cluster IPs.'), ageColumn],
    row: (object, ctx) => [object.metadata.name, list(record(object.spec).cidrs).map(text).join(','), age(object, ctx.now)],
  },
};
