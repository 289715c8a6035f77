import type { ServerResponse } from 'node:http';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { WatchSource } from '../../watch/watch-source';
import type { RequestInfo } from '../request-info';
import { sendText } from '../response';
import { withStorePriority } from '@drydock/storage';
import { ClusterFlowControl, type FlowControlSettings } from './cluster-flow-control';
import { flowDistinguisher, type RequestDigest } from './flow-schema-matcher';

/** API Priority and Fairness settings (docs/configuration.md). */
export interface FlowControlConfig extends FlowControlSettings {
  enabled: boolean;
}

export const defaultFlowControlConfig: FlowControlConfig = { enabled: true, totalConcurrencyLimit: 600, queueWaitMs: 15_000 };

/**
 * The levels whose requests also take the store's priority lane (withStorePriority): leader election and
 * the nodes' heartbeats (upstream's `system-leader-election` and `system-node-high` schemas), the requests
 * that keep the control plane standing. Bulk traffic of every other level shares the store behind them.
 */
const storePriorityLevels = new Set(['leader-election', 'node-high']);

/** Upstream's long-running requests (`genericfilters.BasicLongRunningRequestCheck`): not counted against any level. */
const longRunningVerbs = new Set(['watch', 'proxy']);
const longRunningSubresources = new Set(['attach', 'exec', 'proxy', 'log', 'portforward']);

/** Upstream's apiserver_flowcontrol_* series (k8s.io/apiserver/pkg/util/flowcontrol/metrics), labelled by level and schema. */
class FlowControlMetrics {
  readonly inQueue: Gauge;
  readonly executing: Gauge;
  readonly rejected: Counter;
  readonly dispatched: Counter;
  readonly waitDuration: Histogram;
  readonly nominalLimit: Gauge;

  constructor(registry: Registry, limits: () => { level: string; limit: number }[]) {
    const labelNames = ['priority_level', 'flow_schema'];
    const registers = [registry];
    this.inQueue = new Gauge({ name: 'apiserver_flowcontrol_current_inqueue_requests', help: 'Number of requests currently pending in queues of the API Priority and Fairness subsystem', labelNames, registers });
    this.executing = new Gauge({ name: 'apiserver_flowcontrol_current_executing_requests', help: 'Number of requests in initial (for a WATCH) or any (for a non-WATCH) execution stage in the API Priority and Fairness subsystem', labelNames, registers });
    this.rejected = new Counter({ name: 'apiserver_flowcontrol_rejected_requests_total', help: 'Number of requests rejected by API Priority and Fairness subsystem', labelNames: [...labelNames, 'reason'], registers });
    this.dispatched = new Counter({ name: 'apiserver_flowcontrol_dispatched_requests_total', help: 'Number of requests executed by API Priority and Fairness subsystem', labelNames, registers });
    this.waitDuration = new Histogram({
      name: 'apiserver_flowcontrol_request_wait_duration_seconds',
      help: 'Length of time a request spent waiting in its queue',
      labelNames: [...labelNames, 'execute'],
      buckets: [0, 0.005, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30],
      registers,
    });
    this.nominalLimit = new Gauge({
      name: 'apiserver_flowcontrol_nominal_limit_seats',
      help: 'Nominal number of execution seats configured for each priority level',
      labelNames: ['priority_level'],
      registers,
      collect() {
        this.reset();
        for (const { level, limit } of limits()) this.set({ priority_level: level }, limit);
      },
    });
  }
}

/**
 * The WithPriorityAndFairness filter: runs after authentication and impersonation, before authorization. A
 * request is classified by its cluster's FlowSchemas (the live objects, see ClusterFlowControl), waits for a
 * seat of its priority level in its flow's queues, and is answered 429 with `Retry-After: 1` (upstream's bytes)
 * when its queues are full or it waited too long. Every response names the matched schema and level by UID, as
 * upstream. Each logical cluster has its own levels and queues, so one sandbox's flood queues only there.
 */
export class PriorityAndFairness {
  private readonly clusters = new Map<string, ClusterFlowControl>();
  private readonly metrics?: FlowControlMetrics;

  constructor(
    private readonly config: FlowControlConfig,
    private readonly source: WatchSource,
    registry?: Registry,
  ) {
    if (registry) this.metrics = new FlowControlMetrics(registry, () => this.cluster('default').priorityLevels().map((level) => ({ level: level.object.metadata.name ?? '', limit: level.concurrencyLimit })));
  }

