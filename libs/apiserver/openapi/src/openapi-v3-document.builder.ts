import { getModel, modelNameForKind, modelNameOfRef, schemaRefPrefix } from './model-table.loader';
import { resourcePaths, type ResourceSchemaNames } from './openapi-v3-operations.builder';
import type { GroupVersionKind, OpenApiResource, OpenApiSchema, OpenApiV3Document } from './openapi.types';

const meta = 'io.k8s.apimachinery.pkg.apis.meta.v1';

/**
 * The OpenAPI v3 document of one group-version (`v1` or `apps/v1`), as served at /openapi/v3/apis/apps/v1:
 * paths for every resource, each operation tagged with its x-kubernetes-group-version-kind, and
 * components.schemas holding every model those paths reach. Built-in kinds come from models.json (by
 * `model`, else by GVK); a resource with a `schema` (a CRD version) gets a component named upstream-style
 * (`com.example.v1.Widget`) plus its list. Pure: call through OpenApiV3DocumentCache to serve it.
 */
export function openApiV3Document(groupVersion: string, resources: OpenApiResource[]): OpenApiV3Document {
  const schemas: Record<string, OpenApiSchema> = {};
  const paths: OpenApiV3Document['paths'] = {};
  for (const resource of resources) {
    const names = schemaNamesOf(resource, schemas);
    if (!names) continue;
    Object.assign(paths, resourcePaths(resource, names, (gvk) => modelNameForKind(gvk)));
  }
  addReferencedModels(paths, schemas);
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.35.0' },
    paths,
    components: { schemas: sortedByName(schemas) },
  };
}

/** Component names of a resource's kind and list; adds CRD components to `schemas`. Undefined: no schema. */
function schemaNamesOf(resource: OpenApiResource, schemas: Record<string, OpenApiSchema>): ResourceSchemaNames | undefined {
  const gvk = { group: resource.group, version: resource.version, kind: resource.kind };
  if (resource.schema) return addCustomResource(gvk, resource.schema, schemas);
  const kind = resource.model ?? modelNameForKind(gvk);
  if (!kind || !getModel(kind)) return undefined;
  const list = modelNameForKind({ ...gvk, kind: `${gvk.kind}List` }) ?? kind;
  return { kind, list };
}

/** A CRD version's schema as upstream publishes it: apiVersion, kind, metadata added, GVK-tagged, with a list. */
function addCustomResource(gvk: GroupVersionKind, schema: OpenApiSchema, schemas: Record<string, OpenApiSchema>): ResourceSchemaNames {
  const prefix = `${gvk.group.split('.').reverse().join('.')}.${gvk.version}`;
  const names = { kind: `${prefix}.${gvk.kind}`, list: `${prefix}.${gvk.kind}List` };
  schemas[names.kind] = {
    ...schema,
    type: 'object',
    properties: { ...schema.properties, ...typeMetaProperties(), metadata: refTo(`${meta}.ObjectMeta`, 'Standard object\'s metadata.') },
    'x-kubernetes-group-version-kind': [gvk],
  };
  schemas[names.list] = {
    description: `${gvk.kind}List is a list of ${gvk.kind}`,
    type: 'object',
    required: ['items'],
    properties: {
      ...typeMetaProperties(),
      items: { type: 'array', items: { $ref: schemaRefPrefix + names.kind } },
      metadata: refTo(`${meta}.ListMeta`, 'Standard list metadata.'),
    },
    'x-kubernetes-group-version-kind': [{ ...gvk, kind: `${gvk.kind}List` }],
  };
  return names;
}

function typeMetaProperties(): Record<string, OpenApiSchema> {
  const apiVersion = getModel(`${meta}.Status`)?.properties?.apiVersion ?? { type: 'string' };
  const kind = getModel(`${meta}.Status`)?.properties?.kind ?? { type: 'string' };
  return { apiVersion, kind };
}

function refTo(name: string, description: string): OpenApiSchema {
  return { allOf: [{ $ref: schemaRefPrefix + name }], description };
}

/** Copies into `schemas` every model reachable by `$ref` from the paths and the schemas already there. */
function addReferencedModels(paths: OpenApiV3Document['paths'], schemas: Record<string, OpenApiSchema>): void {
  const pending = [...collectRefs(paths), ...Object.values(schemas).flatMap((schema) => collectRefs(schema))];
  while (pending.length) {
    const name = pending.pop()!;
    if (schemas[name]) continue;
    const model = getModel(name);
    if (!model) continue;
    schemas[name] = withFieldDescriptions(model);
    pending.push(...collectRefs(model));
  }
}

function collectRefs(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => collectRefs(item, found));
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') found.push(modelNameOfRef(child));
      else collectRefs(child, found);
    }
  }
  return found;
}

/**
 * client-node drops the descriptions of fields that refer to a model; `kubectl explain` prints a field's
 * description, so such fields get the referenced model's (wrapped in allOf, as upstream does).
 */
function withFieldDescriptions(model: OpenApiSchema): OpenApiSchema {
  if (!model.properties) return model;
  const properties: Record<string, OpenApiSchema> = {};
  for (const [field, property] of Object.entries(model.properties)) {
    const description = property.$ref && !property.description ? getModel(modelNameOfRef(property.$ref))?.description : undefined;
    properties[field] = description ? { allOf: [{ $ref: property.$ref! }], description } : property;
  }
  return { ...model, properties };
}

function sortedByName<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
