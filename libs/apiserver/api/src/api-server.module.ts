import { DynamicModule, Module } from '@nestjs/common';
import { KubeRouter } from './http/kube-router';
import { KubeApiController } from './kube-api.controller';

/** The API server's Nest module: the Kubernetes API controller wired to an already built router. */
@Module({})
export class ApiServerModule {
  static forRoot(router: KubeRouter): DynamicModule {
    return { module: ApiServerModule, controllers: [KubeApiController], providers: [{ provide: KubeRouter, useValue: router }] };
  }
}
