/**
 * `npm run bench:scale`: the whole control loop at scale (issue #14's targets), on a fresh Drydock started
 * as `npm start` does (API server, controller-manager, scheduler, node simulator), real time (clock 1).
 * Prints figures and ratios; not a test (see bench/README.md).
 *
 * Sizes: BENCH_NODES (1000), BENCH_REPLICAS (10000, the one big Deployment, then scaled to 0),
 * BENCH_DEPLOYMENTS × BENCH_DEPLOYMENT_REPLICAS (100 × 100; BENCH_SKIP_MANY=1 skips that phase),
 * BENCH_GROWTH (1000: extra Deployment sizes run before the big one for the growth rows, e.g. 1000,30000).
 * BENCH_CPU_PROF=DIR writes a `node --cpu-prof` profile of every Drydock process into DIR.
 * BENCH_STATEMENTS=1 prints the top SQL statements (pg_stat_statements) of each phase.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { launchDrydock } from '@drydock/launcher';
import { findFreePort } from '@drydock/storage';
import { BenchClient, median, percentile, stopOnSignal } from './bench-client';
import { rawWriteRate } from './store-rate';

const nodes = Number(process.env.BENCH_NODES ?? 1000);
const replicas = Number(process.env.BENCH_REPLICAS ?? 10000);
const deployments = Number(process.env.BENCH_DEPLOYMENTS ?? 100);
const perDeployment = Number(process.env.BENCH_DEPLOYMENT_REPLICAS ?? 100);
const growth = (process.env.BENCH_GROWTH ?? '1000').split(',').map(Number).filter((n) => n > 0 && n !== replicas);
const phaseTimeoutMs = Number(process.env.BENCH_TIMEOUT_SECONDS ?? 600) * 1000;
/** The pods' image and command (`BENCH_COMMAND`, a shell script run as `sh -c`): a server image by default, a script to measure the shells. */
const image = process.env.BENCH_IMAGE ?? 'nginx:1.27';
const command = process.env.BENCH_COMMAND ? ['sh', '-c', process.env.BENCH_COMMAND] : undefined;
/** Issue #14: 10,000 pods Running (or gone) in 30 s, 333 pods/s; startup p99 under 2 s. */
const TARGET_PODS_PER_SECOND = 10000 / 30;
const TARGET_P99_MS = 2000;

interface PodEvent {
  type: string;
  object: { metadata: { name?: string; namespace?: string; creationTimestamp?: string }; spec?: { nodeName?: string }; status?: { phase?: string } };
}

function load(): string {
  return `load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`;
}

