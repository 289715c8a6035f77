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

/** Log streams through the API server's pods/log (follow, timestamps) as the caller, batched like every subscription. */
@Injectable()
export class LogStreamService {
  /**
   * Follows the logs of these containers into one batched stream. The first answers are awaited, so a
   * refused request (no such container, container waiting to start) fails the subscription with the
   * API's error; later ends (the container exited) just stop that source. Ends when every source ended.
   */
  async follow(ctx: GraphqlContext, sources: LogSource[], options: { tailLines?: number; previous?: boolean; skipRefused?: boolean }): Promise<BatchedQueue<LogLineView>> {
    const aborts: (() => void)[] = [];
    const queue = new BatchedQueue<LogLineView>(() => aborts.forEach((abort) => abort()));
    const opened = sources.map((source) => {
      const stream = ctx.kube.stream({
        method: 'GET',
        path: resourcePath(resources.pods, source.pod.metadata.namespace, source.pod.metadata.name, 'log'),
        query: { container: source.container, follow: !options.previous, timestamps: true, tailLines: options.tailLines, previous: options.previous || undefined },
      });
      aborts.push(stream.abort);
      return { source, response: stream.response };
    });
    const answers = await Promise.allSettled(opened.map((o) => o.response));
    const refused = answers.find((answer) => answer.status === 'rejected');
    if (refused && !options.skipRefused) {
      await queue.return();
      throw refused.reason;
    }
    const streams = answers.flatMap((answer, index) => (answer.status === 'fulfilled' ? [{ response: answer.value, ...opened[index].source }] : []));
    let open = streams.length;
    if (open === 0) queue.end();
    streams.forEach(({ response, pod, container }) => {
      readLines(
        response,
        (raw) => queue.push({ pod: pod.metadata.name ?? '', container, ...splitTimestamp(raw) }),
        () => {
          if (--open === 0) queue.end();
        },
      );
    });
    return queue;
  }

  /** The container to read when none is named: kubectl's default (the annotation, else the first container). */
  defaultContainer(pod: KubeObject): string {
    return pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'] ?? str(arr(spec(pod).containers)[0]?.name) ?? '';
  }

  containersOf(pod: KubeObject): string[] {
    return arr(spec(pod).containers).map((c) => str(c.name) ?? '');
  }
}
