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

type RootFields = GraphQLFieldConfigMap<unknown, GraphqlContext>;

interface KindsPart {
  query: RootFields;
  mutation: RootFields;
  subscription: RootFields;
  entries: KindEntry[];
}

interface BuiltinPart extends KindsPart {
  key: string;
  json: GraphQLScalarType;
  types: KindTypesBuilder;
  catalog: KindCatalog;
  /** The CRDs' entries of the last build, taken out of the catalog before the next one. */
  custom: KindEntry[];
}

/**
 * What one LiveSchema keeps between rebuilds: the built-in kinds' types, root fields and catalog, built
 * once (~1,000 types: most of a rebuild). A CRD change then builds only the CRDs' types, in a builder of
 * their own that takes every built-in model (ObjectMeta …) from the kept one, so the schema has one type
 * per name. One per LiveSchema (each sandbox cluster has its own CRDs in the shared catalog).
 */
export class KindsSchemaCache {
  builtin?: BuiltinPart;
}

/**
 * The generated part of the schema: for every served resource with a model (built-in kinds from the
 * registry's OpenAPI models, CRD versions from their openAPIV3Schema), its types and its root fields.
 * The models are read from the same OpenAPI v3 components the API server publishes, so the graph and
 * `kubectl explain` describe one thing.
 */
export function buildKindsSchema(resources: OpenApiResource[], json: GraphQLScalarType = JSONScalar, cache = new KindsSchemaCache()): GraphQLSchema {
  const builtin = builtinPart(resources.filter((resource) => !resource.schema), json, cache);
  const { catalog } = builtin;
  for (const entry of builtin.custom) catalog.remove(entry);
  const customResources = resources.filter((resource) => resource.schema);
  const components = customResources.length ? openApiV3Document('', customResources).components.schemas : {};
  const types = new KindTypesBuilder((name) => components[name], json, builtin.types);
  types.decorate = builtin.types.decorate;
  const custom = addKinds(customResources, components, types, catalog, json, new Set(builtin.entries.map((entry) => `${entry.ref.group}/${entry.ref.version}/${entry.ref.kind}`)));
  builtin.custom = custom.entries;
  const query = { ...builtin.query, ...custom.query };
  const mutation = { ...builtin.mutation, ...custom.mutation };
  const subscription = { ...builtin.subscription, ...custom.subscription };
  return new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: query }),
    mutation: Object.keys(mutation).length ? new GraphQLObjectType({ name: 'Mutation', fields: mutation }) : undefined,
    subscription: Object.keys(subscription).length ? new GraphQLObjectType({ name: 'Subscription', fields: subscription }) : undefined,
    types: [...builtin.types.namedTypes(), ...types.namedTypes(), catalog.objectInterface],
  });
}

function builtinPart(resources: OpenApiResource[], json: GraphQLScalarType, cache: KindsSchemaCache): BuiltinPart {
  const key = resources.map((resource) => `${resource.group}/${resource.version}/${resource.resource}/${resource.kind}/${resource.model ?? ''}/${resource.verbs?.join(',') ?? ''}`).join('|');
  if (cache.builtin?.key === key && cache.builtin.json === json) return cache.builtin;
  const components = openApiV3Document('', resources).components.schemas;
  const types = new KindTypesBuilder((name) => components[name], json);
  const catalog = new KindCatalog(types.outputOfModel(OBJECT_META));
  types.decorate = (typeName, schema) => (catalog.byType.has(typeName) ? decoration(typeName, schema, catalog, json) : undefined);
  cache.builtin = { key, json, types, catalog, custom: [], ...addKinds(resources, components, types, catalog, json, new Set()) };
  return cache.builtin;
}

/** The types and root fields of these resources' kinds, each added to the catalog. */
function addKinds(resources: OpenApiResource[], components: Record<string, OpenApiSchema>, types: KindTypesBuilder, catalog: KindCatalog, json: GraphQLScalarType, seen: Set<string>): KindsPart {
  const byKind = componentsByKind(components);
  const part: KindsPart = { query: {}, mutation: {}, subscription: {}, entries: [] };
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
    part.entries.push(entry);
    Object.assign(part.query, kindQueries(entry));
    Object.assign(part.mutation, kindMutations(entry, json));
    Object.assign(part.subscription, kindSubscriptions(entry));
  }
  return part;
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

/** Component name by `group/version/kind` (x-kubernetes-group-version-kind), for kinds and their lists. */
function componentsByKind(components: Record<string, OpenApiSchema>): Map<string, string> {
  const found = new Map<string, string>();
  for (const [name, schema] of Object.entries(components)) {
    for (const gvk of schema['x-kubernetes-group-version-kind'] ?? []) if (!found.has(`${gvk.group}/${gvk.version}/${gvk.kind}`)) found.set(`${gvk.group}/${gvk.version}/${gvk.kind}`, name);
  }
  return found;
}
