import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { UserInfo } from '../../rest/request-context';
import type { RequestInfo } from '../request-info';
import { sendText } from '../response';
import { classify, flowKey, priorityLevels } from './bootstrap-flow-schemas';
import { FairQueueSet } from './fair-queue-set';

/** API Priority and Fairness settings (docs/configuration.md). */
export interface FlowControlConfig {
  enabled: boolean;
  /** The server's total concurrency limit, shared by the levels by their shares (upstream: max-requests-inflight 400 + max-mutating-requests-inflight 200). */
  totalConcurrencyLimit: number;
  /** Overrides every queuing level's `queueLengthLimit` (upstream: 50). */
  queueLengthLimit?: number;
  /** The longest wait in a queue before 429 (upstream: a quarter of the 60 s request timeout). */
  queueWaitMs: number;
}

export const defaultFlowControlConfig: FlowControlConfig = { enabled: true, totalConcurrencyLimit: 600, queueWaitMs: 15_000 };

/** Upstream's long-running requests (`genericfilters.BasicLongRunningRequestCheck`): not counted against any level. */
const longRunningVerbs = new Set(['watch', 'proxy']);
const longRunningSubresources = new Set(['attach', 'exec', 'proxy', 'log', 'portforward']);

/** The UID a bootstrap object would carry; stable per name so responses can be compared across restarts. */
const uidOf = (kind: string, name: string) => {
  const hex = createHash('sha256').update(`${kind}/${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};

/**
 * The WithPriorityAndFairness filter: runs after authentication and impersonation, before authorization. A
 * request is classified by the bootstrap flow schemas, waits for a seat of its priority level in its flow's
 * queues, and is answered 429 with `Retry-After: 1` (upstream's bytes) when its queues are full or it waited
 * too long. Every response names the matched schema and level by UID, as upstream.
 */
export class PriorityAndFairness {
  private readonly levels = new Map<string, FairQueueSet>();

  constructor(private readonly config: FlowControlConfig) {
    const shares = priorityLevels.reduce((sum, level) => sum + (level.nominalConcurrencyShares ?? 0), 0);
    for (const level of priorityLevels) {
      if (level.nominalConcurrencyShares === undefined) continue;
      const concurrencyLimit = Math.max(1, Math.ceil((config.totalConcurrencyLimit * level.nominalConcurrencyShares) / shares));
      const queueLengthLimit = config.queueLengthLimit ?? level.queueLengthLimit;
      this.levels.set(level.name, new FairQueueSet({ concurrencyLimit, queues: level.queues, handSize: level.handSize, queueLengthLimit, queueWaitMs: config.queueWaitMs }));
    }
  }

  /**
   * Runs `serve` when the request gets a seat and frees the seat when it settles; answers 429 itself when
   * rejected. Long-running requests and exempt users are served at once.
   */
  async handle(res: ServerResponse, user: UserInfo, info: RequestInfo | undefined, serve: () => Promise<void>): Promise<void> {
    if (!this.config.enabled || (info && (longRunningVerbs.has(info.verb) || longRunningSubresources.has(info.subresource)))) return serve();
    const schema = classify(user, info);
    if (!res.headersSent) {
      res.setHeader('X-Kubernetes-PF-FlowSchema-UID', uidOf('FlowSchema', schema.name));
      res.setHeader('X-Kubernetes-PF-PriorityLevel-UID', uidOf('PriorityLevelConfiguration', schema.priorityLevel));
    }
    const level = this.levels.get(schema.priorityLevel);
    if (!level) return serve();
    const release = await level.acquire(flowKey(schema, user, info));
    if (!release) return tooManyRequests(res);
    try {
      await serve();
    } finally {
      release();
    }
  }
}

/** Upstream's tooManyRequests: `http.Error` with the fixed message and `Retry-After: 1`. */
function tooManyRequests(res: ServerResponse): void {
  res.setHeader('Retry-After', '1');
  sendText(res, 429, 'Too many requests, please try again later.\n');
}
