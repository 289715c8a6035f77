import { GraphQLFieldConfigMap, GraphQLObjectType, GraphQLScalarType, GraphQLSchema } from 'graphql';
import { modelNameOfRef, openApiV3Document, type OpenApiResource, type OpenApiSchema } from '@drydock/openapi';
import type { GraphqlContext } from '../graphql-context';
import { JSONScalar } from '../models/json.scalar';
import { typeNameOfModel } from './kind-names';
import type { KindEntry } from './kind-entry';
import { kindMutations } from './kind-mutations.builder';
import { kindQueries } from './kind-queries.builder';
import { kindSubscriptions } from './kind-subscriptions.builder';
import { KindDecoration, KindTypesBuilder } from './kind-types.builder';
import { KindCatalog } from './kind-catalog';
import { relationFields } from './kind-relations';

const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/**
 * The generated part of the schema: for every served resource with a model (built-in kinds from the
 * registry's OpenAPI models, CRD versions from their openAPIV3Schema), its types and its root fields.
 * The models are read from the same OpenAPI v3 components the API server publishes, so the graph and
 * `kubectl explain` describe one thing.
 */
export function buildKindsSchema(resources: OpenApiResource[], json: GraphQLScalarType = JSONScalar): GraphQLSchema {
  const components = componentsOf(resources);
  const byKind = componentsByKind(components);
  const types = new KindTypesBuilder((name) => components[name], json);
  const query: GraphQLFieldConfigMap<unknown, GraphqlContext> = {};
  const mutation: GraphQLFieldConfigMap<unknown, GraphqlContext> = {};
  const subscription: GraphQLFieldConfigMap<unknown, GraphqlContext> = {};
  const seen = new Set<string>();
  const catalog = new KindCatalog(types.outputOfModel(OBJECT_META));
  types.decorate = (typeName, schema) => (catalog.byType.has(typeName) ? decoration(typeName, schema, catalog, json) : undefined);
  for (const resource of resources) {
    const gvk = `${resource.group}/${resource.version}/${resource.kind}`;
    const kindModel = byKind.get(gvk);
    const listModel = byKind.get(`${gvk}List`);
    // One entry per kind: a kind served under two resources (none today) keeps the first.
    if (!kindModel || seen.has(gvk)) continue;
    seen.add(gvk);
    const entry: KindEntry = {
      ref: { group: resource.group, version: resource.version, resource: resource.resource, kind: resource.kind, namespaced: resource.namespaced },
      typeName: typeNameOfModel(kindModel),
      verbs: new Set(resource.verbs ?? ALL_VERBS),
      object: types.outputOfModel(kindModel),
      list: listModel ? types.outputOfModel(listModel) : undefined,
      input: types.inputOfModel(kindModel),
    };
    if (!(entry.object instanceof GraphQLObjectType)) continue;
    catalog.add(entry);
    Object.assign(query, kindQueries(entry));
    Object.assign(mutation, kindMutations(entry, json));
    Object.assign(subscription, kindSubscriptions(entry));
  }
  return new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: query }),
    mutation: Object.keys(mutation).length ? new GraphQLObjectType({ name: 'Mutation', fields: mutation }) : undefined,
    subscription: Object.keys(subscription).length ? new GraphQLObjectType({ name: 'Subscription', fields: subscription }) : undefined,
    types: [...types.namedTypes(), catalog.objectInterface],
  });
}

/**
 * A kind with apiVersion, kind and metadata is a KubeObject (relations can point at it); every kind gets its
 * relations and `raw`, the whole object as the API answered (a YAML view or a dry run's diff needs every field
 * without naming each).
 */
function decoration(typeName: string, schema: OpenApiSchema, catalog: KindCatalog, json: GraphQLScalarType): KindDecoration {
  const properties = schema.properties ?? {};
  const metadata = properties.metadata;
  const metadataRef = metadata?.$ref ?? metadata?.allOf?.[0]?.$ref;
  const isObject = properties.apiVersion?.type === 'string' && properties.kind?.type === 'string' && metadataRef !== undefined && modelNameOfRef(metadataRef) === OBJECT_META;
  if (!isObject) return { interfaces: [], fields: {} };
  const raw: KindDecoration['fields'][string] = { type: json, description: 'The whole object as the API returned it, JSON names and all.', resolve: (object) => object };
  return { interfaces: [catalog.objectInterface], fields: { ...(relationFields(typeName, catalog) as KindDecoration['fields']), raw } };
}

let builtinComponents: { key: string; schemas: Record<string, OpenApiSchema> } | undefined;

/**
 * The OpenAPI components of these resources. The built-in kinds' part is the same for the process's life and
 * costs most of a rebuild (hundreds of ms), so it is computed once and a CRD change only adds its own models:
 * a CRD is queryable soon after it is established. Both parts come from the same model definitions, so a
 * model both name (ObjectMeta, …) is the same.
 */
function componentsOf(resources: OpenApiResource[]): Record<string, OpenApiSchema> {
  const builtins = resources.filter((resource) => !resource.schema);
  const key = builtins.map((resource) => `${resource.group}/${resource.version}/${resource.resource}/${resource.kind}/${resource.model ?? ''}/${resource.verbs?.join(',') ?? ''}`).join('|');
  if (builtinComponents?.key !== key) builtinComponents = { key, schemas: openApiV3Document('', builtins).components.schemas };
  const custom = resources.filter((resource) => resource.schema);
  return custom.length ? { ...builtinComponents.schemas, ...openApiV3Document('', custom).components.schemas } : builtinComponents.schemas;
}

/** Component name by `group/version/kind` (x-kubernetes-group-version-kind), for kinds and their lists. */
function componentsByKind(components: Record<string, OpenApiSchema>): Map<string, string> {
  const found = new Map<string, string>();
  for (const [name, schema] of Object.entries(components)) {
    for (const gvk of schema['x-kubernetes-group-version-kind'] ?? []) if (!found.has(`${gvk.group}/${gvk.version}/${gvk.kind}`)) found.set(`${gvk.group}/${gvk.version}/${gvk.kind}`, name);
  }
  return found;
}
