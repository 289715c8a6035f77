import { Context, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphqlContext } from '../graphql-context';
import { Namespace } from '../models/cluster.model';

@Resolver(() => Namespace)
export class NamespaceResolver {
  @ResolveField(() => Int)
  async podCount(@Parent() namespace: Namespace, @Context() ctx: GraphqlContext): Promise<number> {
    return (await ctx.loader.podCountsByNamespace()).get(namespace.name) ?? 0;
  }
}
