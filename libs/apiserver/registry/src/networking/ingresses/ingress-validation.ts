import { FieldError, fieldErrors } from '@drydock/util';
import { nameIsDns1035Label, nameIsDnsSubdomain, nameIsPathSegment } from '../../meta/name-validation';
import { isDns1123Subdomain, isValidPortName, isValidPortNum, maxLenError } from '@drydock/kube';
import { list, record, text } from '../../support/object-fields';
import { invalidEach } from '../../support/field-errors';

const wildcardFmt = '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*';
const invalidPathSequences = ['//', '/./', '/../', '%2f', '%2F'];
const invalidPathSuffixes = ['/..', '/.'];

/** IsWildcardDNS1123Subdomain. */
function isWildcardDns1123Subdomain(value: string): string[] {
  const errs = value.length > 253 ? [maxLenError(253)] : [];
  if (!new RegExp(`^${wildcardFmt}$`).test(value)) {
    errs.push(`a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '${wildcardFmt}')`);
  }
  return errs;
}

function hostErrors(host: string): string[] {
  return host.includes('*') ? isWildcardDns1123Subdomain(host) : isDns1123Subdomain(host);
}

function isIp(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || (host.includes(':') && /^[0-9a-fA-F:.]+$/.test(host));
}

/** validateIngressTypedLocalObjectReference. */
export function validateTypedReference(ref: Record<string, unknown>, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (ref.apiGroup != null) for (const msg of isDns1123Subdomain(text(ref.apiGroup))) errors.push(fieldErrors.invalid(`${path}.apiGroup`, ref.apiGroup, msg));
  for (const key of ['kind', 'name']) {
    if (!text(ref[key])) errors.push(fieldErrors.required(`${path}.${key}`, `${key} is required`));
    else for (const msg of nameIsPathSegment(text(ref[key]), false)) errors.push(fieldErrors.invalid(`${path}.${key}`, ref[key], msg));
  }
  return errors;
}

function validateServicePort(port: Record<string, unknown>, path: string): FieldError[] {
  const name = text(port.name);
  const number = typeof port.number === 'number' ? port.number : 0;
  if (name && number) return [fieldErrors.invalid(path, '', 'cannot set both port name & port number')];
  if (name) return invalidEach(`${path}.service.port.name`, name, isValidPortName(name));
  if (number) return invalidEach(`${path}.service.port.number`, number, isValidPortNum(number));
  return [fieldErrors.required(path, 'port name or number is required')];
}

/** validateIngressBackend: exactly one of a service (name and port) or a resource. */
export function validateBackend(backend: unknown, path: string): FieldError[] {
  const { resource, service } = record(backend);
  if (resource != null && service != null) return [fieldErrors.invalid(path, '', 'cannot set both resource and service backends')];
  if (resource != null) return validateTypedReference(record(resource), `${path}.resource`);
  if (service == null) return [fieldErrors.invalid(path, '', 'resource or service backend is required')];
  const name = text(record(service).name);
  const errors = name ? invalidEach(`${path}.service.name`, name, nameIsDns1035Label(name, false)) : [fieldErrors.required(`${path}.service.name`, '')];
  return [...errors, ...validateServicePort(record(record(service).port), path)];
}

function validatePath(httpPath: Record<string, unknown>, path: string): FieldError[] {
  const pathType = httpPath.pathType;
  const value = text(httpPath.path);
  if (pathType == null) return [fieldErrors.required(`${path}.pathType`, 'pathType must be specified')];
  const errors: FieldError[] = [];
  if (pathType === 'Exact' || pathType === 'Prefix') {
    if (!value.startsWith('/')) errors.push(fieldErrors.invalid(`${path}.path`, value, 'must be an absolute path'));
    for (const seq of invalidPathSequences) if (value.includes(seq)) errors.push(fieldErrors.invalid(`${path}.path`, value, `must not contain '${seq}'`));
    for (const suffix of invalidPathSuffixes) if (value.endsWith(suffix)) errors.push(fieldErrors.invalid(`${path}.path`, value, `cannot end with '${suffix}'`));
  } else if (pathType === 'ImplementationSpecific') {
    if (value && !value.startsWith('/')) errors.push(fieldErrors.invalid(`${path}.path`, value, 'must be an absolute path'));
  } else {
    errors.push(fieldErrors.notSupported(`${path}.pathType`, pathType, ['Exact', 'ImplementationSpecific', 'Prefix']));
  }
  return [...errors, ...validateBackend(httpPath.backend, `${path}.backend`)];
}

function validateRule(rule: Record<string, unknown>, path: string): FieldError[] {
  const host = text(rule.host);
  const errors: FieldError[] = [];
  if (host && isIp(host)) errors.push(fieldErrors.invalid(`${path}.host`, host, 'must be a DNS name, not an IP address'));
  if (host) errors.push(...invalidEach(`${path}.host`, host, hostErrors(host)));
  if (rule.http == null) return errors;
  const paths = list(record(rule.http).paths);
  if (paths.length === 0) errors.push(fieldErrors.required(`${path}.http.paths`, ''));
  paths.forEach((httpPath, i) => errors.push(...validatePath(record(httpPath), `${path}.http.paths[${i}]`)));
  return errors;
}

function validateTls(tls: unknown[]): FieldError[] {
  return tls.flatMap((entry, t) => {
    const { hosts, secretName } = record(entry);
    const errors = list(hosts).flatMap((host, i) => invalidEach(`spec.tls[${t}].hosts[${i}]`, host, hostErrors(text(host))));
    if (text(secretName)) errors.push(...invalidEach(`spec.tls[${t}].secretName`, secretName, nameIsDnsSubdomain(text(secretName), false)));
    return errors;
  });
}

/** ValidateIngressSpec (networking.k8s.io/v1). */
export function validateIngressSpec(spec: Record<string, unknown>): FieldError[] {
  const rules = list(spec.rules);
  const errors: FieldError[] = [];
  if (rules.length === 0 && spec.defaultBackend == null) errors.push(fieldErrors.invalid('spec', spec.rules ?? null, 'either `defaultBackend` or `rules` must be specified'));
  if (spec.defaultBackend != null) errors.push(...validateBackend(spec.defaultBackend, 'spec.defaultBackend'));
  rules.forEach((rule, i) => errors.push(...validateRule(record(rule), `spec.rules[${i}]`)));
  errors.push(...validateTls(list(spec.tls)));
  if (spec.ingressClassName != null) errors.push(...invalidEach('spec.ingressClassName', spec.ingressClassName, nameIsDnsSubdomain(text(spec.ingressClassName), false)));
  return errors;
}