async function waitFor(what: string, check: () => Promise<boolean> | boolean): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > phaseTimeoutMs) throw new Error(`${what}: not done within ${phaseTimeoutMs / 1000}s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return Date.now() - started;
}

async function readyNodes(client: BenchClient): Promise<number> {
  const list = JSON.parse((await client.call('GET', '/api/v1/nodes')).body) as { items: { status?: { conditions?: { type: string; status: string }[] } }[] };
  return list.items.filter((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length;
}

function deployment(name: string, namespace: string, count: number): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: { replicas: count, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image, ...(command ? { command } : {}), resources: { requests: { cpu: '10m', memory: '16Mi' } } }] } } },
  };
}

/** When the bench's watch first saw a pod (≈ its creation), bound to a node, and Running (ms, Date.now()). */
interface PodTimes {
  seen: number;
  bound?: number;
  running?: number;
}

/** Watches the pods of a namespace: creation→Running latency per pod (the first time it is Running), how many exist, and when each was first seen, bound and Running. */
async function trackPods(client: BenchClient, namespace: string): Promise<{ latencies: number[]; times: Map<string, PodTimes>; running: () => number; existing: () => number; close: () => void }> {
  const running = new Set<string>();
  const existing = new Set<string>();
  const latencies: number[] = [];
  const times = new Map<string, PodTimes>();
  const close = await client.watch(`/api/v1/namespaces/${namespace}/pods?watch=true&resourceVersion=0`, (event) => {
    const { type, object: pod } = event as unknown as PodEvent;
    if (type === 'DELETED') return void existing.delete(pod.metadata.name!);
    if (type === 'ADDED' || type === 'MODIFIED') existing.add(pod.metadata.name!);
    const now = Date.now();
    let podTimes = times.get(pod.metadata.name!);
    if (!podTimes) times.set(pod.metadata.name!, (podTimes = { seen: now }));
    if (pod.spec?.nodeName && podTimes.bound === undefined) podTimes.bound = now;
    if (pod.status?.phase !== 'Running' || running.has(pod.metadata.name!)) return;
    podTimes.running = now;
    running.add(pod.metadata.name!);
    latencies.push(now - Date.parse(pod.metadata.creationTimestamp ?? new Date().toISOString()));
  });
  return { latencies, times, running: () => running.size, existing: () => existing.size, close };
}

/**
 * Where the pods' start-up went, as the bench's watch saw it: when the pods were created (after the
 * apply), how long each waited to be bound (the scheduler), and how long from bound to Running (the node simulator).
 */
function startupSplit(label: string, appliedAt: number, times: Map<string, PodTimes>): void {
  const all = [...times.values()];
  const created = all.map((t) => t.seen - appliedAt);
  const toBind = all.filter((t) => t.bound !== undefined).map((t) => t.bound! - t.seen);
  const toRun = all.filter((t) => t.bound !== undefined && t.running !== undefined).map((t) => t.running! - t.bound!);
  const seconds = (values: number[], p: number) => `${(percentile(values, p) / 1000).toFixed(2)} s`;
  console.log(
    `  ${label}: start-up split (bench watch): pods created after apply p50 ${seconds(created, 50)}, last ${seconds(created, 100)}; ` +
      `created → bound p50 ${seconds(toBind, 50)}, p99 ${seconds(toBind, 99)}; bound → Running p50 ${seconds(toRun, 50)}, p99 ${seconds(toRun, 99)}`,
  );
}

interface ProcessFigures {
  /** Resident memory, bytes. */
  rss: number;
  /** CPU time used so far (user + system, with exited children's), seconds. */
  cpu: number;
}

/** utime + stime (+ cutime + cstime with `children`) of a /proc/PID/stat line, in seconds (USER_HZ 100). */
function cpuSeconds(stat: string, children: boolean): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]) + (children ? Number(fields[13]) + Number(fields[14]) : 0);
  return ticks / 100;
}

/**
 * The Drydock processes this bench started (children of this process) by app, and `postgres` (the
 * postmaster with its backends): resident memory and CPU time. CPU seconds per pod are the figure the
 * other helpers' load on a shared machine disturbs least.
 */
function processFigures(): Record<string, ProcessFigures> {
  const figures: Record<string, ProcessFigures> = {};
  const stats = new Map<number, string>();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      stats.set(Number(pid), readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch {
      // exited meanwhile
    }
  }
  const parentOf = (stat: string) => Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  for (const [pid, stat] of stats) {
    if (parentOf(stat) !== process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const app = /apps\/([a-z-]+)\/src\/main\.ts/.exec(cmdline)?.[1] ?? (/\/postgres\0/.test(cmdline) ? 'postgres' : undefined);
      const rss = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
      if (!app) continue;
      let cpu = cpuSeconds(stat, app === 'postgres');
      if (app === 'postgres') for (const [, child] of stats) if (parentOf(child) === pid) cpu += cpuSeconds(child, false);
      figures[app] = { rss, cpu };
    } catch {
      // exited meanwhile
    }
  }
  return figures;
}

/** CPU seconds per 1,000 pods of each process between two readings. */
function cpuPer1000(before: Record<string, ProcessFigures>, after: Record<string, ProcessFigures>, pods: number): string {
  const apps = Object.keys(after).sort();
  const total = apps.reduce((sum, app) => sum + after[app].cpu - (before[app]?.cpu ?? 0), 0);
  return `${apps.map((app) => `${app} ${((after[app].cpu - (before[app]?.cpu ?? 0)) / (pods / 1000)).toFixed(1)}`).join(', ')}; all ${(total / (pods / 1000)).toFixed(1)}`;
}

const MB = 1024 * 1024;

function line(name: string, value: string, target = '', ratio?: number): void {
  console.log(`${name.padEnd(56)} ${value.padStart(12)}   ${target ? `target ${target.padEnd(10)}` : ''.padEnd(17)}${ratio === undefined ? '' : ` ratio ${ratio.toFixed(2)}`}`);
}

/** What the store and the API server did during a phase: writes by kind, requests by component, SQL statements. */
class Accounting {
  private revision = 0;
  private auditId = 0n;

  constructor(private readonly pg: Client) {}

  async begin(): Promise<void> {
    this.revision = Number((await this.pg.query('SELECT revision FROM revision_counter WHERE id')).rows[0].revision);
    this.auditId = BigInt((await this.pg.query('SELECT coalesce(max(id), 0) AS id FROM audit_events')).rows[0].id);
    await this.pg.query('SELECT pg_stat_statements_reset()');
  }

  /** Prints writes per pod (from the change log), API requests per pod (from the audit table) and SQL write statements per pod. */
  async report(label: string, namespace: string, pods: number, seconds: number): Promise<{ writeStatements: number; apiCreatesPerSecond: number; objectWrites: number }> {
    await new Promise((resolve) => setTimeout(resolve, 1500)); // the audit table is written in batches every second
    const writes = (await this.pg.query(`SELECT resource, type, count(*)::int AS n FROM changes WHERE revision > $1 AND cluster = 'default' GROUP BY 1, 2 ORDER BY 3 DESC`, [this.revision])).rows as { resource: string; type: string; n: number }[];
    const requests = (await this.pg.query(
      `SELECT coalesce(nullif(split_part(user_agent, '/', 1), ''), user_name) AS who, verb, resource || CASE WHEN subresource <> '' THEN '/' || subresource ELSE '' END AS resource, count(*)::int AS n
       FROM audit_events WHERE id > $1 AND verb IN ('create', 'update', 'patch', 'delete') AND cluster = 'default' GROUP BY 1, 2, 3 ORDER BY 4 DESC`,
      [this.auditId],
    )).rows as { who: string; verb: string; resource: string; n: number }[];
    const statements = (await this.pg.query(
      `SELECT calls::int AS calls, query FROM pg_stat_statements WHERE query ~* '^\\s*(INSERT|UPDATE|DELETE)' AND query !~ 'audit_events|pg_stat' AND toplevel = false`,
    )).rows as { calls: number; query: string }[];
    // Events written during the phase, split by what they are about: this phase's objects (its namespace)
    // or anything else (nodes, earlier phases' pods): the recorders write in the background, so events
    // about nodes Ready before the phase or pods of a phase before can land in this one.
    const events = (await this.pg.query(
      `SELECT coalesce(object->'involvedObject'->>'namespace', '') = $2 AS ours,
              coalesce(object->'source'->>'component', object->>'reportingComponent', '') || ' ' || coalesce(object->'involvedObject'->>'kind', '') || ' ' || (object->>'reason') AS reason, count(*)::int AS n
       FROM changes WHERE revision > $1 AND cluster = 'default' AND resource = 'events' GROUP BY 1, 2 ORDER BY 3 DESC`,
      [this.revision, namespace],
    )).rows as { ours: boolean; reason: string; n: number }[];
    const writeStatements = statements.reduce((sum, s) => sum + s.calls, 0);
    const reads = Number((await this.pg.query(`SELECT coalesce(sum(calls), 0) AS n FROM pg_stat_statements WHERE query LIKE 'SELECT object FROM objects WHERE cluster = $1 AND resource = $2 AND namespace = $3 AND name = $4%'`)).rows[0].n);
    const totalWrites = writes.reduce((sum, w) => sum + w.n, 0);
    const creates = requests.filter((r) => r.verb === 'create').reduce((sum, r) => sum + r.n, 0);
    console.log(`  ${label}: ${totalWrites} object writes (${(totalWrites / pods).toFixed(2)} per pod), ${writeStatements} SQL write statements (${(writeStatements / pods).toFixed(2)} per pod), ${reads} single-object reads from the store (${(reads / pods).toFixed(2)} per pod):`);
    console.log(`    writes per pod: ${writes.filter((w) => w.n >= pods / 100).map((w) => `${w.resource} ${w.type} ${(w.n / pods).toFixed(2)}`).join(', ')}`);
    const eventLine = (ours: boolean) => events.filter((e) => e.ours === ours && e.n >= pods / 100).map((e) => `${e.reason} ${(e.n / pods).toFixed(2)}`).join(', ') || 'none';
    console.log(`    event writes per pod by source, object and reason: about ${namespace}: ${eventLine(true)}; about anything else (nodes, earlier phases): ${eventLine(false)}`);
    console.log(`    API writes per pod by component: ${requests.filter((r) => r.n >= pods / 100).map((r) => `${r.who} ${r.verb} ${r.resource} ${(r.n / pods).toFixed(2)}`).join(', ')}`);
    if (process.env.BENCH_STATEMENTS) {
      const top = (await this.pg.query(`SELECT calls, round(total_exec_time) AS ms, left(regexp_replace(query, '\\s+', ' ', 'g'), 120) AS query FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 15`)).rows;
      for (const s of top) console.log(`    ${String(s.calls).padStart(7)} calls ${String(s.ms).padStart(6)} ms  ${s.query}`);
    }
    return { writeStatements, apiCreatesPerSecond: creates / seconds, objectWrites: totalWrites };
  }
}

interface PhaseResult {
  ms: number;
  latencies: number[];
  appliedAt: number;
  times: Map<string, PodTimes>;
}

/**
 * Every pod bound must have its Scheduled event and every pod started its Started event in the API
 * (issue #14: no event dropped). The recorders write in the background behind the pods, so this
 * waits up to 120 s for them; prints how many arrived and how long the tail took.
 */
async function reportEventDelivery(pg: Client, pods: number): Promise<void> {
  const started = Date.now();
  const count = async () => (await pg.query(
    `SELECT object->>'reason' AS reason, count(*)::int AS n FROM objects WHERE cluster = 'default' AND resource = 'events' AND namespace LIKE 'scale-%' AND object->>'reason' IN ('Scheduled', 'Started') GROUP BY 1`,
  )).rows.reduce((byReason: Record<string, number>, row: { reason: string; n: number }) => ({ ...byReason, [row.reason]: row.n }), { Scheduled: 0, Started: 0 });
  let delivered = await count();
  while ((delivered.Scheduled < pods || delivered.Started < pods) && Date.now() - started < 120_000) {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    delivered = await count();
  }
  console.log(`Events in the API for ${pods} pods: Scheduled ${delivered.Scheduled}, Started ${delivered.Started} (${((Date.now() - started) / 1000).toFixed(0)} s after the last phase${delivered.Scheduled < pods || delivered.Started < pods ? '; MISSING EVENTS' : ''})`);
}

/** Creates the Deployments in a new namespace and waits until `total` pods are Running. */
async function rollOut(client: BenchClient, namespace: string, objects: Record<string, unknown>[], total: number): Promise<PhaseResult & { tracker: Awaited<ReturnType<typeof trackPods>> }> {
  await client.call('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
  const tracker = await trackPods(client, namespace);
  const started = Date.now();
  for (const object of objects) {
    const res = await client.call('POST', `/apis/apps/v1/namespaces/${namespace}/deployments`, object);
    if (res.status !== 201) throw new Error(`create failed: ${res.status} ${res.body}`);
  }
  await waitFor(`${total} pods Running`, () => tracker.running() >= total);
  return { ms: Date.now() - started, latencies: tracker.latencies, appliedAt: started, times: tracker.times, tracker };
}

/** Scales the Deployments of a namespace to 0 and waits until the last pod is gone. */
async function scaleToZero(client: BenchClient, namespace: string, names: string[], tracker: { existing: () => number }): Promise<number> {
  const started = Date.now();
  for (const name of names) {
    const res = await client.call('PATCH', `/apis/apps/v1/namespaces/${namespace}/deployments/${name}/scale`, { spec: { replicas: 0 } }, 'application/merge-patch+json');
    if (res.status !== 200) throw new Error(`scale failed: ${res.status} ${res.body}`);
  }
  await waitFor(`pods of ${namespace} gone`, async () => tracker.existing() === 0 && JSON.parse((await client.call('GET', `/api/v1/namespaces/${namespace}/pods?limit=1`)).body).items.length === 0);
  return Date.now() - started;
}

function reportRollout(label: string, total: number, phase: PhaseResult): void {
  const targetMs = (total / TARGET_PODS_PER_SECOND) * 1000;
  line(`${label}: apply → all ${total} Running`, `${(phase.ms / 1000).toFixed(1)} s`, `< ${(targetMs / 1000).toFixed(1)} s`, targetMs / phase.ms);
  line(`${label}: end-to-end pods/s (${load()})`, `${((total * 1000) / phase.ms).toFixed(0)}/s`, `> ${Math.ceil(TARGET_PODS_PER_SECOND)}/s`);
  line(`${label}: pod startup latency p50`, `${(median(phase.latencies) / 1000).toFixed(2)} s`);
  line(`${label}: pod startup latency p99`, `${(percentile(phase.latencies, 99) / 1000).toFixed(2)} s`, `< ${TARGET_P99_MS / 1000} s`, TARGET_P99_MS / percentile(phase.latencies, 99));
  startupSplit(label, phase.appliedAt, phase.times);
}

/** "dropping event" (queue full or a write refused) and "leadership lost" lines, and leaders elected again, in the processes' logs (there should be none). */
function logFindings(logDir: string): string[] {
  const findings: string[] = [];
  for (const file of readdirSync(logDir)) {
    const text = readFileSync(join(logDir, file), 'utf8');
    for (const pattern of ['dropping event', 'leadership lost']) {
      const count = text.split(pattern).length - 1;
      if (count > 0) findings.push(`${file}: ${count} × "${pattern}"`);
    }
    const leaderships = text.split('became leader').length - 1;
    if (leaderships > 1) findings.push(`${file}: became leader ${leaderships} times`);
  }
  return findings;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'drydock-scale-'));
  const port = process.env.BENCH_API_PORT ? Number(process.env.BENCH_API_PORT) : await findFreePort();
  const started = Date.now();
  if (process.env.BENCH_CPU_PROF) process.env.DRYDOCK_NODE_FLAGS = `--cpu-prof --cpu-prof-dir=${process.env.BENCH_CPU_PROF}`;
  console.log(`Drydock scale benchmark: ${nodes} nodes, ${replicas} replicas, ${deployments}×${perDeployment}, growth ${growth.join(',') || '-'}, ${image}${command ? ` sh -c ${JSON.stringify(command[2])}` : ''} (${new Date().toISOString()}, ${load()})`);
  const drydock = await launchDrydock({ dataDir, apiHost: '127.0.0.1', apiPort: port, ...(process.env.BENCH_POSTGRES_PORT ? { postgresPort: Number(process.env.BENCH_POSTGRES_PORT) } : {}), controlLoop: true, nodes, clockScale: 1, postgresSettings: { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track': 'all' } }, () => undefined);
  const pg = new Client({ connectionString: drydock.databaseUrl });
  pg.on('error', () => undefined); // the server's shutdown while the bench stops
  const unregister = stopOnSignal(() => drydock.stop().finally(() => rmSync(dataDir, { recursive: true, force: true })));
  try {
    await pg.connect();
    await pg.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    const accounting = new Accounting(pg);
    const client = new BenchClient(join(dataDir, 'kubeconfig'));
    const readyMs = await waitFor(`${nodes} nodes Ready`, async () => (await readyNodes(client)) >= nodes);
    line(`${nodes} nodes Ready (from start of the control loop)`, `${((Date.now() - started) / 1000).toFixed(1)} s`, '< 30 s', 30000 / (Date.now() - started));
    console.log(`  (${(readyMs / 1000).toFixed(1)} s after the API server was ready)`);
    const idle = processFigures();
    line(`node simulator memory per 100 nodes (${nodes} nodes, no pods)`, `${((idle['node-sim']?.rss ?? 0) / MB / (nodes / 100)).toFixed(1)} MB`);
    // Measured beside the running control loop: every drydock_write() takes the revision counter's row
    // lock until it commits, so these one-op writers queue behind the API server's batches (leases, the
    // nodes' events still being written). bench:api measures the same writers on an idle store.
    const raw = await rawWriteRate(drydock.databaseUrl, 16, 3);
    line(`store raw group-commit rate (16 writers, ${load()})`, `${raw.toFixed(0)}/s`);
    console.log('  (beside the control loop of idle nodes; again at the end, and on an idle store in bench:api)');

    const rows: string[] = [];
    let index = 0;
    for (const size of [...growth.filter((n) => n < replicas), replicas, ...growth.filter((n) => n > replicas)]) {
      const namespace = `scale-${index++}`;
      const label = size === replicas ? `one Deployment of ${size}` : `growth: one Deployment of ${size}`;
      const before = processFigures();
      await accounting.begin();
      const rollout = await rollOut(client, namespace, [deployment('big', namespace, size)], size);
      const after = processFigures();
      reportRollout(label, size, rollout);
      console.log(`  ${label}: CPU seconds per 1,000 pods: ${cpuPer1000(before, after, size)}`);
      const accounted = await accounting.report(label, namespace, size, rollout.ms / 1000);
      console.log(`  ${label}: API server CPU per object write: ${(((after.apiserver?.cpu ?? 0) - (before.apiserver?.cpu ?? 0)) * 1000 / accounted.objectWrites).toFixed(2)} ms`);
      line(`${label}: API creates/s vs the store's raw rate`, `${accounted.apiCreatesPerSecond.toFixed(0)}/s`, '', accounted.apiCreatesPerSecond / raw);
      await accounting.begin();
      const deleteMs = await scaleToZero(client, namespace, ['big'], rollout.tracker);
      const gone = processFigures();
      rollout.tracker.close();
      const deleteTargetMs = (size / TARGET_PODS_PER_SECOND) * 1000;
      line(`${label}: scale to 0 → last pod gone (${load()})`, `${(deleteMs / 1000).toFixed(1)} s`, `< ${(deleteTargetMs / 1000).toFixed(1)} s`, deleteTargetMs / deleteMs);
      console.log(`  ${label}, deletion: CPU seconds per 1,000 pods: ${cpuPer1000(after, gone, size)}`);
      const deleted = await accounting.report(`${label}, deletion`, namespace, size, deleteMs / 1000);
      console.log(`  ${label}, deletion: API server CPU per object write: ${(((gone.apiserver?.cpu ?? 0) - (after.apiserver?.cpu ?? 0)) * 1000 / deleted.objectWrites).toFixed(2)} ms`);
      const apiPer1000 = ((after.apiserver?.rss ?? 0) - (before.apiserver?.rss ?? 0)) / MB / (size / 1000);
      rows.push(
        `${String(size).padStart(7)} pods  ${((size * 1000) / rollout.ms).toFixed(0).padStart(5)} pods/s  p99 ${(percentile(rollout.latencies, 99) / 1000).toFixed(2)} s  ` +
          `delete ${((size * 1000) / deleteMs).toFixed(0).padStart(5)} pods/s  API server +${apiPer1000.toFixed(1)} MB/1000 pods (RSS ${((after.apiserver?.rss ?? 0) / MB).toFixed(0)} MB)  ` +
          `node-sim ${((after['node-sim']?.rss ?? 0) / MB / (nodes / 100)).toFixed(1)} MB/100 nodes  SQL writes/pod ${(accounted.writeStatements / size).toFixed(1)} up, ${(deleted.writeStatements / size).toFixed(1)} down  (${load()})`,
      );
    }
    if (!process.env.BENCH_SKIP_MANY) {
      const total = deployments * perDeployment;
      const many = Array.from({ length: deployments }, (_, i) => deployment(`d${i}`, 'scale-many', perDeployment));
      await accounting.begin();
      const before = processFigures();
      const rollout = await rollOut(client, 'scale-many', many, total);
      rollout.tracker.close();
      reportRollout(`${deployments} Deployments of ${perDeployment}`, total, rollout);
      console.log(`  ${deployments} Deployments of ${perDeployment}: CPU seconds per 1,000 pods: ${cpuPer1000(before, processFigures(), total)}`);
      await accounting.report(`${deployments} Deployments of ${perDeployment}`, 'scale-many', total, rollout.ms / 1000);
    }
    await reportEventDelivery(pg, replicas + growth.reduce((sum, n) => sum + n, 0) + (process.env.BENCH_SKIP_MANY ? 0 : deployments * perDeployment));
    line(`store raw group-commit rate at the end (16 writers, ${load()})`, `${(await rawWriteRate(drydock.databaseUrl, 16, 3)).toFixed(0)}/s`);
    console.log('How cost grows (each a fresh Deployment on the same nodes):');
    for (const row of rows) console.log(`  ${row}`);
    const findings = logFindings(join(dataDir, 'logs'));
    console.log(findings.length ? `Problems in the processes' logs:\n  ${findings.join('\n  ')}` : 'No "dropping event", "leadership lost" or second election in the processes\' logs.');
    console.log('(ratio >= 1 meets the target; targets from issue #14, anchors in bench/README.md)');
  } finally {
    unregister();
    await pg.end().catch(() => undefined);
    await drydock.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
