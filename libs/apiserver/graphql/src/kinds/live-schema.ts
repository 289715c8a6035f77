import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import { GraphQLNamedType, GraphQLObjectType, GraphQLScalarType, GraphQLSchema } from 'graphql';
import type { OpenApiResource } from '@drydock/openapi';
import { buildKindsSchema, KindsSchemaCache } from './kinds-schema.builder';

type GatewayInterface = ApolloServerOptionsWithGateway<never>['gateway'];
type GatewaySchemaLoadOrUpdateCallback = Parameters<GatewayInterface['onSchemaLoadOrUpdate']>[0];

/** The served resources and a number that moves whenever they change (the registry: CRDs come and go). */
export interface KindSource {
  all(): OpenApiResource[];
  readonly version: number;
}

/**
 * The schema /graphql serves: the code-first dashboard schema (Nest builds it once) merged with the
 * schema generated from the registry's kinds, rebuilt when the registry's version moves. It is
 * Apollo's gateway (Apollo's one way to swap a running server's schema, executed by graphql-js as
 * usual: `executor: null`); the HTTP middleware and the graphql-ws handler ask `current()` before
 * each operation, so a CRD's kind is queryable by the next request after it is served, without a restart.
 */
export class LiveSchema implements GatewayInterface {
  private base?: GraphQLSchema;
  private schema?: GraphQLSchema;
  private builtFrom = -1;
  private readonly cache = new KindsSchemaCache();
  private readonly listeners = new Set<GatewaySchemaLoadOrUpdateCallback>();

  constructor(
    private readonly kinds?: KindSource,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  /** Nest's transformSchema hook: the code-first schema, merged with the kinds from now on. */
  setBase = (schema: GraphQLSchema): GraphQLSchema => {
    this.base = schema;
    this.builtFrom = -1;
    return schema;
  };

  /** The schema to run an operation against, rebuilt first when the served kinds changed. */
  current(): GraphQLSchema {
    if (!this.base) throw new Error('the GraphQL schema is not built yet');
    if (!this.kinds) return this.base;
    if (this.kinds.version !== this.builtFrom || !this.schema) this.rebuild(this.base, this.kinds);
    return this.schema ?? this.base;
  }

  /** The served resources the generated part describes (the dashboard's kinds index). */
  servedKinds(): OpenApiResource[] {
    return this.kinds?.all() ?? [];
  }

  async load(): Promise<{ schema: GraphQLSchema; executor: null }> {
    const schema = this.current();
    this.announce(schema);
    return { schema, executor: null };
  }

  onSchemaLoadOrUpdate(callback: GatewaySchemaLoadOrUpdateCallback): () => void {
    this.listeners.add(callback);
    return () => this.listeners.delete(callback);
  }

  async stop(): Promise<void> {
    this.listeners.clear();
  }

  private rebuild(base: GraphQLSchema, kinds: KindSource): void {
    this.builtFrom = kinds.version;
    try {
      const json = base.getType('JSON');
      this.schema = mergeKinds(base, buildKindsSchema(kinds.all(), json instanceof GraphQLScalarType ? json : undefined, this.cache));
    } catch (error) {
      // A CRD schema the graph cannot hold must not take the dashboard's schema down: keep the last good one.
      this.onError(error);
      this.schema ??= base;
    }
    this.announce(this.schema);
  }

  private announce(schema: GraphQLSchema): void {
    for (const listener of this.listeners) listener({ apiSchema: schema, coreSupergraphSdl: '' });
  }
}

/**
 * The dashboard's schema with the generated kinds beside it: one schema whose root types hold both
 * sets of root fields (where a name is taken, the dashboard's stays) and whose types are both sets.
 * graphql-js's own toConfig keeps every resolver, scalar and field extension (complexity) as built;
 * (@graphql-tools' mergeSchemas round-trips through SDL and took over a second for the ~800 types.)
 */
export function mergeKinds(base: GraphQLSchema, kinds: GraphQLSchema): GraphQLSchema {
  const roots = new Set([base.getQueryType(), base.getMutationType(), base.getSubscriptionType(), kinds.getQueryType(), kinds.getMutationType(), kinds.getSubscriptionType()]);
  const types = new Map<string, GraphQLNamedType>();
  for (const type of [...Object.values(base.getTypeMap()), ...Object.values(kinds.getTypeMap())]) {
    if (roots.has(type as GraphQLObjectType) || type.name.startsWith('__')) continue;
    const known = types.get(type.name);
    if (known && known !== type) throw new Error(`the generated type ${type.name} has the name of another type of the schema`);
    types.set(type.name, type);
  }
  return new GraphQLSchema({
    query: mergeRoot(base.getQueryType(), kinds.getQueryType()),
    mutation: mergeRoot(base.getMutationType(), kinds.getMutationType()),
    subscription: mergeRoot(base.getSubscriptionType(), kinds.getSubscriptionType()),
    types: [...types.values()],
    directives: base.getDirectives(),
  });
}

function mergeRoot(base: GraphQLObjectType | null | undefined, kinds: GraphQLObjectType | null | undefined): GraphQLObjectType | undefined {
  if (!base || !kinds) return base ?? kinds ?? undefined;
  const config = base.toConfig();
  return new GraphQLObjectType({ ...config, fields: { ...kinds.toConfig().fields, ...config.fields } });
}
