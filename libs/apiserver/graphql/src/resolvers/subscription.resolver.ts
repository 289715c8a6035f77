import { Args, Context, Int, Resolver, Subscription } from '@nestjs/graphql';
import { resources } from '@drydock/client';
import { KubeObject, StatusError } from '@drydock/util';
import type { GraphqlContext } from '../graphql-context';
import { resourceForKind, workloadResources } from '../kube/kube-kinds';
import { RestMapper } from '../kube/rest-mapper.service';
import { Event } from '../models/event.model';
import { LogLine, ObjectChange } from '../models/subscription.model';
import { toNode, toPod } from '../models/to-model';
import { WorkloadKind } from '../models/workload.model';
import { presentEvent } from '../presenters/event.presenter';
import { selectorString } from '../presenters/kube-fields';
import { BatchedQueue } from '../subscriptions/batched-queue';
import { LogStreamService } from '../subscriptions/log-stream.service';
import { openWatchFeed, WatchChange } from '../subscriptions/watch-feed';

const identity = <T>(batch: T): T => batch;

/** A change merged into an earlier one of the same window keeps ADDED (the object is new to the client) and the latest state. */
function mergeChanges(previous: ObjectChange, next: ObjectChange): ObjectChange {
  return previous.type === 'ADDED' && next.type === 'MODIFIED' ? { ...next, type: 'ADDED' } : next;
}

function toChange(change: WatchChange): ObjectChange {
  const { object } = change;
  const kind = object.kind ?? '';
  return {
    type: change.type,
    kind,
    namespace: object.metadata.namespace,
    name: object.metadata.name ?? '',
    uid: object.metadata.uid,
    resourceVersion: object.metadata.resourceVersion,
    object: object as unknown as Record<string, unknown>,
    pod: kind === 'Pod' ? toPod(object) : undefined,
    node: kind === 'Node' ? toNode(object) : undefined,
  };
}

/** Subscriptions: watches and log streams through the REST API as the caller, each batched into windows of at most 250 ms. */
@Resolver()
export class SubscriptionResolver {
  constructor(
    private readonly logs: LogStreamService,
    private readonly restMapper: RestMapper,
  ) {}

  @Subscription(() => [ObjectChange], { resolve: identity, description: 'Batched: every change of a window of at most 250 ms in one message. kinds like Pod, Node, Deployment, ReplicaSet, Event, or group/version/Kind for any other kind' })
  async objectChanges(@Context() ctx: GraphqlContext, @Args('kinds', { type: () => [String] }) kinds: string[], @Args('namespace', { nullable: true }) namespace?: string): Promise<AsyncIterableIterator<ObjectChange[]>> {
    const refs = await Promise.all(
      [...new Set(kinds)].map((kind) => {
        // `Pod`, `Deployment` …; any other kind (a custom resource) as `group/version/Kind`.
        const slash = kind.lastIndexOf('/');
        if (slash > 0) return this.restMapper.resolve(ctx.kube, kind.slice(0, slash), kind.slice(slash + 1));
        const ref = resourceForKind(kind);
        if (!ref) throw StatusError.badRequest(`unknown kind "${kind}" (use a built-in Kind such as Pod, Node, Deployment, ReplicaSet, Event, or group/version/Kind)`);
        return ref;
      }),
    );
    if (refs.length === 0) throw StatusError.badRequest('kinds must name at least one Kind');
    const feeds: { close(): void }[] = [];
    const queue = new BatchedQueue<ObjectChange>(() => feeds.forEach((feed) => feed.close()), undefined, mergeChanges);
    try {
      for (const ref of refs) feeds.push(await openWatchFeed(ctx.kube, ref, ref.namespaced ? namespace : undefined, (change) => queue.push(toChange(change), change.object.metadata.uid ?? `${change.object.kind}/${change.object.metadata.namespace}/${change.object.metadata.name}`)));
    } catch (error) {
      await queue.return();
      throw error;
    }
    return queue;
  }

  @Subscription(() => [Event], { name: 'events', resolve: identity, description: 'The event stream (new and updated events), batched' })
  async eventStream(@Context() ctx: GraphqlContext, @Args('namespace', { nullable: true }) namespace?: string): Promise<AsyncIterableIterator<Event[]>> {
    const feeds: { close(): void }[] = [];
    const queue = new BatchedQueue<Event>(() => feeds.forEach((feed) => feed.close()));
    const feed = await openWatchFeed(ctx.kube, resources.events, namespace, (change) => {
      if (change.type !== 'DELETED') {
        const event = presentEvent(change.object);
        queue.push(event, event.uid);
      }
    });
    feeds.push(feed);
    return queue;
  }

  @Subscription(() => [LogLine], { resolve: identity })
  async podLogs(
    @Context() ctx: GraphqlContext,
    @Args('namespace') namespace: string,
    @Args('name') name: string,
    @Args('container', { nullable: true }) container?: string,
    @Args('tailLines', { type: () => Int, nullable: true, defaultValue: 200 }) tailLines?: number | null,
    @Args('previous', { type: () => Boolean, nullable: true, defaultValue: false }) previous?: boolean | null,
  ): Promise<AsyncIterableIterator<LogLine[]>> {
    const pod = await ctx.kube.read(resources.pods, namespace, name);
    const follower = this.logs.follower(ctx, { tailLines: tailLines ?? undefined, previous: previous === true }, true);
    try {
      await follower.add({ pod, container: container ?? this.logs.defaultContainer(pod) });
    } catch (error) {
      await follower.queue.return();
      throw error;
    }
    return follower.queue;
  }

  @Subscription(() => [LogLine], { resolve: identity, description: 'all pods merged' })
  async workloadLogs(
    @Context() ctx: GraphqlContext,
    @Args('kind', { type: () => WorkloadKind }) kind: WorkloadKind,
    @Args('namespace') namespace: string,
    @Args('name') name: string,
    @Args('tailLines', { type: () => Int, nullable: true, defaultValue: 100 }) tailLines?: number | null,
  ): Promise<AsyncIterableIterator<LogLine[]>> {
    const workload = await ctx.kube.read(workloadResources[kind], namespace, name);
    const feeds: { close(): void }[] = [];
    const follower = this.logs.follower(ctx, { tailLines: tailLines ?? undefined }, false, () => feeds.forEach((feed) => feed.close()));
    // A container not running yet is refused (400 waiting to start): the watch below picks it up once Running.
    const follow = (pod: KubeObject) => Promise.all(this.logs.containersOf(pod).map((container) => (follower.isFollowing({ pod, container }) ? undefined : follower.add({ pod, container }).catch(() => undefined))));
    await Promise.all((await ctx.loader.podsOf(kind, workload)).map((pod) => follow(pod)));
    // Pods that start later (a rollout, a scale-up) join the stream from their first line.
    const selector = selectorString(kind === 'CronJob' ? undefined : (workload.spec as { selector?: unknown } | undefined)?.selector);
    if (selector) {
      try {
        feeds.push(
          await openWatchFeed(ctx.kube, resources.pods, namespace, (change) => {
            const pod = change.object;
            if (change.type !== 'DELETED' && (pod.status as { phase?: string } | undefined)?.phase === 'Running') void follow(pod);
          }, { labelSelector: selector }),
        );
      } catch (error) {
        await follower.queue.return();
        throw error;
      }
    }
    return follower.queue;
  }
}
