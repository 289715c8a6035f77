import { isPlainObject } from '@drydock/util';
import { additionalSchema, isEmbeddedResource, itemsSchema, preservesUnknown, properties, SchemaNode } from './structural-schema';

const embeddedResourceFields = ['apiVersion', 'kind', 'metadata'];

/**
 * Structural pruning (apiextensions-apiserver pkg/apiserver/schema/pruning): fields the schema does
 * not specify are dropped unless `x-kubernetes-preserve-unknown-fields`. At the root and in embedded
 * resources apiVersion, kind and metadata are always kept. Mutates `value`.
 */
export function prune(value: unknown, schema: SchemaNode | undefined, isRoot = false): void {
  if (!schema) return;
  if (Array.isArray(value)) {
    const items = itemsSchema(schema);
    for (const item of value) prune(item, items);
    return;
  }
  if (!isPlainObject(value)) return;
  const props = properties(schema);
  const map = additionalSchema(schema);
  const keepMeta = isRoot || isEmbeddedResource(schema);
  for (const key of Object.keys(value)) {
    if (keepMeta && embeddedResourceFields.includes(key)) continue;
    if (key in props) prune(value[key], props[key]);
    else if (map) prune(value[key], map);
    else if (schema.additionalProperties !== true && !preservesUnknown(schema)) delete value[key];
  }
}

/**
 * Structural defaulting: missing properties with a `default` get it (deep-copied), and nulls of
 * non-nullable properties are replaced by their default or dropped. Mutates `value`.
 */
export function applyDefaults(value: unknown, schema: SchemaNode | undefined): void {
  if (!schema) return;
  if (Array.isArray(value)) {
    const items = itemsSchema(schema);
    for (const item of value) applyDefaults(item, items);
    return;
  }
  if (!isPlainObject(value)) return;
  for (const [key, propSchema] of Object.entries(properties(schema))) {
    const hasDefault = propSchema.default !== undefined;
    if (value[key] === null && propSchema.nullable !== true) {
      if (hasDefault) value[key] = structuredClone(propSchema.default);
      else delete value[key];
    } else if (value[key] === undefined && hasDefault) {
      value[key] = structuredClone(propSchema.default);
    }
    applyDefaults(value[key], propSchema);
  }
  const map = additionalSchema(schema);
  if (map) for (const key of Object.keys(value)) applyDefaults(value[key], map);
}
