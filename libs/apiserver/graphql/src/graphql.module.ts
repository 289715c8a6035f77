import { DynamicModule, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError } from 'graphql';
import type { NamespaceDirectory } from './access/access-reviewer';
import { GraphqlAuthService } from './auth/graphql-auth.service';
import { GraphqlHttpMiddleware, GraphqlRequest } from './auth/graphql-http.middleware';
import { formatGraphqlError } from './errors/graphql-error.mapper';
import type { GraphqlContext } from './graphql-context';
import { GRAPHQL_PATH } from './graphql-ws.handler';
import { KubeApiClient, LoopbackTarget } from './kube/kube-api.client';
import type { KubeTransport } from './kube/kube-transport';
import { assertComplexity, depthLimitRule } from './limits/query-limits';
import { JSONScalar } from './models/json.scalar';
import { GRAPHQL_PROVIDERS } from './graphql.providers';
import { COMPONENT_METRICS, type ComponentMetricsReader } from './services/control-plane.service';
import { KindSource, LiveSchema } from './kinds/live-schema';

export interface DrydockGraphqlOptions {
  /** The API server's REST request chain, in-process: every GraphQL read and write is a REST request as the caller. */
  transport: KubeTransport;
  /** The API server's own address and CA, for exec's WebSocket (absent: no exec). */
  websocket?: LoopbackTarget;
  /** Where a caller who may not list namespaces may go (the namespace pickers; all-namespaces lists and watches). */
  namespaceDirectory?: NamespaceDirectory;
  /** The served kinds (the API server's registry): their generated part of the schema follows it (LiveSchema). */
  kinds?: KindSource;
  /** Told when the kinds' schema cannot be built (the last good one stays served). */
  onSchemaError?: (error: unknown) => void;
  /** The control-plane components' current metrics, for the controlPlane query (none: figures from the API only). */
  componentMetrics?: ComponentMetricsReader;
}

/** Never reached through the middleware; a request that skipped it gets no context, so nothing runs. */
function unauthenticated(): never {
  throw new GraphQLError('Unauthorized', { extensions: { code: 'Unauthorized', status: 401, http: { status: 401 } } });
}

/** Reports how many REST requests an operation cost (`extensions.apiRequests`), and refuses over-complex operations. */
const drydockPlugin: ApolloServerPlugin<GraphqlContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ schema, document, request }) {
        assertComplexity(schema, document, request.variables, request.operationName);
      },
      async willSendResponse({ response, contextValue }) {
        // What Apollo's cache-control plugin answered for our hint-less schema, without its per-field hook
        // (which made every field of a 10,000-pod list pay for hints no type has).
        if (!response.http.headers.has('cache-control')) response.http.headers.set('cache-control', 'no-store');
        if (response.body.kind === 'single' && contextValue?.kube) response.body.singleResult.extensions = { ...response.body.singleResult.extensions, apiRequests: contextValue.kube.requests };
      },
    };
  },
};

/** GraphQL on /graphql (code-first): resolvers over the REST API as the caller; graphql-ws is attached by the server (createGraphqlWsHandler). */
@Module({})
export class DrydockGraphqlModule implements NestModule {
  static forRoot(options: DrydockGraphqlOptions): DynamicModule {
    const api = new KubeApiClient(options.transport, options.websocket);
    const live = new LiveSchema(options.kinds, options.onSchemaError);
    return {
      module: DrydockGraphqlModule,
      imports: [
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          path: GRAPHQL_PATH,
          autoSchemaFile: true,
          transformSchema: live.setBase,
          sortSchema: true,
          playground: false,
          introspection: true,
          resolvers: { JSON: JSONScalar },
          context: ({ req }: { req: GraphqlRequest }) => req.graphqlContext ?? unauthenticated(),
          validationRules: [depthLimitRule()],
          formatError: formatGraphqlError,
          includeStacktraceInErrorResponses: false,
          plugins: [drydockPlugin, ApolloServerPluginCacheControlDisabled()],
          stopOnTerminationSignals: false,
          // Not in ApolloDriverConfig's type, but passed to ApolloServer as is: the schema Apollo serves is LiveSchema's.
          ...({ gateway: live } as object),
        }),
      ],
      providers: [...GRAPHQL_PROVIDERS, { provide: KubeApiClient, useValue: api }, { provide: LiveSchema, useValue: live }, { provide: COMPONENT_METRICS, useValue: options.componentMetrics }, { provide: GraphqlAuthService, useValue: new GraphqlAuthService(api, options.namespaceDirectory) }, GraphqlHttpMiddleware],
      exports: [GraphqlAuthService, LiveSchema],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(GraphqlHttpMiddleware).forRoutes({ path: GRAPHQL_PATH.slice(1), method: RequestMethod.ALL });
  }
}
