import { FieldError, fieldErrors, KubeObject } from '@drydock/util';
import { fieldImmutable } from '../../meta/field-validation';
import { nameIsPathSegment } from '../../meta/name-validation';
import { isDns1123Label, isDns1123Subdomain, isValidPortNum } from '@drydock/kube';
import type { ResourceStrategy } from '../../resource.types';
import { list, record, records, text } from '../../support/object-fields';
import { age, ageColumn, column, nameColumn } from '../../support/table-columns';
import { invalidEach } from '../../support/field-errors';

const addressTypes = ['FQDN', 'IPv4', 'IPv6'];
const maxEndpoints = 1000;
const maxAddresses = 100;

function addressErrors(address: string, addressType: unknown): string[] {
  if (addressType === 'FQDN') return isDns1123Subdomain(address);
  if (addressType === 'IPv4') return /^(\d{1,3})(\.\d{1,3}){3}$/.test(address) && address.split('.').every((o) => Number(o) <= 255) ? [] : ['must be a valid IPv4 address'];
  if (addressType === 'IPv6') return address.includes(':') && /^[0-9a-fA-F:.]+$/.test(address) ? [] : ['must be a valid IPv6 address'];
  return [];
}

/** validateEndpoints: 1-100 addresses of the slice's type, optional DNS-label hostname and node name. */
function validateEndpoints(endpoints: unknown[], addressType: unknown): FieldError[] {
  if (endpoints.length > maxEndpoints) return [fieldErrors.invalid('endpoints', endpoints.length, `must have at most ${maxEndpoints} items`)];
  return endpoints.flatMap((value, i) => {
    const endpoint = record(value);
    const path = `endpoints[${i}]`;
    const addresses = list(endpoint.addresses);
    const errors: FieldError[] = [];
    if (addresses.length === 0) errors.push(fieldErrors.required(`${path}.addresses`, 'must contain at least 1 address'));
    else if (addresses.length > maxAddresses) errors.push(fieldErrors.invalid(`${path}.addresses`, addresses.length, `must have at most ${maxAddresses} items`));
    addresses.forEach((address, j) => errors.push(...invalidEach(`${path}.addresses[${j}]`, address, addressErrors(text(address), addressType))));
    if (endpoint.hostname != null) errors.push(...invalidEach(`${path}.hostname`, endpoint.hostname, isDns1123Label(text(endpoint.hostname))));
    if (endpoint.nodeName != null) errors.push(...invalidEach(`${path}.nodeName`, endpoint.nodeName, nameIsPathSegment(text(endpoint.nodeName), false)));
    return errors;
  });
}

/** validateEndpointPorts: unique optional names, protocol TCP/UDP/SCTP, valid numbers. */
function validatePorts(ports: unknown[]): FieldError[] {
  const names = new Set<string>();
  return ports.flatMap((value, i) => {
    const port = record(value);
    const path = `ports[${i}]`;
    const errors: FieldError[] = [];
    const name = text(port.name);
    if (name) errors.push(...invalidEach(`${path}.name`, name, isDns1123Label(name)));
    if (names.has(name)) errors.push(fieldErrors.duplicate(`${path}.name`, name));
    names.add(name);
    if (port.protocol == null) errors.push(fieldErrors.required(`${path}.protocol`, ''));
    else if (!['TCP', 'UDP', 'SCTP'].includes(text(port.protocol))) errors.push(fieldErrors.notSupported(`${path}.protocol`, port.protocol, ['SCTP', 'TCP', 'UDP']));
    if (typeof port.port === 'number') errors.push(...invalidEach(`${path}.port`, port.port, isValidPortNum(port.port)));
    return errors;
  });
}

function validate(object: KubeObject): FieldError[] {
  const addressType = object.addressType;
  const errors: FieldError[] = [];
  if (!addressType) errors.push(fieldErrors.required('addressType', ''));
  else if (!addressTypes.includes(text(addressType))) errors.push(fieldErrors.notSupported('addressType', addressType, addressTypes));
  return [...errors, ...validateEndpoints(list(object.endpoints), addressType), ...validatePorts(list(object.ports))];
}

/** formatDiscoveryPorts / formatDiscoveryEndpoints: three items, then `+ N more...`, `<unset>` when empty. */
function listWithMore(items: string[]): string {
  if (items.length === 0) return '<unset>';
  return items.length > 3 ? `${items.slice(0, 3).join(',')} + ${items.length - 3} more...` : items.join(',');
}

function row(object: KubeObject, ctx: { now: Date }): unknown[] {
  const ports = records(object.ports).map((port) => (typeof port.port === 'number' ? String(port.port) : port.name != null ? text(port.name) : '*'));
  const addresses = list(object.endpoints).flatMap((endpoint) => list(record(endpoint).addresses).map(text));
  return [object.metadata.name, text(object.addressType), listWithMore(ports), listWithMore(addresses), age(object, ctx.now)];
}

/** discovery.k8s.io/v1 EndpointSlice (the address type is immutable). */
export const endpointSliceStrategy: ResourceStrategy = {
  validate,
  validateUpdate: (object, old) => fieldImmutable(object.addressType, old.addressType, 'addressType'),
  table: {
    columns: [
      nameColumn,
      column('AddressType', 'string', 'addressType specifies the type of address carried by this EndpointSlice. All addresses in this slice must be the same type.'),
      column('Ports', 'string', 'ports specifies the list of network ports exposed by each endpoint in this slice.'),
      column('Endpoints', 'string', 'endpoints is a list of unique endpoints in this slice.'),
      ageColumn,
    ],
    row,
  },
};
