import { Context, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphqlContext } from '../graphql-context';
import { Resources } from '../models/common.model';
import { Event } from '../models/event.model';
import { JSONScalar } from '../models/json.scalar';
import { Node } from '../models/node.model';
import { Pod } from '../models/pod.model';
import { toPod } from '../models/to-model';
import { LIST_COMPLEXITY } from '../limits/query-limits';
import { isPodTerminal, podResources } from '../presenters/pod.presenter';
import { addResources, zeroResources } from '../presenters/resource-amounts';
import { ClusterReadService } from '../services/cluster-read.service';
import { manifestOf, yamlOf } from './manifest';

/** Node fields that need the node's pods or events: all served from the request's one pod list and one event list. */
@Resolver(() => Node)
export class NodeResolver {
  constructor(private readonly read: ClusterReadService) {}

  @ResolveField(() => [Pod], { ...LIST_COMPLEXITY, description: 'one pod list per request, grouped by node' })
  async pods(@Parent() node: Node, @Context() ctx: GraphqlContext): Promise<Pod[]> {
    return (await ctx.loader.podsOnNode(node.name)).map(toPod);
  }

  @ResolveField(() => Int)
  async podCount(@Parent() node: Node, @Context() ctx: GraphqlContext): Promise<number> {
    return (await ctx.loader.podsOnNode(node.name)).filter((pod) => !isPodTerminal(pod)).length;
  }

  @ResolveField(() => Resources, { description: "sum of requests of the node's non-terminal pods" })
  requested(@Parent() node: Node, @Context() ctx: GraphqlContext): Promise<Resources> {
    return this.sum(node, ctx, 'requests');
  }

  @ResolveField(() => Resources)
  limits(@Parent() node: Node, @Context() ctx: GraphqlContext): Promise<Resources> {
    return this.sum(node, ctx, 'limits');
  }

  @ResolveField(() => [Event], LIST_COMPLEXITY)
  events(@Parent() node: Node, @Context() ctx: GraphqlContext): Promise<Event[]> {
    // The kubelet names a node's events after the node (its uid is the node's name), so both count.
    return this.read.eventsAbout(ctx, new Set([node.raw.metadata.uid ?? '', node.name]), undefined);
  }

  @ResolveField(() => JSONScalar)
  manifest(@Parent() node: Node): Record<string, unknown> {
    return manifestOf(node.raw);
  }

  @ResolveField(() => String)
  yaml(@Parent() node: Node): string {
    return yamlOf(node.raw);
  }

  private async sum(node: Node, ctx: GraphqlContext, which: 'requests' | 'limits'): Promise<Resources> {
    const total = zeroResources();
    for (const pod of await ctx.loader.podsOnNode(node.name)) if (!isPodTerminal(pod)) addResources(total, podResources(pod, which));
    return total;
  }
}
