import { Injectable } from '@nestjs/common';
import { resourcePath, resources } from '@drydock/client';
import type { KubeObject } from '@drydock/util';
import type { GraphqlContext } from '../graphql-context';
import { WorkloadKindName, workloadResources } from '../kube/kube-kinds';
import { arr, selectorString, spec, str } from '../presenters/kube-fields';
import { BatchedQueue } from './batched-queue';
import { openWatchFeed, readLines } from './watch-feed';

export interface LogLineView {
  pod: string;
  container: string;
  timestamp?: string;
  line: string;
}

/** `2024-01-01T00:00:00.123456789Z text` (pods/log with timestamps=true) → its parts. */
export function splitTimestamp(raw: string): { timestamp?: string; line: string } {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})) ?(.*)$/.exec(raw);
  return match ? { timestamp: match[1], line: match[2] } : { line: raw };
}

export interface LogSource {
  pod: KubeObject;
  container: string;
}

export interface LogOptions {
  tailLines?: number;
  previous?: boolean;
}

/**
 * Log streams (pods/log with follow and timestamps, through the REST API as the caller) feeding one
 * batched queue. Sources can be added while it runs (a workload's new pods); with `endWhenIdle` the
 * queue ends when its last stream ends (one pod's logs), otherwise only when the client leaves.
 */
export class LogFollower {
  readonly queue: BatchedQueue<LogLineView>;
  private readonly aborts: (() => void)[] = [];
  private readonly following = new Set<string>();
  private open = 0;

  constructor(
    private readonly ctx: GraphqlContext,
    private readonly options: LogOptions,
    private readonly endWhenIdle: boolean,
    onClose: () => void = () => undefined,
  ) {
    this.queue = new BatchedQueue<LogLineView>(() => {
      this.aborts.forEach((abort) => abort());
      onClose();
    });
  }

  isFollowing(source: LogSource): boolean {
    return this.following.has(`${source.pod.metadata.uid}/${source.container}`);
  }

  /** Opens the source's stream; rejects with the API's error when the server refuses it. */
  async add(source: LogSource, tailLines = this.options.tailLines): Promise<void> {
    const key = `${source.pod.metadata.uid}/${source.container}`;
    if (this.following.has(key)) return;
    this.following.add(key);
    const stream = this.ctx.kube.stream({
      method: 'GET',
      path: resourcePath(resources.pods, source.pod.metadata.namespace, source.pod.metadata.name, 'log'),
      query: { container: source.container, follow: !this.options.previous, timestamps: true, tailLines, previous: this.options.previous || undefined },
    });
    this.aborts.push(stream.abort);
    let response;
    try {
      response = await stream.response;
    } catch (error) {
      this.following.delete(key);
      throw error;
    }
    this.open++;
    const pod = source.pod.metadata.name ?? '';
    readLines(
      response,
      (raw) => this.queue.push({ pod, container: source.container, ...splitTimestamp(raw) }, undefined, raw.length),
      () => {
        this.open--;
        if (this.endWhenIdle && this.open === 0) this.queue.end();
      },
    );
  }
}

/** podLogs and workloadLogs: follow containers' logs through pods/log as the caller, batched. */
@Injectable()
export class LogStreamService {
  /** One container's log (kubectl logs -f); the stream ends when the container's does. */
  async followPod(ctx: GraphqlContext, namespace: string, name: string, container: string | undefined, options: LogOptions): Promise<BatchedQueue<LogLineView>> {
    const pod = await ctx.kube.read(resources.pods, namespace, name);
    const follower = new LogFollower(ctx, options, true);
    try {
      await follower.add({ pod, container: container ?? defaultContainer(pod) });
    } catch (error) {
      await follower.queue.return();
      throw error;
    }
    return follower.queue;
  }

  /**
   * Every container of every pod of a workload, merged; pods that start later (a rollout, a
   * scale-up) join once Running, found by a pod watch on the workload's selector. A container not
   * running yet is refused by the API (400 waiting to start); the watch picks it up later.
   */
  async followWorkload(ctx: GraphqlContext, kind: WorkloadKindName, namespace: string, name: string, options: LogOptions): Promise<BatchedQueue<LogLineView>> {
    const workload = await ctx.kube.read(workloadResources[kind], namespace, name);
    const feeds: { close(): void }[] = [];
    const follower = new LogFollower(ctx, options, false, () => feeds.forEach((feed) => feed.close()));
    const follow = (pod: KubeObject) => Promise.all(containersOf(pod).map((container) => (follower.isFollowing({ pod, container }) ? undefined : follower.add({ pod, container }).catch(() => undefined))));
    await Promise.all((await ctx.loader.podsOf(kind, workload)).map(follow));
    const selector = kind === 'CronJob' ? undefined : selectorString((workload.spec as { selector?: unknown } | undefined)?.selector);
    if (!selector) return follower.queue;
    try {
      const feed = await openWatchFeed(ctx.kube, resources.pods, namespace, (change) => {
        if (change.type !== 'DELETED' && (change.object.status as { phase?: string } | undefined)?.phase === 'Running') void follow(change.object);
      }, { labelSelector: selector });
      feeds.push(feed);
    } catch (error) {
      await follower.queue.return();
      throw error;
    }
    return follower.queue;
  }
}

/** The container to read when none is named: kubectl's default (the annotation, else the first container). */
export function defaultContainer(pod: KubeObject): string {
  return pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'] ?? str(arr(spec(pod).containers)[0]?.name) ?? '';
}

function containersOf(pod: KubeObject): string[] {
  return arr(spec(pod).containers).map((c) => str(c.name) ?? '');
}
