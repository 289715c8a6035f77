import { DynamicModule, Module } from '@nestjs/common';
import { DrydockGraphqlModule, DrydockGraphqlOptions } from '@drydock/graphql';
import { KubeRouter } from './http/kube-router';
import { KubeApiController } from './kube-api.controller';

/** The API server's Nest module: the Kubernetes API controller wired to an already built router, and GraphQL on /graphql. */
@Module({})
export class ApiServerModule {
  static forRoot(router: KubeRouter, graphql: DrydockGraphqlOptions): DynamicModule {
    return { module: ApiServerModule, imports: [DrydockGraphqlModule.forRoot(graphql)], controllers: [KubeApiController], providers: [{ provide: KubeRouter, useValue: router }] };
  }
}
