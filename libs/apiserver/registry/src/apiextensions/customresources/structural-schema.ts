import { isPlainObject } from '@drydock/util';

/** A node of a CRD version's openAPIV3Schema (apiextensions/v1 JSONSchemaProps as JSON). */
export type SchemaNode = Record<string, unknown>;

export function schemaOf(value: unknown): SchemaNode | undefined {
  return isPlainObject(value) ? value : undefined;
}

export function properties(schema: SchemaNode): Record<string, SchemaNode> {
  return isPlainObject(schema.properties) ? (schema.properties as Record<string, SchemaNode>) : {};
}

/** The schema of map values (`additionalProperties: {schema}`), when the node is a map. */
export function additionalSchema(schema: SchemaNode): SchemaNode | undefined {
  return schemaOf(schema.additionalProperties);
}

export function itemsSchema(schema: SchemaNode): SchemaNode | undefined {
  return schemaOf(schema.items);
}

export const preservesUnknown = (schema: SchemaNode): boolean => schema['x-kubernetes-preserve-unknown-fields'] === true;
export const isEmbeddedResource = (schema: SchemaNode): boolean => schema['x-kubernetes-embedded-resource'] === true;
export const isIntOrString = (schema: SchemaNode): boolean => schema['x-kubernetes-int-or-string'] === true;
