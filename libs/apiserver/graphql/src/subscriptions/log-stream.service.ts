import { Injectable } from '@nestjs/common';
import { resourcePath, resources } from '@drydock/client';
import type { KubeObject } from '@drydock/util';
import type { GraphqlContext } from '../graphql-context';
import { arr, spec, str } from '../presenters/kube-fields';
import { BatchedQueue } from './batched-queue';
import { readLines } from './watch-feed';

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
      (raw) => this.queue.push({ pod, container: source.container, ...splitTimestamp(raw) }),
      () => {
        this.open--;
        if (this.endWhenIdle && this.open === 0) this.queue.end();
      },
    );
  }
}

@Injectable()
export class LogStreamService {
  follower(ctx: GraphqlContext, options: LogOptions, endWhenIdle: boolean, onClose?: () => void): LogFollower {
    return new LogFollower(ctx, options, endWhenIdle, onClose);
  }

  /** The container to read when none is named: kubectl's default (the annotation, else the first container). */
  defaultContainer(pod: KubeObject): string {
    return pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'] ?? str(arr(spec(pod).containers)[0]?.name) ?? '';
  }

  containersOf(pod: KubeObject): string[] {
    return arr(spec(pod).containers).map((c) => str(c.name) ?? '');
  }
}
