import { FieldError, fieldErrors, isPlainObject, StatusError } from '@drydock/util';
import { base64Size, maxDataSize, validateDataKeys } from '../data-validation';
import { Json, text } from '../../support/object-fields';

const requiredKeys: Record<string, string[]> = {
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
};

/** Go's base64.StdEncoding error for the first bad input byte, as the JSON decoder reports it. */
function base64Error(value: string): string | undefined {
  const clean = value.replace(/[\r\n]/g, '');
  const bad = clean.search(/[^A-Za-z0-9+/=]/);
  if (bad >= 0) return `illegal base64 data at input byte ${bad}`;
  const padding = clean.indexOf('=');
  if (padding >= 0 && !/^={1,2}$/.test(clean.slice(padding))) return `illegal base64 data at input byte ${padding}`;
  if (clean.length % 4 !== 0) return `illegal base64 data at input byte ${clean.length - (clean.length % 4 || 4)}`;
  return undefined;
}

/** Decoding `data` fails before validation when a value is not base64: a 400 as upstream's decoder. */
export function assertBase64Data(secret: Json): void {
  if (!isPlainObject(secret.data)) return;
  for (const value of Object.values(secret.data)) {
    const error = base64Error(text(value));
    if (error) throw StatusError.badRequest(`Secret in version "v1" cannot be handled as a Secret: ${error}`);
  }
}

function validateTypedKeys(secret: Json): FieldError[] {
  const data = isPlainObject(secret.data) ? secret.data : {};
  const type = text(secret.type);
  if (type === 'kubernetes.io/service-account-token') {
    const annotations = isPlainObject(secret.metadata) && isPlainObject(secret.metadata.annotations) ? secret.metadata.annotations : {};
    return annotations['kubernetes.io/service-account.name'] ? [] : [fieldErrors.required('metadata.annotations[kubernetes.io/service-account.name]')];
  }
  if (type === 'kubernetes.io/basic-auth') {
    if ('username' in data || 'password' in data) return [];
    return [fieldErrors.required('data[username]'), fieldErrors.required('data[password]')];
  }
  const missing = (requiredKeys[type] ?? []).filter((key) => !(key in data) || (type === 'kubernetes.io/ssh-auth' && !text(data[key])));
  const errors = missing.map((key) => fieldErrors.required(`data[${key}]`));
  if (type === 'kubernetes.io/dockercfg' || type === 'kubernetes.io/dockerconfigjson') {
    const key = requiredKeys[type][0];
    if (key in data && !isJson(Buffer.from(text(data[key]), 'base64').toString())) errors.push(fieldErrors.invalid(`data[${key}]`, '<secret contents redacted>', 'invalid character looking for beginning of value'));
  }
  return errors;
}

function isJson(value: string): boolean {
  try {
    JSON.parse(value);
    return true;
  } catch {
    return false;
  }
}

/** ValidateSecret: config keys, 1 MiB total, and the keys each well-known type requires. */
export function validateSecret(secret: Json): FieldError[] {
  const { errors, size } = validateDataKeys(secret.data, 'data', base64Size);
  if (size > maxDataSize) errors.push(fieldErrors.tooLong('data', '', maxDataSize));
  return [...errors, ...validateTypedKeys(secret)];
}
