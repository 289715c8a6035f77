import { Args, Context, Int, Resolver, Subscription } from '@nestjs/graphql';
import type { GraphqlContext } from '../graphql-context';
import { Event } from '../models/event.model';
import { LogLine, ObjectChange } from '../models/subscription.model';
import { WorkloadKind } from '../models/workload.model';
import { ChangeStreamService } from '../subscriptions/change-stream.service';
import { LogStreamService } from '../subscriptions/log-stream.service';

const identity = <T>(batch: T): T => batch;

/** Subscriptions: watches and log streams through the REST API as the caller, each batched into windows of at most 250 ms. */
@Resolver()
export class SubscriptionResolver {
  constructor(
    private readonly changes: ChangeStreamService,
    private readonly logs: LogStreamService,
  ) {}

  @Subscription(() => [ObjectChange], { resolve: identity, description: 'Batched: every change of a window of at most 250 ms in one message. kinds like Pod, Node, Deployment, ReplicaSet, Event, or group/version/Kind for any other kind' })
  objectChanges(@Context() ctx: GraphqlContext, @Args('kinds', { type: () => [String] }) kinds: string[], @Args('namespace', { nullable: true }) namespace?: string): Promise<AsyncIterableIterator<ObjectChange[]>> {
    return this.changes.objectChanges(ctx, kinds, namespace);
  }

  @Subscription(() => [Event], { name: 'events', resolve: identity, description: 'The event stream (new and updated events), batched' })
  eventStream(@Context() ctx: GraphqlContext, @Args('namespace', { nullable: true }) namespace?: string): Promise<AsyncIterableIterator<Event[]>> {
    return this.changes.events(ctx, namespace);
  }

  @Subscription(() => [LogLine], { resolve: identity })
  podLogs(
    @Context() ctx: GraphqlContext,
    @Args('namespace') namespace: string,
    @Args('name') name: string,
    @Args('container', { nullable: true }) container?: string,
    @Args('tailLines', { type: () => Int, nullable: true, defaultValue: 200 }) tailLines?: number | null,
    @Args('previous', { type: () => Boolean, nullable: true, defaultValue: false }) previous?: boolean | null,
  ): Promise<AsyncIterableIterator<LogLine[]>> {
    return this.logs.followPod(ctx, namespace, name, container, { tailLines: tailLines ?? undefined, previous: previous === true });
  }

  @Subscription(() => [LogLine], { resolve: identity, description: 'all pods merged' })
  workloadLogs(
    @Context() ctx: GraphqlContext,
    @Args('kind', { type: () => WorkloadKind }) kind: WorkloadKind,
    @Args('namespace') namespace: string,
    @Args('name') name: string,
    @Args('tailLines', { type: () => Int, nullable: true, defaultValue: 100 }) tailLines?: number | null,
  ): Promise<AsyncIterableIterator<LogLine[]>> {
    return this.logs.followWorkload(ctx, kind, namespace, name, { tailLines: tailLines ?? undefined });
  }
}
