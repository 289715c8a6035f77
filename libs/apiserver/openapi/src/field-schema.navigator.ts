import { getModel, modelNameOfRef } from './model-table.loader';
import type { FieldSchema, OpenApiSchema } from './openapi.types';

/**
 * What `fieldName` of model `modelName` holds, or undefined when the model or the field is unknown.
 *
 *   fieldSchema('io.k8s.api.apps.v1.DeploymentSpec', 'template')
 *     → { kind: 'object', model: 'io.k8s.api.core.v1.PodTemplateSpec' }
 *   fieldSchema('io.k8s.api.core.v1.PodSpec', 'containers')
 *     → { kind: 'array', items: { kind: 'object', model: 'io.k8s.api.core.v1.Container' } }
 *   fieldSchema('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'labels')
 *     → { kind: 'map', values: { kind: 'primitive', type: 'string' } }
 */
export function fieldSchema(modelName: string, fieldName: string): FieldSchema | undefined {
  const property = getModel(modelName)?.properties?.[fieldName];
  return property ? describeSchema(property) : undefined;
}

/** The FieldSchema of any schema of models.json (a property, an array's items, a map's values). */
export function describeSchema(schema: OpenApiSchema): FieldSchema {
  const ref = schema.$ref ?? (schema.allOf?.length === 1 ? schema.allOf[0].$ref : undefined);
  if (ref) return describeNamed(modelNameOfRef(ref));
  if (schema.type === 'array' && schema.items) return { kind: 'array', items: describeSchema(schema.items) };
  if (schema.type === 'object' && typeof schema.additionalProperties === 'object') {
    return { kind: 'map', values: describeSchema(schema.additionalProperties) };
  }
  return describeScalar(schema);
}

/** Named objects stay references; named scalars (Time, IntOrString, Quantity) become primitives. */
function describeNamed(name: string): FieldSchema {
  const model = getModel(name);
  if (!model) return { kind: 'any' };
  if (model.properties) return { kind: 'object', model: name };
  return describeScalar(model);
}

function describeScalar(schema: OpenApiSchema): FieldSchema {
  switch (schema.type) {
    case 'string':
    case 'integer':
    case 'number':
    case 'boolean':
      return schema.format ? { kind: 'primitive', type: schema.type, format: schema.format } : { kind: 'primitive', type: schema.type };
    default:
      return { kind: 'any' };
  }
}
