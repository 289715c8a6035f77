import { FieldError, fieldErrors, isPlainObject } from '@drydock/util';
import { additionalSchema, isIntOrString, itemsSchema, properties, SchemaNode } from './structural-schema';

/** The OpenAPI type name of a JSON value, as go-openapi reports it. */
function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value === 'object' ? 'object' : typeof value;
}

function typeMatches(value: unknown, schema: SchemaNode): boolean {
  if (value === null) return schema.nullable === true;
  if (isIntOrString(schema)) return typeof value === 'string' || Number.isInteger(value);
  const type = schema.type;
  if (type === undefined) return true;
  const actual = typeName(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

function enumError(value: unknown, schema: SchemaNode, path: string): FieldError[] {
  if (!Array.isArray(schema.enum)) return [];
  if (schema.enum.some((allowed) => JSON.stringify(allowed) === JSON.stringify(value))) return [];
  return [fieldErrors.notSupported(path, value, schema.enum.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))))];
}

function numberErrors(value: number, schema: SchemaNode, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf } = schema;
  if (typeof minimum === 'number' && (exclusiveMinimum === true ? value <= minimum : value < minimum)) {
    errors.push(fieldErrors.invalid(path, value, `${path} in body should be greater than ${exclusiveMinimum === true ? '' : 'or equal to '}${minimum}`));
  }
  if (typeof maximum === 'number' && (exclusiveMaximum === true ? value >= maximum : value > maximum)) {
    errors.push(fieldErrors.invalid(path, value, `${path} in body should be less than ${exclusiveMaximum === true ? '' : 'or equal to '}${maximum}`));
  }
  if (typeof multipleOf === 'number' && multipleOf > 0 && Math.abs(value / multipleOf - Math.round(value / multipleOf)) > 1e-9) {
    errors.push(fieldErrors.invalid(path, value, `${path} in body should be a multiple of ${multipleOf}`));
  }
  return errors;
}

/** ECMA regexps stand in for Go's RE2; a pattern JavaScript cannot compile is not enforced. */
function matchesPattern(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(value);
  } catch {
    return true;
  }
}

function stringErrors(value: string, schema: SchemaNode, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const length = [...value].length;
  if (typeof schema.maxLength === 'number' && length > schema.maxLength) errors.push(fieldErrors.tooLong(path, value, schema.maxLength));
  if (typeof schema.minLength === 'number' && length < schema.minLength) errors.push(fieldErrors.invalid(path, value, `${path} in body should be at least ${schema.minLength} chars long`));
  if (typeof schema.pattern === 'string' && !matchesPattern(schema.pattern, value)) errors.push(fieldErrors.invalid(path, value, `${path} in body should match '${schema.pattern}'`));
  return errors;
}

function arrayErrors(value: unknown[], schema: SchemaNode, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) errors.push({ type: 'FieldValueTooMany', field: path, value: value.length, detail: `must have at most ${schema.maxItems} items` });
  if (typeof schema.minItems === 'number' && value.length < schema.minItems) errors.push(fieldErrors.invalid(path, value, `${path} in body should have at least ${schema.minItems} items`));
  const items = itemsSchema(schema);
  if (items) value.forEach((item, i) => errors.push(...validateAgainstSchema(item, items, `${path}[${i}]`)));
  return errors;
}

function objectErrors(value: Record<string, unknown>, schema: SchemaNode, path: string): FieldError[] {
  const child = (key: string) => (path ? `${path}.${key}` : key);
  const errors: FieldError[] = [];
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  for (const key of required) if (value[key] === undefined) errors.push(fieldErrors.required(child(key), ''));
  const props = properties(schema);
  for (const [key, propSchema] of Object.entries(props)) if (value[key] !== undefined) errors.push(...validateAgainstSchema(value[key], propSchema, child(key)));
  const map = additionalSchema(schema);
  if (map) for (const key of Object.keys(value)) if (!(key in props)) errors.push(...validateAgainstSchema(value[key], map, child(key)));
  const count = Object.keys(value).length;
  if (typeof schema.maxProperties === 'number' && count > schema.maxProperties) errors.push({ type: 'FieldValueTooMany', field: path, value: count, detail: `must have at most ${schema.maxProperties} items` });
  if (typeof schema.minProperties === 'number' && count < schema.minProperties) errors.push(fieldErrors.invalid(path, count, `${path} in body should have at least ${schema.minProperties} properties`));
  return errors;
}

/**
 * Validates a JSON value against a structural schema node with the messages of kube-openapi's
 * validator as converted by apiextensions (`spec.replicas in body must be of type integer: "string"`).
 * `path` is the dotted field path of the value (empty at the root).
 */
export function validateAgainstSchema(value: unknown, schema: SchemaNode, path: string): FieldError[] {
  if (!typeMatches(value, schema)) {
    const actual = typeName(value);
    const expected = isIntOrString(schema) ? 'integer,string' : String(schema.type);
    return [{ type: 'FieldValueTypeInvalid', field: path, value: actual, detail: `${path || '.'} in body must be of type ${expected}: ${JSON.stringify(actual)}` }];
  }
  if (value === null) return [];
  const errors = enumError(value, schema, path);
  if (typeof value === 'number') errors.push(...numberErrors(value, schema, path));
  else if (typeof value === 'string') errors.push(...stringErrors(value, schema, path));
  else if (Array.isArray(value)) errors.push(...arrayErrors(value, schema, path));
  else if (isPlainObject(value)) errors.push(...objectErrors(value, schema, path));
  return errors;
}
