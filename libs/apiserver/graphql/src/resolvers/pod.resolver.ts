import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { resources } from '@drydock/client';
import type { GraphqlContext } from '../graphql-context';
import { ObjectRef } from '../models/common.model';
import { Event } from '../models/event.model';
import { JSONScalar } from '../models/json.scalar';
import { Node } from '../models/node.model';
import { Pod, SchedulingInfo } from '../models/pod.model';
import { toNode } from '../models/to-model';
import { LIST_COMPLEXITY } from '../limits/query-limits';
import { schedulingView } from '../presenters/scheduling.presenter';
import { ClusterReadService } from '../services/cluster-read.service';
import { manifestOf, yamlOf } from './manifest';

@Resolver(() => Pod)
export class PodResolver {
  constructor(private readonly read: ClusterReadService) {}

  @ResolveField(() => [ObjectRef], { description: 'nearest first: ReplicaSet, Deployment …' })
  ownerChain(@Parent() pod: Pod, @Context() ctx: GraphqlContext): Promise<ObjectRef[]> {
    return ctx.loader.ownerChain(pod.raw);
  }

  @ResolveField(() => Node, { nullable: true })
  async node(@Parent() pod: Pod, @Context() ctx: GraphqlContext): Promise<Node | null> {
    if (!pod.nodeName) return null;
    const node = (await ctx.loader.list(resources.nodes)).find((n) => n.metadata.name === pod.nodeName);
    return node ? toNode(node) : null;
  }

  @ResolveField(() => [Event], LIST_COMPLEXITY)
  events(@Parent() pod: Pod, @Context() ctx: GraphqlContext): Promise<Event[]> {
    return this.read.eventsAbout(ctx, new Set([pod.uid]), pod.namespace);
  }

  @ResolveField(() => SchedulingInfo, { nullable: true, description: 'non-null when the pod is unscheduled' })
  async scheduling(@Parent() pod: Pod, @Context() ctx: GraphqlContext): Promise<SchedulingInfo | null> {
    if (pod.nodeName || pod.phase !== 'Pending') return null;
    const failed = (await this.read.eventsAbout(ctx, new Set([pod.uid]), pod.namespace)).find((e) => e.reason === 'FailedScheduling');
    return schedulingView(pod.raw, failed?.message);
  }

  @ResolveField(() => JSONScalar)
  manifest(@Parent() pod: Pod): Record<string, unknown> {
    return manifestOf(pod.raw);
  }

  @ResolveField(() => String)
  yaml(@Parent() pod: Pod): string {
    return yamlOf(pod.raw);
  }
}
