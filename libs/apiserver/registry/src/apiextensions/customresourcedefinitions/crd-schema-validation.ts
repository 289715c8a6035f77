import { FieldError, fieldErrors, isPlainObject } from '@drydock/util';
import { record, text } from '../../support/object-fields';

const types = ['array', 'boolean', 'integer', 'number', 'object', 'string'];
type Level = 'root' | 'item' | 'field';
const emptyTypeDetail: Record<Level, string> = {
  root: 'must not be empty at the root',
  item: 'must not be empty for specified array items',
  field: 'must not be empty for specified object fields',
};

/** validateStructuralInvariants' type rules for one node. */
function validateType(schema: Record<string, unknown>, path: string, level: Level): FieldError[] {
  const type = text(schema.type);
  const embedded = schema['x-kubernetes-embedded-resource'] === true;
  const errors: FieldError[] = [];
  if (embedded && type !== 'object') {
    const detail = 'must be object if x-kubernetes-embedded-resource is true';
    errors.push(type ? fieldErrors.invalid(`${path}.type`, type, detail) : fieldErrors.required(`${path}.type`, detail));
  } else if (!type && schema['x-kubernetes-int-or-string'] !== true && schema['x-kubernetes-preserve-unknown-fields'] !== true) {
    errors.push(fieldErrors.required(`${path}.type`, emptyTypeDetail[level]));
  }
  if (type && !types.includes(type)) errors.push(fieldErrors.notSupported(`${path}.type`, type, types));
  if (level === 'root' && type && type !== 'object') errors.push(fieldErrors.invalid(`${path}.type`, type, 'must be object at the root'));
  if (schema.type === 'array' && schema.items == null) errors.push(fieldErrors.required(`${path}.items`, 'must be specified'));
  return errors;
}

/** Root (and embedded resource) metadata may only constrain name and generateName. */
function validateMetadataSchema(schema: Record<string, unknown>, path: string, level: Level): FieldError[] {
  const props = record(schema.properties);
  const checkMetadata = level === 'root' || schema['x-kubernetes-embedded-resource'] === true;
  const errors: FieldError[] = [];
  if (checkMetadata && isPlainObject(props.kind) && props.kind.type !== 'string') errors.push(fieldErrors.invalid(`${path}.properties[kind].type`, props.kind.type ?? '', 'must be string'));
  if (checkMetadata && isPlainObject(props.apiVersion) && props.apiVersion.type !== 'string') errors.push(fieldErrors.invalid(`${path}.properties[apiVersion].type`, props.apiVersion.type ?? '', 'must be string'));
  if (!isPlainObject(props.metadata)) return errors;
  const metadata = props.metadata;
  if (checkMetadata && metadata.type !== 'object') errors.push(fieldErrors.invalid(`${path}.properties[metadata].type`, metadata.type ?? '', 'must be object'));
  if (level !== 'root') return errors;
  const names = Object.keys(record(metadata.properties));
  const onlyNames = names.every((name) => name === 'name' || name === 'generateName');
  const otherKeys = Object.keys(metadata).filter((key) => !['type', 'default', 'properties'].includes(key));
  if (!onlyNames || otherKeys.length) {
    errors.push(fieldErrors.forbidden(`${path}.properties[metadata]`, 'must not specify anything other than name and generateName, but metadata is implicitly specified'));
  }
  return errors;
}

function validateNode(schema: Record<string, unknown>, path: string, level: Level, errors: FieldError[]): void {
  errors.push(...validateType(schema, path, level), ...validateMetadataSchema(schema, path, level));
  if (schema.uniqueItems === true) errors.push(fieldErrors.forbidden(`${path}.uniqueItems`, 'uniqueItems cannot be set to true since the runtime complexity becomes quadratic'));
  if (schema['x-kubernetes-int-or-string'] === true && schema['x-kubernetes-preserve-unknown-fields'] === true) {
    errors.push(fieldErrors.invalid(`${path}.x-kubernetes-preserve-unknown-fields`, true, 'must be false if x-kubernetes-int-or-string is true'));
  }
  const props = isPlainObject(schema.properties) ? schema.properties : {};
  const additional = schema.additionalProperties;
  if (isPlainObject(additional) || additional === false) {
    if (level === 'root') errors.push(fieldErrors.forbidden(`${path}.additionalProperties`, 'must not be used at the root'));
    if (Object.keys(props).length) errors.push(fieldErrors.forbidden(`${path}.additionalProperties`, 'additionalProperties and properties are mutual exclusive'));
  }
  for (const key of Object.keys(props).sort()) validateNode(record(props[key]), `${path}.properties[${key}]`, 'field', errors);
  if (isPlainObject(additional)) validateNode(additional, `${path}.additionalProperties`, 'field', errors);
  if (isPlainObject(schema.items)) validateNode(schema.items, `${path}.items`, 'item', errors);
}

/** A version's openAPIV3Schema: required, and structural (the rules kubectl users meet most). */
export function validateVersionSchema(version: Record<string, unknown>, path: string): FieldError[] {
  const schema = record(version.schema).openAPIV3Schema;
  const schemaPath = `${path}.schema.openAPIV3Schema`;
  if (!isPlainObject(schema)) return [fieldErrors.required(schemaPath, 'schemas are required')];
  const errors: FieldError[] = [];
  validateNode(schema, schemaPath, 'root', errors);
  return errors;
}
