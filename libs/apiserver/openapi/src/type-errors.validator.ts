import { getModel, modelNameOfRef, modelOfRef } from './model-table.loader';
import type { OpenApiSchema } from './openapi.types';
import { quantityError } from '@drydock/kube';

/**
 * Maps of resource.Quantity: client-node's metadata types them as map[string]string, but a Quantity
 * also decodes from a JSON number (`cpu: 1`), so numbers are accepted there.
 */
const quantityMaps: Record<string, string[]> = {
  'io.k8s.api.core.v1.ResourceRequirements': ['limits', 'requests'],
  'io.k8s.api.core.v1.VolumeResourceRequirements': ['limits', 'requests'],
  'io.k8s.api.core.v1.ResourceQuotaSpec': ['hard'],
  'io.k8s.api.core.v1.ResourceQuotaStatus': ['hard', 'used'],
  'io.k8s.api.core.v1.LimitRangeItem': ['default', 'defaultRequest', 'max', 'maxLimitRequestRatio', 'min'],
  'io.k8s.api.core.v1.NodeStatus': ['allocatable', 'capacity'],
  'io.k8s.api.core.v1.PersistentVolumeSpec': ['capacity'],
  'io.k8s.api.core.v1.PersistentVolumeClaimStatus': ['capacity', 'allocatedResources'],
  'io.k8s.api.core.v1.PodSpec': ['overhead'],
  'io.k8s.api.core.v1.ContainerStatus': ['allocatedResources'],
};

const quantityModel = 'io.k8s.apimachinery.pkg.api.resource.Quantity';


interface Context {
  /** Model name of the innermost struct, and the JSON field path from the root (no indices), as Go reports them. */
  structName: string;
  /** The path's last field and the path before it: joined only for an error, not for every field visited. */
  path: FieldStep | undefined;
}

interface FieldStep {
  key: string;
  parent: FieldStep | undefined;
}

function joinPath(step: FieldStep | undefined): string {
  const keys: string[] = [];
  for (let at = step; at; at = at.parent) keys.push(at.key);
  return keys.reverse().join('.');
}

function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'object' : typeof value === 'boolean' ? 'bool' : typeof value;
}

function shortName(model: string): string {
  const parts = model.split('.');
  return parts.length >= 2 ? `${parts[parts.length - 2]}.${parts[parts.length - 1]}` : model;
}

/** The Go type upstream's decoder names in its error (`int32`, `v1.PodSpec`, `[]v1.Container`, `map[string]string`). */
function goType(schema: OpenApiSchema): string {
  const ref = schema.$ref ?? (schema.allOf?.length === 1 ? schema.allOf[0].$ref : undefined);
  if (ref) return shortName(modelNameOfRef(ref));
  if (schema.type === 'array') return `[]${schema.items ? goType(schema.items) : 'interface {}'}`;
  if (schema.type === 'object') return typeof schema.additionalProperties === 'object' ? `map[string]${goType(schema.additionalProperties)}` : 'map[string]interface {}';
  if (schema.type === 'integer') return schema.format ?? 'int64';
  if (schema.type === 'number') return 'float64';
  if (schema.type === 'boolean') return 'bool';
  return 'string';
}

function accepts(schema: OpenApiSchema, value: unknown, quantity: boolean): boolean {
  const kind = jsonKind(value);
  if (kind === 'null' || schema['x-kubernetes-preserve-unknown-fields'] === true) return true;
  if (schema.format === 'int-or-string') return kind === 'string' || (kind === 'number' && Number.isInteger(value));
  switch (schema.type) {
    case 'string':
      return kind === 'string' || (quantity && kind === 'number');
    case 'integer':
      return kind === 'number' && Number.isInteger(value);
    case 'number':
      return kind === 'number';
    case 'boolean':
      return kind === 'bool';
    case 'array':
      return kind === 'array';
    case 'object':
      return kind === 'object';
    default:
      return true;
  }
}

/**
 * The first value whose JSON type the schema's Go type cannot take, worded as upstream's decoder:
 * `json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`.
 * Undefined when every value fits. `schema` is a model name or a CRD schema.
 */
export function firstTypeError(schema: string | OpenApiSchema, object: unknown): string | undefined {
  const root = typeof schema === 'string' ? getModel(schema) : schema;
  if (!root || typeof object !== 'object' || object === null) return undefined;
  const rootName = typeof schema === 'string' ? schema : 'Object';
  return check(root, object, { structName: rootName, path: undefined }, false);
}

function check(schema: OpenApiSchema, value: unknown, context: Context, quantity: boolean): string | undefined {
  const ref = schema.$ref ?? (schema.allOf?.length === 1 ? schema.allOf[0].$ref : undefined);
  const referenced = ref ? modelOfRef(ref) : undefined;
  const model = referenced?.name;
  const resolved = referenced ? referenced.model : schema;
  if (!resolved) return undefined;
  const isQuantity = quantity || model === quantityModel;
  // Upstream's decoder reports ParseQuantity's own error for a malformed string.
  if (isQuantity && typeof value === 'string' && quantityError(value)) return quantityError(value);
  if (!accepts(resolved, value, isQuantity)) {
    return `json: cannot unmarshal ${jsonKind(value) === 'bool' ? 'bool' : jsonKind(value)} into Go struct field ${context.structName.split('.').pop()}.${joinPath(context.path)} of type ${goType(schema)}`;
  }
  if (Array.isArray(value) && resolved.items) {
    for (const item of value) {
      const error = check(resolved.items, item, context, false);
      if (error) return error;
    }
  } else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return checkObject(resolved, value as Record<string, unknown>, model ? { ...context, structName: model } : context, quantity);
  }
  return undefined;
}

function checkObject(schema: OpenApiSchema, value: Record<string, unknown>, context: Context, quantity: boolean): string | undefined {
  const quantityFields = quantityMaps[context.structName] ?? [];
  for (const key of Object.keys(value)) {
    const child = value[key];
    const property = schema.properties?.[key];
    const childContext = { structName: context.structName, path: { key, parent: context.path } };
    let error: string | undefined;
    if (property) error = check(property, child, childContext, quantityFields.includes(key));
    else if (typeof schema.additionalProperties === 'object') error = check(schema.additionalProperties, child, { ...context }, quantity);
    if (error) return error;
  }
  return undefined;
}
