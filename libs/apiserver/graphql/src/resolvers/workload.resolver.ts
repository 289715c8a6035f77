import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphqlContext } from '../graphql-context';
import { ObjectRef } from '../models/common.model';
import { Event } from '../models/event.model';
import { JSONScalar } from '../models/json.scalar';
import { Pod } from '../models/pod.model';
import { toPod, toWorkload } from '../models/to-model';
import { Revision, RolloutState, Workload } from '../models/workload.model';
import { LIST_COMPLEXITY } from '../limits/query-limits';
import { rolloutState } from '../presenters/workload.presenter';
import { ClusterReadService } from '../services/cluster-read.service';
import { manifestOf, yamlOf } from './manifest';

@Resolver(() => Workload)
export class WorkloadResolver {
  constructor(private readonly read: ClusterReadService) {}

  @ResolveField(() => [ObjectRef])
  ownerChain(@Parent() workload: Workload, @Context() ctx: GraphqlContext): Promise<ObjectRef[]> {
    return ctx.loader.ownerChain(workload.raw);
  }

  @ResolveField(() => [Workload], { ...LIST_COMPLEXITY, description: 'Deployment → ReplicaSets, CronJob → Jobs' })
  async children(@Parent() workload: Workload, @Context() ctx: GraphqlContext): Promise<Workload[]> {
    return (await ctx.loader.childrenOf(workload.kind, workload.raw)).map(({ kind, object }) => toWorkload(kind, object));
  }

  @ResolveField(() => [Pod], LIST_COMPLEXITY)
  async pods(@Parent() workload: Workload, @Context() ctx: GraphqlContext): Promise<Pod[]> {
    return (await ctx.loader.podsOf(workload.kind, workload.raw)).map(toPod);
  }

  @ResolveField(() => [Event], { ...LIST_COMPLEXITY, description: 'related = children and pods, newest first' })
  async events(@Parent() workload: Workload, @Context() ctx: GraphqlContext, @Args('includeRelated', { type: () => Boolean, nullable: true, defaultValue: true }) includeRelated: boolean | null): Promise<Event[]> {
    const uids = new Set([workload.uid]);
    if (includeRelated !== false) {
      for (const child of await ctx.loader.childrenOf(workload.kind, workload.raw)) uids.add(child.object.metadata.uid ?? '');
      for (const pod of await ctx.loader.podsOf(workload.kind, workload.raw)) uids.add(pod.metadata.uid ?? '');
    }
    return this.read.eventsAbout(ctx, uids, workload.namespace);
  }

  @ResolveField(() => RolloutState, { nullable: true, description: 'Deployments only' })
  async rollout(@Parent() workload: Workload, @Context() ctx: GraphqlContext): Promise<RolloutState | null> {
    if (workload.kind !== 'Deployment') return null;
    return rolloutState(workload.raw, (await ctx.loader.childrenOf('Deployment', workload.raw)).map((child) => child.object));
  }

  @ResolveField(() => [Revision], { description: 'Deployments only, oldest first' })
  history(@Parent() workload: Workload, @Context() ctx: GraphqlContext): Promise<Revision[]> | Revision[] {
    return workload.kind === 'Deployment' ? this.read.history(ctx, workload.raw) : [];
  }

  @ResolveField(() => JSONScalar)
  manifest(@Parent() workload: Workload): Record<string, unknown> {
    return manifestOf(workload.raw);
  }

  @ResolveField(() => String)
  yaml(@Parent() workload: Workload): string {
    return yamlOf(workload.raw);
  }
}
