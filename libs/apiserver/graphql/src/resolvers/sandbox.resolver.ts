import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import type { GraphqlContext } from '../graphql-context';

const clusterPath = (name: string, subresource: string) => `/apis/drydock.dev/v1/clusters/${encodeURIComponent(name)}/${subresource}`;

/**
 * The sandbox clusters' lifecycle subresources for the dashboard's Clusters page (creating a Cluster or a
 * ClusterSnapshot is `applyManifests`, deleting one `deleteObject`; the lists are `kindTable`). Each is the
 * REST subresource as the caller, so RBAC decides (`create` on `clusters/reset`, `clusters/restore`).
 */
@Resolver()
export class SandboxResolver {
  @Mutation(() => Boolean, { description: 'POST clusters/NAME/reset: the sandbox cluster back to a fresh one; true once it is' })
  async resetCluster(@Context() ctx: GraphqlContext, @Args('name') name: string): Promise<boolean> {
    await ctx.kube.raw({ method: 'POST', path: clusterPath(name, 'reset'), body: {} });
    return true;
  }

  @Mutation(() => Boolean, { description: 'POST clusters/NAME/restore: the sandbox cluster back to one of its ClusterSnapshots; true once its objects are restored' })
  async restoreCluster(@Context() ctx: GraphqlContext, @Args('name') name: string, @Args('snapshot') snapshot: string): Promise<boolean> {
    await ctx.kube.raw({ method: 'POST', path: clusterPath(name, 'restore'), body: { snapshot } });
    return true;
  }
}
