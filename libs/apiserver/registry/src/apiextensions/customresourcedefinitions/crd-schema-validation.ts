import { FieldError, fieldErrors, isPlainObject } from '@drydock/util';
import { record, text } from '../../apps/support/object-fields';

const types = ['array', 'boolean', 'integer', 'number', 'object', 'string'];

/** The structural-schema rules that matter most: every specified node has a type (unless int-or-string or preserve-unknown-fields). */
function validateNode(schema: Record<string, unknown>, path: string, errors: FieldError[], isRoot = false): void {
  const typed = schema.type !== undefined && schema.type !== '';
  const exempt = schema['x-kubernetes-int-or-string'] === true || schema['x-kubernetes-preserve-unknown-fields'] === true;
  if (isRoot) {
    if (!typed) errors.push(fieldErrors.required(`${path}.type`, 'must not be empty at the root'));
    else if (schema.type !== 'object') errors.push(fieldErrors.invalid(`${path}.type`, schema.type, 'must be object at the root'));
  } else if (!typed && !exempt) {
    errors.push(fieldErrors.required(`${path}.type`, 'must not be empty for specified object fields'));
  }
  if (typed && !types.includes(text(schema.type))) errors.push(fieldErrors.notSupported(`${path}.type`, schema.type, types));
  if (schema.uniqueItems === true) errors.push(fieldErrors.forbidden(`${path}.uniqueItems`, 'uniqueItems cannot be set to true since the runtime complexity becomes quadratic'));
  const props = isPlainObject(schema.properties) ? schema.properties : {};
  if (Object.keys(props).length && isPlainObject(schema.additionalProperties)) {
    errors.push(fieldErrors.forbidden(`${path}.additionalProperties`, 'additionalProperties and properties are mutual exclusive'));
  }
  if (schema.type === 'array' && schema.items == null) errors.push(fieldErrors.required(`${path}.items`, 'must be specified'));
  for (const [key, child] of Object.entries(props)) validateNode(record(child), `${path}.properties[${key}]`, errors);
  if (isPlainObject(schema.additionalProperties)) validateNode(schema.additionalProperties, `${path}.additionalProperties`, errors);
  if (isPlainObject(schema.items)) validateNode(schema.items, `${path}.items`, errors);
}

/** validateStructuralMetadata at the root: metadata may only constrain name and generateName. */
function validateRootMetadata(schema: Record<string, unknown>, path: string): FieldError[] {
  const metadata = record(record(schema.properties).metadata);
  const allowed = ['name', 'generateName'];
  const extra = Object.keys(record(metadata.properties)).filter((key) => !allowed.includes(key));
  if (Object.keys(metadata).length === 0) return [];
  const errors: FieldError[] = [];
  if (metadata.type !== undefined && metadata.type !== 'object') errors.push(fieldErrors.invalid(`${path}.properties[metadata].type`, metadata.type, 'must be object'));
  if (extra.length) errors.push(fieldErrors.forbidden(`${path}.properties[metadata]`, 'must not specify anything other than name and generateName, but metadata is implicitly specified'));
  return errors;
}

/** A version's openAPIV3Schema: required, object at the root, structural. */
export function validateVersionSchema(version: Record<string, unknown>, path: string): FieldError[] {
  const schema = record(version.schema).openAPIV3Schema;
  const schemaPath = `${path}.schema.openAPIV3Schema`;
  if (!isPlainObject(schema)) return [fieldErrors.required(schemaPath, 'schemas are required')];
  const errors: FieldError[] = [];
  validateNode(schema, schemaPath, errors, true);
  errors.push(...validateRootMetadata(schema, schemaPath));
  return errors;
}
