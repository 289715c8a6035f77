import { DynamicModule, Module } from '@nestjs/common';
import { DrydockGraphqlModule, DrydockGraphqlOptions } from '@drydock/graphql';

/**
 * The API server's Nest module: GraphQL on /graphql. The Kubernetes API does not pass through Nest: its requests go
 * straight to the router (http/request-dispatch.ts); GraphQL reaches the router in-process (InProcessTransport).
 */
@Module({})
export class ApiServerModule {
  static forRoot(graphql: DrydockGraphqlOptions): DynamicModule {
    return { module: ApiServerModule, imports: [DrydockGraphqlModule.forRoot(graphql)] };
  }
}
