import { Context, Query, Resolver } from '@nestjs/graphql';
import type { GraphqlContext } from '../graphql-context';
import { ControlPlane } from '../models/control-plane.model';
import { ControlPlaneService } from '../services/control-plane.service';

@Resolver()
export class ControlPlaneResolver {
  constructor(private readonly controlPlaneService: ControlPlaneService) {}

  @Query(() => ControlPlane, { description: "the control plane as parts: each component's static pod, leader Lease and current work" })
  controlPlane(@Context() ctx: GraphqlContext): Promise<ControlPlane> {
    return this.controlPlaneService.controlPlane(ctx);
  }
}
