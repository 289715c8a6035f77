import { Injectable } from '@nestjs/common';
import { isForbidden, ResourceRef, resources } from '@drydock/client';
import { StatusError } from '@drydock/util';
import type { GraphqlContext } from '../graphql-context';
import { resourceForKind } from '../kube/kube-kinds';
import { RestMapper } from '../kube/rest-mapper.service';
import type { Event } from '../models/event.model';
import type { ObjectChange } from '../models/subscription.model';
import { toNode, toPod } from '../models/to-model';
import { presentEvent } from '../presenters/event.presenter';
import { BatchedQueue } from './batched-queue';
import { openWatchFeed, WatchChange } from './watch-feed';

/** A change merged into an earlier one of the same window keeps ADDED (the object is new to the client) and the latest state. */
export function mergeChanges(previous: ObjectChange, next: ObjectChange): ObjectChange {
  return previous.type === 'ADDED' && next.type === 'MODIFIED' ? { ...next, type: 'ADDED' } : next;
}

/** A watch change's ObjectChange, made once for every subscriber the change reaches (feeds share unchanged lines' changes). */
const presented = new WeakMap<WatchChange, ObjectChange>();

export function toChange(change: WatchChange): ObjectChange {
  let view = presented.get(change);
  if (!view) presented.set(change, (view = present(change)));
  return view;
}

function present(change: WatchChange): ObjectChange {
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

type Feed = { close(): void };

/**
 * The watch feeds of what the caller may see of a resource: one feed of the namespace (or of the whole
 * resource), or, when the client asked for reachable namespaces and RBAC refuses the all-namespaces
 * watch (a team member), one feed per namespace they can reach, each a watch as the caller. Namespaces
 * made later are not followed.
 */
export async function openVisibleFeeds(ctx: GraphqlContext, ref: ResourceRef, namespace: string | undefined, onChange: (change: WatchChange) => void): Promise<Feed[]> {
  try {
    return [await openWatchFeed(ctx.kube, ref, namespace, onChange)];
  } catch (error) {
    if (namespace || !ref.namespaced || !ctx.reachableScope || !isForbidden(error)) throw error;
    const names = (await ctx.access.reachableNamespaces()).map((reachable) => reachable.metadata.name ?? '');
    const opened = await Promise.allSettled(names.map((name) => openWatchFeed(ctx.kube, ref, name, onChange)));
    const feeds = opened.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const failure = opened.find((result): result is PromiseRejectedResult => result.status === 'rejected' && !isForbidden(result.reason));
    if (failure || !feeds.length) {
      feeds.forEach((feed) => feed.close());
      throw failure ? failure.reason : error;
    }
    return feeds;
  }
}

/** Object changes and the event stream: watches through the REST API as the caller, batched. */
@Injectable()
export class ChangeStreamService {
  constructor(private readonly restMapper: RestMapper) {}

  /** `Pod`, `Deployment` … (built-in kinds); any other kind, e.g. a custom resource, as `group/version/Kind`. */
  resolveKind(ctx: GraphqlContext, kind: string): Promise<ResourceRef> {
    const slash = kind.lastIndexOf('/');
    if (slash > 0) return this.restMapper.resolve(ctx.kube, kind.slice(0, slash), kind.slice(slash + 1));
    const ref = resourceForKind(kind);
    if (!ref) throw StatusError.badRequest(`unknown kind "${kind}" (use a built-in Kind such as Pod, Node, Deployment, ReplicaSet, Event, or group/version/Kind)`);
    return Promise.resolve(ref);
  }

  async objectChanges(ctx: GraphqlContext, kinds: string[], namespace: string | undefined): Promise<BatchedQueue<ObjectChange>> {
    const refs = await Promise.all([...new Set(kinds)].map((kind) => this.resolveKind(ctx, kind)));
    if (refs.length === 0) throw StatusError.badRequest('kinds must name at least one Kind');
    const feeds: Feed[] = [];
    const queue = new BatchedQueue<ObjectChange>(() => feeds.forEach((feed) => feed.close()), undefined, mergeChanges, { onOverflow: ctx.onSlowSubscriber });
    try {
      for (const ref of refs) {
        const opened = await openVisibleFeeds(ctx, ref, ref.namespaced ? namespace : undefined, (change) =>
          queue.push(toChange(change), change.object.metadata.uid ?? `${change.object.kind}/${change.object.metadata.namespace}/${change.object.metadata.name}`, change.bytes),
        );
        feeds.push(...opened);
      }
    } catch (error) {
      await queue.return();
      throw error;
    }
    return queue;
  }

  /** New and updated Events (an aggregated repeat replaces its earlier state within a window). */
  async events(ctx: GraphqlContext, namespace: string | undefined): Promise<BatchedQueue<Event>> {
    const feeds: Feed[] = [];
    const queue = new BatchedQueue<Event>(() => feeds.forEach((feed) => feed.close()), undefined, undefined, { onOverflow: ctx.onSlowSubscriber });
    try {
      const opened = await openVisibleFeeds(ctx, resources.events, namespace, (change) => {
        if (change.type === 'DELETED') return;
        const event = presentEvent(change.object);
        queue.push(event, event.uid, change.bytes);
      });
      feeds.push(...opened);
    } catch (error) {
      await queue.return();
      throw error;
    }
    return queue;
  }
}
