import { All, Controller, Inject, Next, Req, Res } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isGraphqlPath } from '@drydock/graphql';
import { KubeRouter } from './http/kube-router';

/** Every path of the Kubernetes API goes through the one request pipeline in KubeRouter. */
@Controller()
export class KubeApiController {
  constructor(@Inject(KubeRouter) private readonly router: KubeRouter) {}

  @All(['/', '*path'])
  handle(@Req() req: IncomingMessage, @Res() res: ServerResponse, @Next() next: () => void): Promise<void> | void {
    // GraphQL's middleware is mounted after the routes (when its module starts): let it have /graphql.
    if (isGraphqlPath(req.url)) return next();
    return this.router.handle(req, res);
  }
}
