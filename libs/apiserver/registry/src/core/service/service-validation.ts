import { FieldError, fieldErrors } from '@drydock/util';
import { fieldImmutable } from '../../meta/field-validation';
import { validateLabels } from '../../meta/object-meta-validation';
import { isDns1123Label, isDns1123Subdomain, isValidPortName, isValidPortNum } from '@drydock/kube';
import { invalidEach, validateEnum } from '../../support/field-errors';
import { Json, records, text } from '../../support/object-fields';

const serviceTypes = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const ipv4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function isValidIP(value: string): boolean {
  return ipv4.test(value) || (value.includes(':') && /^[0-9a-fA-F:.]+$/.test(value));
}

/** ValidatePortNumOrName for targetPort. */
export function validatePortNumOrName(port: unknown, path: string): FieldError[] {
  if (typeof port === 'number') return invalidEach(path, port, isValidPortNum(port));
  if (typeof port === 'string') return invalidEach(path, port, isValidPortName(port));
  return [];
}

function validateServicePort(port: Json, requireName: boolean, names: Set<string>, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const name = text(port.name);
  if (requireName && !name) errors.push(fieldErrors.required(`${path}.name`));
  else if (name) {
    errors.push(...invalidEach(`${path}.name`, name, isDns1123Label(name)));
    if (names.has(name)) errors.push(fieldErrors.duplicate(`${path}.name`, name));
    else names.add(name);
  }
  errors.push(...invalidEach(`${path}.port`, port.port ?? 0, isValidPortNum(Number(port.port ?? 0))));
  errors.push(...validateEnum(port.protocol, ['SCTP', 'TCP', 'UDP'], `${path}.protocol`));
  errors.push(...validatePortNumOrName(port.targetPort, `${path}.targetPort`));
  return errors;
}

function validatePorts(spec: Json): FieldError[] {
  const ports = records(spec.ports);
  const errors: FieldError[] = [];
  const names = new Set<string>();
  const seen = new Set<string>();
  const nodePorts = new Set<number>();
  ports.forEach((port, i) => {
    const path = `spec.ports[${i}]`;
    errors.push(...validateServicePort(port, ports.length > 1, names, path));
    if (spec.type === 'ClusterIP' && port.nodePort) errors.push(fieldErrors.forbidden(`${path}.nodePort`, "may not be used when `type` is 'ClusterIP'"));
    if (port.nodePort) {
      errors.push(...invalidEach(`${path}.nodePort`, port.nodePort, isValidPortNum(Number(port.nodePort))));
      if (nodePorts.has(Number(port.nodePort))) errors.push(fieldErrors.duplicate(`${path}.nodePort`, port.nodePort));
      nodePorts.add(Number(port.nodePort));
    }
    const key = `${text(port.protocol)}/${port.port}`;
    if (seen.has(key)) errors.push(fieldErrors.duplicate(path, { protocol: text(port.protocol), port: port.port }));
    seen.add(key);
  });
  return errors;
}

function validateClusterIPs(spec: Json): FieldError[] {
  const errors: FieldError[] = [];
  if (spec.type === 'ExternalName') {
    if (text(spec.clusterIP)) errors.push(fieldErrors.forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
    return errors;
  }
  const ips = Array.isArray(spec.clusterIPs) ? spec.clusterIPs.map(text) : [];
  ips.forEach((ip, i) => {
    if (ip !== 'None' && ip !== '' && !isValidIP(ip)) errors.push(fieldErrors.invalid(`spec.clusterIPs[${i}]`, ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
  });
  if (text(spec.clusterIP) && ips.length > 0 && ips[0] !== spec.clusterIP) {
    errors.push(fieldErrors.invalid('spec.clusterIPs', spec.clusterIPs, 'first value must match `clusterIP`'));
  }
  return errors;
}

function validateExternalName(spec: Json): FieldError[] {
  if (spec.type !== 'ExternalName') return [];
  const name = text(spec.externalName).replace(/\.$/, '');
  if (!name) return [fieldErrors.required('spec.externalName')];
  const errors = invalidEach('spec.externalName', name, isDns1123Subdomain(name));
  if (!errors.length && name.split('.').length < 2) errors.push(fieldErrors.invalid('spec.externalName', name, 'should be a domain with at least two segments separated by dots'));
  return errors;
}

/** ValidateService (spec part; metadata is validated by the generic store). */
export function validateServiceSpec(spec: Json): FieldError[] {
  const errors: FieldError[] = [];
  if (records(spec.ports).length === 0 && spec.clusterIP !== 'None' && spec.type !== 'ExternalName') errors.push(fieldErrors.required('spec.ports'));
  errors.push(...validateExternalName(spec));
  errors.push(...validatePorts(spec));
  errors.push(...validateLabels(spec.selector, 'spec.selector'));
  errors.push(...validateEnum(spec.sessionAffinity, ['ClientIP', 'None'], 'spec.sessionAffinity'));
  errors.push(...validateClusterIPs(spec));
  errors.push(...validateEnum(spec.type, serviceTypes, 'spec.type'));
  if (spec.externalTrafficPolicy) errors.push(...validateEnum(spec.externalTrafficPolicy, ['Cluster', 'Local'], 'spec.externalTrafficPolicy'));
  if (spec.internalTrafficPolicy) errors.push(...validateEnum(spec.internalTrafficPolicy, ['Cluster', 'Local'], 'spec.internalTrafficPolicy'));
  if (spec.ipFamilyPolicy) errors.push(...validateEnum(spec.ipFamilyPolicy, ['SingleStack', 'PreferDualStack', 'RequireDualStack'], 'spec.ipFamilyPolicy'));
  return errors;
}

/** validateUpgradeDowngradeClusterIPs: the primary cluster IP may not change unless to or from ExternalName. */
export function validateServiceSpecUpdate(spec: Json, old: Json): FieldError[] {
  if (spec.type === 'ExternalName' || old.type === 'ExternalName') return [];
  const ips = Array.isArray(spec.clusterIPs) ? spec.clusterIPs : [];
  const oldIps = Array.isArray(old.clusterIPs) ? old.clusterIPs : [];
  if (oldIps.length > 0 && ips.length > 0 && ips[0] !== oldIps[0]) return [fieldErrors.invalid('spec.clusterIPs[0]', ips, 'may not change once set')];
  if (text(old.clusterIP) && text(spec.clusterIP) && spec.clusterIP !== old.clusterIP) return fieldImmutable(spec.clusterIP, old.clusterIP, 'spec.clusterIP');
  return [];
}
