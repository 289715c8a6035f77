import { ApiError, ResourceRef, resourcePath } from '@drydock/client';
import type { KubeObject } from '@drydock/util';
import type { CallerKube } from '../kube/caller-kube';
import { BatchedQueue } from '../subscriptions/batched-queue';
import { readLines } from '../subscriptions/watch-feed';
import { withTypeMeta } from './kind-entry';

export interface KindWatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK';
  object: KubeObject;
}

export interface KindWatchArgs {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  resourceVersion?: string;
  allowWatchBookmarks?: boolean;
  /** The current objects first (ADDED, at least as new as `resourceVersion`), then a bookmark marking their end, as client-go's streaming list asks. */
  sendInitialEvents?: boolean;
}

const RECONNECT_MS = 500;

/**
 * A kind's watch as a subscription: one REST watch as the caller (so RBAC decides what it may see, and a
 * refused watch fails the subscription at once with the API's error), events in the watch's order,
 * batched per window as the dashboard's subscriptions are (BatchedQueue, nothing merged: every change
 * once). Without `resourceVersion` it starts as upstream's watch does (ADDED for each current object);
 * with one, after it; with `sendInitialEvents` the current objects, then the bookmark annotated
 * `k8s.io/initial-events-end` (the REST watch's streaming list). When the server ends the stream it
 * resumes from the last resourceVersion seen (the whole streaming list again if it ended before its bookmark);
 * an ERROR event (410 Gone: the version was compacted) ends the subscription with that Status as its error.
 */
export async function watchKind(kube: CallerKube, ref: ResourceRef, args: KindWatchArgs): Promise<AsyncGenerator<{ events: KindWatchEvent[] }>> {
  let resourceVersion = args.resourceVersion ?? undefined;
  // Until the initial-events-end bookmark, the objects' versions are not a point to resume from.
  let initialPending = !!args.sendInitialEvents;
  let failure: unknown;
  let abort: (() => void) | undefined;
  let closed = false;
  const queue = new BatchedQueue<KindWatchEvent>(() => {
    closed = true;
    abort?.();
  });
  const connect = async (): Promise<void> => {
    const streaming = initialPending ? { sendInitialEvents: true, resourceVersionMatch: 'NotOlderThan', resourceVersion: args.resourceVersion ?? undefined } : { resourceVersion };
    const query = { watch: true, ...streaming, allowWatchBookmarks: args.allowWatchBookmarks || initialPending || undefined, labelSelector: args.labelSelector, fieldSelector: args.fieldSelector };
    const stream = kube.stream({ method: 'GET', path: resourcePath(ref, args.namespace ?? undefined), query });
    abort = stream.abort;
    const response = await stream.response;
    let ended = false;
    readLines(
      response,
      (line) => {
        if (ended || !line.trim()) return;
        const event = JSON.parse(line) as { type?: string; object?: KubeObject & { code?: number; reason?: string; message?: string } };
        if (event.type === 'ERROR' && event.object) {
          ended = true;
          failure = new ApiError(event.object.code ?? 500, event.object.reason ?? 'InternalError', event.object.message ?? 'the watch failed', event.object as never);
          return queue.end();
        }
        if (!event.object || !['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK'].includes(event.type ?? '')) return;
        if (initialPending && event.type === 'BOOKMARK' && event.object.metadata?.annotations?.['k8s.io/initial-events-end'] === 'true') initialPending = false;
        if (!initialPending) resourceVersion = event.object.metadata?.resourceVersion ?? resourceVersion;
        queue.push({ type: event.type as KindWatchEvent['type'], object: withTypeMeta(event.object, ref) }, undefined, line.length);
      },
      () => {
        if (ended || closed) return;
        // The server closed a healthy watch (its timeout): continue after the last event seen.
        setTimeout(() => connect().catch((error) => ((failure = error), queue.end())), RECONNECT_MS);
      },
    );
  };
  await connect();
  return (async function* batches() {
    for await (const events of queue) yield { events };
    if (failure) throw failure;
  })();
}