  /**
   * Runs `serve` when the request gets a seat and frees the seat when it settles; answers 429 itself when
   * rejected. Long-running requests are served at once; an Exempt level never waits.
   */
  async handle(res: ServerResponse, digest: RequestDigest & { cluster: string }, serve: () => Promise<void>): Promise<void> {
    const info: RequestInfo | undefined = digest.info;
    if (!this.config.enabled || (info && (longRunningVerbs.has(info.verb) || longRunningSubresources.has(info.subresource)))) return serve();
    const { schema, schemaUid, level } = this.cluster(digest.cluster).classify(digest);
    if (!res.headersSent) {
      res.setHeader('X-Kubernetes-PF-FlowSchema-UID', schemaUid);
      res.setHeader('X-Kubernetes-PF-PriorityLevel-UID', level.uid);
    }
    const labels = { priority_level: level.object.metadata.name ?? '', flow_schema: schema.metadata.name ?? '' };
    if (!level.queues) return this.execute(labels, serve);
    const started = performance.now();
    this.metrics?.inQueue.inc(labels);
    const seat = await level.queues.acquire(`${labels.flow_schema}\u0000${flowDistinguisher(schema, digest)}`);
    this.metrics?.inQueue.dec(labels);
    const waited = (performance.now() - started) / 1000;
    if (typeof seat !== 'function') {
      this.metrics?.waitDuration.observe({ ...labels, execute: 'false' }, waited);
      this.metrics?.rejected.inc({ ...labels, reason: seat.rejected });
      return tooManyRequests(res);
    }
    this.metrics?.waitDuration.observe({ ...labels, execute: 'true' }, waited);
    try {
      await this.execute(labels, serve);
    } finally {
      seat();
    }
  }

  /** Upstream's /debug/api_priority_and_fairness/dump_priority_levels for one cluster: a comma-separated, aligned table. */
  dumpPriorityLevels(cluster: string): string {
    const header = ['PriorityLevelName', 'ActiveQueues', 'IsIdle', 'IsQuiescing', 'WaitingRequests', 'ExecutingRequests', 'DispatchedRequests', 'RejectedRequests', 'TimedoutRequests', 'CancelledRequests'];
    const rows = this.cluster(cluster).priorityLevels().map((level) => {
      const name = level.object.metadata.name ?? '';
      if (!level.queues) return [name, ...Array.from({ length: 9 }, () => '<none>')];
      const d = level.queues.digest();
      return [name, d.activeQueues, d.waiting === 0 && d.executing === 0, false, d.waiting, d.executing, d.dispatched, d.rejected, d.timedOut, 0].map(String);
    });
    return alignColumns([header, ...rows]);
  }

  close(): void {
    for (const state of this.clusters.values()) state.close();
    this.clusters.clear();
  }

  private async execute(labels: { priority_level: string; flow_schema: string }, serve: () => Promise<void>): Promise<void> {
    this.metrics?.dispatched.inc(labels);
    this.metrics?.executing.inc(labels);
    try {
      await (storePriorityLevels.has(labels.priority_level) ? withStorePriority(serve) : serve());
    } finally {
      this.metrics?.executing.dec(labels);
    }
  }

  /** The cluster's configuration, built from the watch cache on its first request; rebuilt after a watch the cache dropped. */
  private cluster(name: string): ClusterFlowControl {
    const existing = this.clusters.get(name);
    if (existing) return existing;
    const state: ClusterFlowControl = new ClusterFlowControl(this.source, name, this.config, () => {
      if (this.clusters.get(name) !== state) return;
      this.clusters.delete(name);
      state.close();
    });
    this.clusters.set(name, state);
    return state;
  }
}

/** text/tabwriter as upstream's dump uses it (minwidth 8, padding 1): each cell followed by a comma, columns aligned. */
function alignColumns(rows: string[][]): string {
  const cells = rows.map((row) => row.map((cell) => `${cell},`));
  const widths = cells[0].map((_, column) => Math.max(8, ...cells.map((row) => row[column].length + 1)));
  return cells.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join('') + '\n').join('');
}

/** Upstream's tooManyRequests: `http.Error` with the fixed message and `Retry-After: 1`. */
function tooManyRequests(res: ServerResponse): void {
  res.setHeader('Retry-After', '1');
  sendText(res, 429, 'Too many requests, please try again later.\n');
}
