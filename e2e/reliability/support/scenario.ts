import { checkHistory } from './history-checks';
import { Violation, WatchSegment } from './history';
import { Body, Endpoint, KubeConnection } from './kube-http';
import { Traffic, TrafficOptions } from './traffic';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A full run (npm run test:reliability) or the short variant that npm test runs. */
export const fullRun = process.env.RELIABILITY_FULL === '1';

export interface Fault {
  name: string;
  /** Injects the fault; resolves once the product has recovered (the scenario waits, it does not repair). */
  inject(): Promise<void>;
}

export interface ScenarioSpec {
  name: string;
  namespace: string;
  endpoints: Endpoint[];
  /** Injected one after another while the traffic runs, each after `quietMs` of traffic. */
  faults: Fault[];
  /** Traffic before, between and after the faults. */
  quietMs: number;
  traffic?: Partial<TrafficOptions>;
  /** Checks of the scenario's own (controllers converged); run after the history's. */
  after?: () => Promise<Violation[]>;
}

export interface ScenarioRow {
  scenario: string;
  operations: number;
  faults: number;
  eventsChecked: number;
  violations: Violation[];
}

/**
 * Runs traffic, injects the faults mid-load, waits for recovery, probes that watches resume from
 * recent revisions on every server, then checks the recorded history.
 */
export async function runScenario(spec: ScenarioSpec): Promise<ScenarioRow> {
  const traffic = new Traffic({ namespace: spec.namespace, endpoints: spec.endpoints, writers: 6, readers: 6, keys: 8, pauseMs: 30, requestTimeoutMs: 20_000, ...spec.traffic });
  await traffic.start();
  const violations: Violation[] = [];
  let faults = 0;
  try {
    await sleep(spec.quietMs);
    for (const fault of spec.faults) {
      await fault.inject();
      faults += 1;
      await sleep(spec.quietMs);
    }
    await probeResumption(traffic, spec.endpoints, violations);
  } finally {
    await traffic.stop();
  }
  const final = await finalList(spec.endpoints[0], spec.namespace);
  const checked = checkHistory(traffic.history, final);
  violations.push(...checked.violations);
  if (spec.after) violations.push(...(await spec.after()));
  const operations = traffic.history.operations.length;
  if (operations < 50) violations.push({ check: 'traffic', detail: `only ${operations} operations were recorded` });
  return { scenario: spec.name, operations, faults, eventsChecked: checked.eventsChecked, violations };
}

/**
 * Watches from recent acknowledged revisions on every server: each must resume (no 410) and deliver what followed.
 * The revisions are those of recent writes and lists, which a server that answered them holds in its window; not a
 * GET's, which is the object's last change and may predate a restarted API server's window (upstream's watch cache
 * answers 410 there too: it starts at the revision it listed).
 */
async function probeResumption(traffic: Traffic, endpoints: Endpoint[], violations: Violation[]): Promise<void> {
  const recent = traffic.history.operations.filter((op) => op.outcome === 'ok' && op.verb !== 'get' && op.rv && op.end > traffic.now() - 1500).map((op) => op.rv!);
  const picks = [...new Set(recent)].sort(() => Math.random() - 0.5).slice(0, 3);
  for (const endpoint of endpoints) {
    const connection = new KubeConnection(endpoint);
    for (const from of picks) {
      const segment: WatchSegment = { client: `resume-probe@${from}`, server: endpoint.server, startRv: from, initial: [], streamed: false, events: [], bookmarks: [], resumes: 0, end: 'stopped' };
      let expired = false;
      const watch = connection.watch(`/api/v1/namespaces/${traffic.options.namespace}/configmaps?watch=1&resourceVersion=${from}&timeoutSeconds=1`, (event) => {
        if (event.type === 'ERROR') expired = true;
        else if (event.type !== 'BOOKMARK') segment.events.push({ type: event.type as 'ADDED', key: event.object.metadata.name, rv: Number(event.object.metadata.resourceVersion), value: event.object.data?.v ?? '', at: traffic.now() });
      }, 10_000);
      const ended = await watch.done;
      if (expired || ended.status !== 200) violations.push({ check: 'watch resumable', detail: `${endpoint.server} could not resume a watch from revision ${from} (${expired ? '410' : `${ended.status}${ended.error ? ` ${ended.error}` : ''}`})` });
      else traffic.history.segments.push(segment);
    }
    connection.close();
  }
}

async function finalList(endpoint: Endpoint, namespace: string): Promise<{ rv: number; items: { key: string; rv: number; value: string }[] }> {
  const connection = new KubeConnection(endpoint);
  try {
    for (let attempt = 0; ; attempt++) {
      const result = await connection.request('GET', `/api/v1/namespaces/${namespace}/configmaps`);
      if (result.status === 200) {
        return { rv: Number(result.body.metadata.resourceVersion), items: result.body.items.map((o: Body) => ({ key: o.metadata.name, rv: Number(o.metadata.resourceVersion), value: o.data?.v ?? '' })) };
      }
      if (attempt > 50) throw new Error(`the final list failed: ${result.status}`);
      await sleep(200);
    }
  } finally {
    connection.close();
  }
}

/** The table the suite prints: one row per scenario. */
export function formatTable(rows: ScenarioRow[]): string {
  const header = ['scenario', 'operations', 'faults', 'watch events checked', 'violations'];
  const lines = rows.map((row) => [row.scenario, String(row.operations), String(row.faults), String(row.eventsChecked), String(row.violations.length)]);
  const widths = header.map((title, i) => Math.max(title.length, ...lines.map((line) => line[i].length)));
  const format = (cells: string[]) => `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ')} |`;
  const details = rows.flatMap((row) => row.violations.map((v) => `  ${row.scenario}: [${v.check}] ${v.detail}`));
  return [format(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(format), ...details].join('\n');
}
