/** An OpenAPI v3 schema object, as far as Drydock reads or writes one. Extensions (`x-kubernetes-*`) pass through. */
export interface OpenApiSchema {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  format?: string;
  description?: string;
  $ref?: string;
  allOf?: OpenApiSchema[];
  items?: OpenApiSchema;
  properties?: Record<string, OpenApiSchema>;
  additionalProperties?: OpenApiSchema | boolean;
  required?: string[];
  'x-kubernetes-group-version-kind'?: GroupVersionKind[];
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  [extension: string]: unknown;
}

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

/** A named model of models.json: an object schema (or a named scalar such as Time or IntOrString). */
export type OpenApiModel = OpenApiSchema;

/**
 * What a field holds, for code that walks objects by schema (strict decoding, strategic merge patch).
 * - object: a named model; read its fields with `fieldSchema(model, field)`.
 * - array / map: the schema of each element / each value (map keys are free).
 * - primitive: a JSON scalar. Named scalars resolve here: Time and MicroTime are string/date-time,
 *   IntOrString is string/int-or-string (the JSON value may be a number), Quantity is string.
 * - any: free-form JSON with no schema below it (RawExtension, FieldsV1, apiextensions JSON).
 */
export type FieldSchema =
  | { kind: 'object'; model: string }
  | { kind: 'array'; items: FieldSchema }
  | { kind: 'map'; values: FieldSchema }
  | { kind: 'primitive'; type: 'string' | 'integer' | 'number' | 'boolean'; format?: string }
  | { kind: 'any' };

/**
 * The parts of a registry ResourceDefinition the OpenAPI documents need (ResourceDefinition satisfies this
 * structurally, so this library does not depend on the registry).
 */
export interface OpenApiResource {
  group: string;
  version: string;
  kind: string;
  /** plural, lower case: `deployments` */
  resource: string;
  namespaced: boolean;
  /** Verbs of the main resource; default: all eight. */
  verbs?: string[];
  /** Name of the kind's model in models.json (`io.k8s.api.apps.v1.Deployment`). */
  model?: string;
  /** A CRD version's openAPIV3Schema; used instead of `model` when given. */
  schema?: OpenApiSchema;
  subresources?: {
    status?: boolean;
    scale?: unknown;
    extra?: { name: string; group?: string; version?: string; kind: string; verbs: string[] }[];
  };
}

export interface OpenApiV3Document {
  openapi: '3.0.0';
  info: { title: string; version: string };
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, OpenApiSchema> };
}

/** Body of `GET /openapi/v3`. */
export interface OpenApiV3Index {
  paths: Record<string, { serverRelativeURL: string }>;
}
