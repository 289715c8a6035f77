import { getModel, modelOfRef, schemaRefPrefix } from './model-table.loader';
import type { OpenApiSchema } from './openapi.types';

const objectMetaRef = `${schemaRefPrefix}io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta`;

/**
 * Paths of the fields of `object` that its schema does not know, upstream-style and in document order:
 * `spec.foo`, `spec.template.spec.containers[0].imagePullPolicyy`. Map keys are free; `apiVersion` and
 * `kind` at the top are always accepted. `schema` is a model name (`io.k8s.api.apps.v1.Deployment`) or a
 * schema such as a CRD's openAPIV3Schema (whose `metadata` is checked as ObjectMeta, and whose
 * `x-kubernetes-preserve-unknown-fields` subtrees are free). An unknown model name yields no paths.
 * Does not look at value types: that is validation's job.
 */
export function unknownFields(schema: string | OpenApiSchema, object: unknown): string[] {
  return unknownFieldLocations(schema, object).map(formatFieldPath);
}

/** A field's location as keys and indices: `['spec', 'containers', 0, 'imagePullPolicyy']`. */
export type FieldLocation = (string | number)[];

/**
 * The same fields as unknownFields, as key/index sequences, for code that removes them (fieldValidation
 * Ignore/Warn); unlike the printed paths these stay unambiguous when a map key contains dots.
 */
export function unknownFieldLocations(schema: string | OpenApiSchema, object: unknown): FieldLocation[] {
  const root = typeof schema === 'string' ? getModel(schema) : withObjectMeta(schema);
  if (!root || !isPlainObject(object)) return [];
  const unknown: FieldLocation[] = [];
  const rest = Object.fromEntries(Object.entries(object).filter(([key]) => key !== 'apiVersion' && key !== 'kind'));
  walkObject(root, rest, undefined, unknown);
  return unknown;
}

/** `['spec', 'containers', 0, 'image']` → `spec.containers[0].image`. */
export function formatFieldPath(location: FieldLocation): string {
  return location.reduce<string>((path, step) => (typeof step === 'number' ? `${path}[${step}]` : path ? `${path}.${step}` : step), '');
}

/** The message of upstream's strict decoding BadRequest: `strict decoding error: unknown field "spec.foo", …`. */
export function strictDecodingMessage(unknownPaths: string[]): string {
  return `strict decoding error: ${unknownFieldMessages(unknownPaths).join(', ')}`;
}

/** One `unknown field "<path>"` per path: the `Warning` headers of fieldValidation=Warn. */
export function unknownFieldMessages(unknownPaths: string[]): string[] {
  return unknownPaths.map((path) => `unknown field "${path}"`);
}

/** A CRD's embedded object (x-kubernetes-embedded-resource) also has apiVersion, kind and metadata. */
function withTypeMeta(schema: OpenApiSchema): OpenApiSchema {
  const free: OpenApiSchema = { 'x-kubernetes-preserve-unknown-fields': true };
  return { ...schema, properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: free, ...schema.properties } };
}

function withObjectMeta(schema: OpenApiSchema): OpenApiSchema {
  return { ...schema, properties: { ...schema.properties, metadata: { $ref: objectMetaRef } } };
}

/**
 * Where the walk is, as a chain of steps back to the root: a FieldLocation array is made only for an
 * unknown field, not for every field visited (the walk runs on every write's body).
 */
interface Step {
  key: string | number;
  parent: Step | undefined;
}

function locationOf(step: Step | undefined): FieldLocation {
  const location: FieldLocation = [];
  for (let at = step; at; at = at.parent) location.push(at.key);
  return location.reverse();
}

function walk(schema: OpenApiSchema, value: unknown, path: Step | undefined, unknown: FieldLocation[]): void {
  const resolved = resolve(schema);
  if (!resolved) return;
  if (Array.isArray(value)) {
    if (resolved.items) for (let index = 0; index < value.length; index++) walk(resolved.items, value[index], { key: index, parent: path }, unknown);
  } else if (isPlainObject(value)) {
    walkObject(resolved, value, path, unknown);
  }
}

function walkObject(schema: OpenApiSchema, value: Record<string, unknown>, path: Step | undefined, unknown: FieldLocation[]): void {
  const { properties, additionalProperties } = schema['x-kubernetes-embedded-resource'] === true ? withTypeMeta(schema) : schema;
  const free = schema['x-kubernetes-preserve-unknown-fields'] === true;
  for (const key of Object.keys(value)) {
    const property = properties && Object.prototype.hasOwnProperty.call(properties, key) ? properties[key] : undefined;
    if (property) walk(property, value[key], { key, parent: path }, unknown);
    else if (typeof additionalProperties === 'object') walk(additionalProperties, value[key], { key, parent: path }, unknown);
    else if (properties && !free && additionalProperties !== true) unknown.push(locationOf({ key, parent: path }));
  }
}

/** Follows `$ref` (and upstream's single-element `allOf` wrapper) to the schema that describes the value. */
function resolve(schema: OpenApiSchema): OpenApiSchema | undefined {
  const ref = schema.$ref ?? (schema.allOf?.length === 1 ? schema.allOf[0].$ref : undefined);
  return ref ? modelOfRef(ref).model : schema;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
