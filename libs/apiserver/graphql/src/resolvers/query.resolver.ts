import { Args, Context, Int, Query, Resolver } from '@nestjs/graphql';
import { resources } from '@drydock/client';
import type { GraphqlContext } from '../graphql-context';
import { workloadResources } from '../kube/kube-kinds';
import { ClusterSummary, Namespace } from '../models/cluster.model';
import { User } from '../models/common.model';
import { Event, EventFilter } from '../models/event.model';
import { Node } from '../models/node.model';
import { Pod, PodColumns } from '../models/pod.model';
import { toNamespace, toNode, toPod, toPodColumns, toWorkload } from '../models/to-model';
import { Revision, Workload, WorkloadKind } from '../models/workload.model';
import { ClusterReadService } from '../services/cluster-read.service';

/** The root queries: parse arguments, delegate to ClusterReadService, map to the GraphQL types. */
@Resolver()
export class QueryResolver {
  constructor(private readonly read: ClusterReadService) {}

  @Query(() => User)
  me(@Context() ctx: GraphqlContext): User {
    return ctx.user;
  }

  @Query(() => ClusterSummary)
  clusterSummary(@Context() ctx: GraphqlContext, @Args('problemLimit', { type: () => Int, defaultValue: 100, description: 'at most this many problems' }) problemLimit: number): Promise<ClusterSummary> {
    return this.read.summary(ctx, problemLimit);
  }

  @Query(() => [Namespace], { description: 'every namespace for a caller who may list them; otherwise the namespaces the caller may list pods in' })
  async namespaces(@Context() ctx: GraphqlContext): Promise<Namespace[]> {
    ctx.loader.widen();
    return (await ctx.access.reachableNamespaces()).map(toNamespace);
  }

  @Query(() => [Node])
  async nodes(@Context() ctx: GraphqlContext): Promise<Node[]> {
    ctx.loader.widen();
    return (await ctx.loader.list(resources.nodes)).map(toNode);
  }

  @Query(() => Node, { nullable: true })
  async node(@Context() ctx: GraphqlContext, @Args('name') name: string): Promise<Node | null> {
    const node = await ctx.kube.get(resources.nodes, undefined, name);
    return node ? toNode(node) : null;
  }

  @Query(() => [Pod])
  async pods(
    @Context() ctx: GraphqlContext,
    @Args('namespace', { nullable: true }) namespace?: string,
    @Args('labelSelector', { nullable: true }) labelSelector?: string,
    @Args('fieldSelector', { nullable: true }) fieldSelector?: string,
    @Args('search', { nullable: true }) search?: string,
  ): Promise<Pod[]> {
    return (await this.read.pods(ctx, { namespace, labelSelector, fieldSelector, search })).map(toPod);
  }

  @Query(() => PodColumns, { description: 'the pods `pods` answers with the same arguments, as columns: for clients that read every pod (the overview)' })
  async podColumns(
    @Context() ctx: GraphqlContext,
    @Args('namespace', { nullable: true }) namespace?: string,
    @Args('labelSelector', { nullable: true }) labelSelector?: string,
    @Args('fieldSelector', { nullable: true }) fieldSelector?: string,
    @Args('search', { nullable: true }) search?: string,
  ): Promise<PodColumns> {
    return toPodColumns(await this.read.pods(ctx, { namespace, labelSelector, fieldSelector, search }));
  }

  @Query(() => Pod, { nullable: true })
  async pod(@Context() ctx: GraphqlContext, @Args('namespace') namespace: string, @Args('name') name: string): Promise<Pod | null> {
    const pod = await ctx.kube.get(resources.pods, namespace, name);
    return pod ? toPod(pod) : null;
  }

  @Query(() => [Workload])
  async workloads(
    @Context() ctx: GraphqlContext,
    @Args('kind', { type: () => WorkloadKind, nullable: true }) kind?: WorkloadKind,
    @Args('namespace', { nullable: true }) namespace?: string,
    @Args('labelSelector', { nullable: true }) labelSelector?: string,
    @Args('search', { nullable: true }) search?: string,
  ): Promise<Workload[]> {
    return (await this.read.workloads(ctx, { kind, namespace, labelSelector, search })).map(({ kind: k, object }) => toWorkload(k, object));
  }

  @Query(() => Workload, { nullable: true })
  async workload(@Context() ctx: GraphqlContext, @Args('kind', { type: () => WorkloadKind }) kind: WorkloadKind, @Args('namespace') namespace: string, @Args('name') name: string): Promise<Workload | null> {
    const object = await ctx.kube.get(workloadResources[kind], namespace, name);
    return object ? toWorkload(kind, object) : null;
  }

  @Query(() => [Event], { description: 'newest first' })
  events(@Context() ctx: GraphqlContext, @Args('filter', { type: () => EventFilter, nullable: true }) filter?: EventFilter): Promise<Event[]> {
    return this.read.events(ctx, filter ?? {});
  }

  @Query(() => [Revision], { description: 'Deployment revisions, oldest first' })
  rolloutHistory(@Context() ctx: GraphqlContext, @Args('namespace') namespace: string, @Args('name') name: string): Promise<Revision[]> {
    return this.read.rolloutHistory(ctx, namespace, name);
  }
}

