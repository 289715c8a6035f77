import { FieldError, fieldErrors, KubeObject } from '@drydock/util';
import type { ResourceStrategy } from '../../resource.types';
import { timestampSince } from '../../meta/human-duration';
import { isDns1123Label, isDns1123Subdomain, isValidPortNum } from '@drydock/kube';
import { invalidEach, validateEnum } from '../../support/field-errors';
import { fieldDescriptions } from '../field-descriptions';
import { Json, records, text } from '../../support/object-fields';
import { ageColumn, column, nameColumn } from '../../support/table-columns';
import { validateCoreMeta } from '../../support/object-meta-fields';

const ipPattern = /^(\d{1,3}\.){3}\d{1,3}$|:/;

function validateAddress(address: Json, path: string): FieldError[] {
  const ip = text(address.ip);
  const errors = ipPattern.test(ip) ? [] : [fieldErrors.invalid(`${path}.ip`, ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')];
  if (text(address.hostname)) errors.push(...invalidEach(`${path}.hostname`, address.hostname, isDns1123Label(text(address.hostname))));
  if (text(address.nodeName)) errors.push(...invalidEach(`${path}.nodeName`, address.nodeName, isDns1123Subdomain(text(address.nodeName))));
  return errors;
}

function validatePort(port: Json, requireName: boolean, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (requireName && !text(port.name)) errors.push(fieldErrors.required(`${path}.name`));
  else if (text(port.name)) errors.push(...invalidEach(`${path}.name`, port.name, isDns1123Label(text(port.name))));
  errors.push(...invalidEach(`${path}.port`, port.port ?? 0, isValidPortNum(Number(port.port ?? 0))));
  errors.push(...validateEnum(port.protocol, ['SCTP', 'TCP', 'UDP'], `${path}.protocol`));
  return errors;
}

/** ValidateEndpoints: every subset has addresses, valid IPs and valid ports. */
function validateSubsets(endpoints: KubeObject): FieldError[] {
  return records(endpoints.subsets).flatMap((subset, i) => {
    const path = `subsets[${i}]`;
    const errors: FieldError[] = [];
    if (records(subset.addresses).length === 0 && records(subset.notReadyAddresses).length === 0) {
      errors.push(fieldErrors.required(path, 'must specify `addresses` or `notReadyAddresses`'));
    }
    records(subset.addresses).forEach((a, j) => errors.push(...validateAddress(a, `${path}.addresses[${j}]`)));
    records(subset.notReadyAddresses).forEach((a, j) => errors.push(...validateAddress(a, `${path}.notReadyAddresses[${j}]`)));
    const ports = records(subset.ports);
    ports.forEach((p, j) => errors.push(...validatePort(p, ports.length > 1, `${path}.ports[${j}]`)));
    return errors;
  });
}

/** formatEndpoints: up to three `ip:port` entries, then "+ N more...". */
export function formatEndpoints(endpoints: KubeObject): string {
  const subsets = records(endpoints.subsets);
  if (subsets.length === 0) return '<none>';
  const shown: string[] = [];
  let count = 0;
  for (const subset of subsets) {
    const addresses = records(subset.addresses).map((a) => text(a.ip));
    const ports = records(subset.ports);
    const targets = ports.length === 0 ? addresses : ports.flatMap((p) => addresses.map((ip) => (ip.includes(':') ? `[${ip}]:${p.port}` : `${ip}:${p.port}`)));
    count += targets.length;
    for (const target of targets) if (shown.length < 3) shown.push(target);
  }
  return count > 3 ? `${shown.join(',')} + ${count - 3} more...` : shown.join(',');
}

/** SetDefaults_EndpointPort: a port without a protocol is TCP. */
function defaultEndpoints(endpoints: KubeObject): void {
  for (const subset of records(endpoints.subsets)) for (const port of records(subset.ports)) if (!port.protocol) port.protocol = 'TCP';
}

export const endpointsStrategy: ResourceStrategy = {
  defaults: defaultEndpoints,
  validate: (endpoints) => [...validateCoreMeta(endpoints.metadata), ...validateSubsets(endpoints)],
  table: {
    columns: [nameColumn, column('Endpoints', 'string', fieldDescriptions['Endpoints.subsets']), ageColumn],
    row: (endpoints, ctx) => [endpoints.metadata.name ?? '', formatEndpoints(endpoints), timestampSince(endpoints.metadata.creationTimestamp, ctx.now)],
  },
};
