import { All, Controller, Inject, Req, Res } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { KubeRouter } from './http/kube-router';

/** Every path of the Kubernetes API goes through the one request pipeline in KubeRouter. */
@Controller()
export class KubeApiController {
  constructor(@Inject(KubeRouter) private readonly router: KubeRouter) {}

  @All(['/', '*path'])
  handle(@Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    return this.router.handle(req, res);
  }
}
