/**
 * `npm run bench:clusters`: sandbox clusters (issue #10) on a fresh Drydock started as `npm start` does
 * (API server, controller-manager, scheduler, node simulator; clock 1), printed beside the anchors of the
 * issue. Phases: (1) create BENCH_CLUSTERS_CREATE (20) clusters of 3 nodes one after another, each timed
 * from POST until its status.phase is Ready (its nodes are Ready); (2) the memory those idle clusters
 * added across every Drydock process (the sum of their resident sets, and of their proportional sets,
 * which count shared pages once: PostgreSQL's shared buffers are in every backend's RSS), measured after
 * BENCH_SETTLE_SECONDS (20) of quiet and again once idle for BENCH_IDLE_SECONDS (75: past the API server's
 * 65 s keep-alive timeout, which closes the sockets the workers' request pools kept from the creates, and
 * past V8's memory reducer) (BENCH_KEEP_DATA=1 keeps the data directory and its logs); (2b) one
 * cluster filled to BENCH_SNAPSHOT_OBJECTS (1,000) objects, then BENCH_SNAPSHOT_ROUNDS (5) times: a ClusterSnapshot
 * timed from POST until status.readyToUse, a change, and a restore timed from POST until its 201 (the cluster is
 * served again); (3) clusters up to
 * BENCH_CLUSTERS_MANY (100) in all (created 10 at a time), the memory per idle cluster over all of them once
 * idle BENCH_IDLE_SECONDS, then each running a Deployment of 5 replicas (timed from the first Deployment's POST,
 * with the CPU seconds every Drydock process spent meanwhile), then every cluster's API latency (GET of its
 * Deployment, LIST of its pods). Not a test.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchDrydock } from '@drydock/launcher';
import { findFreePort } from '@drydock/storage';
import { BenchClient, median, percentile, stopOnSignal } from './bench-client';

const createCount = Number(process.env.BENCH_CLUSTERS_CREATE ?? 20);
const manyCount = Number(process.env.BENCH_CLUSTERS_MANY ?? 100);
const settleMs = Number(process.env.BENCH_SETTLE_SECONDS ?? 20) * 1000;
const idleMs = Number(process.env.BENCH_IDLE_SECONDS ?? 75) * 1000;
const snapshotObjects = Number(process.env.BENCH_SNAPSHOT_OBJECTS ?? 1000);
const snapshotRounds = Number(process.env.BENCH_SNAPSHOT_ROUNDS ?? 5);
const phaseTimeoutMs = Number(process.env.BENCH_TIMEOUT_SECONDS ?? 900) * 1000;
const MiB = 1024 * 1024;

interface ClusterEvent { type: string; object: { metadata: { name?: string }; status?: { phase?: string } } }

/** Each figure with the 1-minute load average beside it: the machine may be shared. */
function line(name: string, value: string, target: string, anchor = ''): void {
  console.log(`${name.padEnd(58)} ${value.padStart(11)}   ${target.padEnd(14)} ${anchor}${anchor ? '; ' : ''}load ${loadavg()[0].toFixed(1)}`);
}

async function waitFor(what: string, check: () => Promise<boolean>, intervalMs = 500): Promise<void> {
  const deadline = Date.now() + phaseTimeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not done within ${phaseTimeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Every process below this one (the launcher's children: PostgreSQL, the API server, the workers). */
function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const found: number[] = [];
  const visit = (pid: number) => (children.get(pid) ?? []).forEach((child) => (found.push(child), visit(child)));
  visit(root);
  return found;
}

/** Resident and proportional set sizes of Drydock's processes, in bytes, in all and per program. */
function drydockMemory(): { rss: number; pss: number; byProgram: Map<string, number>; pssByProgram: Map<string, number> } {
  let rss = 0;
  let pss = 0;
  const byProgram = new Map<string, number>();
  const pssByProgram = new Map<string, number>();
  for (const pid of descendants(process.pid)) {
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      const resident = Number(/^Rss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0) * 1024;
      const proportional = Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0) * 1024;
      rss += resident;
      pss += proportional;
      const program = programOf(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
      byProgram.set(program, (byProgram.get(program) ?? 0) + resident);
      pssByProgram.set(program, (pssByProgram.get(program) ?? 0) + proportional);
    } catch {
      // Gone, or not ours to read.
    }
  }
  return { rss, pss, byProgram, pssByProgram };
}

/** CPU time (user + system) of Drydock's processes, in ms, per program (every PostgreSQL backend summed); a process that ended meanwhile is not counted. */
function drydockCpu(): Map<string, number> {
  const ticksPerSecond = 100;
  const byProgram = new Map<string, number>();
  for (const pid of descendants(process.pid)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const program = programOf(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
      byProgram.set(program, (byProgram.get(program) ?? 0) + ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond);
    } catch {
      // Gone, or not ours to read.
    }
  }
  return byProgram;
}

/** CPU seconds spent since `before`, in all and per program: a figure a busy machine changes less than wall-clock time. */
function cpuSince(before: Map<string, number>): string {
  const after = drydockCpu();
  const spent = [...after.keys()].sort().map((program) => [program, ((after.get(program) ?? 0) - (before.get(program) ?? 0)) / 1000] as const);
  return `${spent.reduce((sum, [, seconds]) => sum + seconds, 0).toFixed(1)} CPU s (${spent.map(([program, seconds]) => `${program} ${seconds.toFixed(1)}`).join(', ')})`;
}

function programOf(cmdline: string): string {
  return /apps\/([a-z-]+)\//.exec(cmdline)?.[1] ?? (cmdline.includes('postgres') ? 'postgres' : 'other');
}

function perProgram(before: Map<string, number>, after: Map<string, number>, clusters: number): string {
  return [...after.keys()].sort().map((program) => `${program} ${(((after.get(program) ?? 0) - (before.get(program) ?? 0)) / clusters / MiB).toFixed(2)}`).join(', ');
}

function clusterObject(name: string): Record<string, unknown> {
  return { apiVersion: 'drydock.dev/v1', kind: 'Cluster', metadata: { name }, spec: { owner: { user: 'admin' }, nodes: 3 } };
}

function deployment(name: string, replicas: number): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] } } },
  };
}

/** Resolves each cluster's first Ready, as the default cluster's watch of Cluster objects reports it. */
async function watchReady(client: BenchClient): Promise<{ ready(name: string): Promise<number>; close(): void }> {
  const readyAt = new Map<string, number>();
  const waiters = new Map<string, (at: number) => void>();
  const close = await client.watch('/apis/drydock.dev/v1/clusters?watch=true', (event) => {
    const cluster = (event as unknown as ClusterEvent).object;
    const name = cluster.metadata.name ?? '';
    if (cluster.status?.phase !== 'Ready' || readyAt.has(name)) return;
    readyAt.set(name, Date.now());
    waiters.get(name)?.(Date.now());
  });
  return { ready: (name) => (readyAt.has(name) ? Promise.resolve(readyAt.get(name)!) : new Promise((resolve) => waiters.set(name, resolve))), close };
}

/** A create, tried again (up to 5 times) when the server answers it could not finish in time (a loaded machine's 500 ServerTimeout, or 429). */
async function create(client: BenchClient, path: string, body: Record<string, unknown>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const response = await client.call('POST', path, body);
    // A retried create that had gone through the first time is there already.
    if (response.status === 201 || (attempt > 0 && response.status === 409)) return;
    const retry = (response.status === 429 || (response.status === 500 && response.body.includes('"ServerTimeout"'))) && attempt < 5;
    if (!retry) throw new Error(`POST ${path}: ${response.status} ${response.body}`);
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

async function createClusters(client: BenchClient, watcher: Awaited<ReturnType<typeof watchReady>>, names: string[], concurrency: number): Promise<number[]> {
  const latencies: number[] = [];
  const queue = [...names];
  const worker = async () => {
    for (let name = queue.shift(); name; name = queue.shift()) {
      const started = Date.now();
      const ready = watcher.ready(name);
      await create(client, '/apis/drydock.dev/v1/clusters', clusterObject(name));
      // unref: a pending deadline must not keep the bench alive once it is done (it did for 15 minutes).
      latencies.push((await Promise.race([ready, new Promise<number>((_, reject) => setTimeout(() => reject(new Error(`cluster ${name} not Ready within ${phaseTimeoutMs / 1000} s`)), phaseTimeoutMs).unref())])) - started);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return latencies;
}

async function availableEverywhere(client: BenchClient, names: string[]): Promise<boolean> {
  for (const name of names) {
    const response = await client.call('GET', `/clusters/${name}/apis/apps/v1/namespaces/default/deployments/web`);
    if ((JSON.parse(response.body) as { status?: { availableReplicas?: number } }).status?.availableReplicas !== 5) return false;
  }
  return true;
}

async function apiLatencies(client: BenchClient, names: string[]): Promise<number[]> {
  const latencies: number[] = [];
  for (let round = 0; round < 5; round++) {
    for (const name of names) {
      for (const path of [`/clusters/${name}/apis/apps/v1/namespaces/default/deployments/web`, `/clusters/${name}/api/v1/namespaces/default/pods`]) {
        const started = process.hrtime.bigint();
        const response = await client.call('GET', path);
        if (response.status !== 200) throw new Error(`GET ${path}: ${response.status}`);
        latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
    }
  }
  return latencies;
}

/** Fills `cluster` up to `objects` objects with ConfigMaps, then times snapshots and restores of it. */
async function snapshotAndRestore(client: BenchClient, cluster: string, objects: number): Promise<{ snapshot: number[]; restore: number[]; objects: number }> {
  const status = async () => (JSON.parse((await client.call('GET', `/apis/drydock.dev/v1/clusters/${cluster}`)).body) as { status?: { objects?: number } }).status;
  const missing = Math.max(0, objects - ((await status())?.objects ?? 0));
  for (let start = 0; start < missing; start += 50) {
    await Promise.all(Array.from({ length: Math.min(50, missing - start) }, (_, i) => create(client, `/clusters/${cluster}/api/v1/namespaces/default/configmaps`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `fill-${start + i}` }, data: { n: String(start + i) } })));
  }
  const snapshot: number[] = [];
  const restore: number[] = [];
  let taken = 0;
  for (let round = 0; round < snapshotRounds; round++) {
    const name = `${cluster}-round-${round}`;
    let started = Date.now();
    await create(client, '/apis/drydock.dev/v1/clustersnapshots', { apiVersion: 'drydock.dev/v1', kind: 'ClusterSnapshot', metadata: { name }, spec: { cluster } });
    await waitFor(`snapshot ${name} ready`, async () => {
      const status = (JSON.parse((await client.call('GET', `/apis/drydock.dev/v1/clustersnapshots/${name}`)).body) as { status?: { readyToUse?: boolean; objects?: number } }).status;
      taken = status?.objects ?? 0;
      return status?.readyToUse === true;
    }, 10);
    snapshot.push(Date.now() - started);
    await client.call('DELETE', `/clusters/${cluster}/api/v1/namespaces/default/configmaps/fill-${round}`);
    started = Date.now();
    const response = await client.call('POST', `/apis/drydock.dev/v1/clusters/${cluster}/restore`, { snapshot: name });
    if (response.status !== 201) throw new Error(`restore ${cluster} to ${name}: ${response.status} ${response.body}`);
    restore.push(Date.now() - started);
  }
  return { snapshot, restore, objects: taken };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'drydock-clusters-'));
  // Every cluster here is the admin's: past the default 10 per owner (ClusterOwnerQuota) unless lifted.
  process.env.DRYDOCK_MAX_CLUSTERS_PER_OWNER ??= '0';
  const drydock = await launchDrydock({ dataDir, apiHost: '127.0.0.1', apiPort: process.env.BENCH_API_PORT ? Number(process.env.BENCH_API_PORT) : await findFreePort(), postgresPort: process.env.BENCH_POSTGRES_PORT ? Number(process.env.BENCH_POSTGRES_PORT) : undefined, controlLoop: true, nodes: 3, clockScale: 1 }, () => undefined);
  const unregister = stopOnSignal(() => drydock.stop().finally(() => rmSync(dataDir, { recursive: true, force: true })));
  try {
    const client = new BenchClient(join(dataDir, 'kubeconfig'));
    console.log(`Drydock sandbox clusters benchmark: ${createCount} created one by one, ${manyCount} in all with a Deployment of 5 (${new Date().toISOString()})`);
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    const before = drydockMemory();
    const watcher = await watchReady(client);
    const first = Array.from({ length: createCount }, (_, i) => `bench-${i + 1}`);
    const created = await createClusters(client, watcher, first, 1);
    line('create a cluster until its 3 nodes are Ready, p50', `${median(created).toFixed(0)} ms`, '', '');
    line('create a cluster until its 3 nodes are Ready, p99', `${percentile(created, 99).toFixed(0)} ms`, 'target < 1 s', 'kwok ~5 s boot; vcluster seconds to minutes');
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    const settled = drydockMemory();
    line(`memory per cluster after ${settleMs / 1000} s (RSS, ${createCount} clusters)`, `${((settled.rss - before.rss) / createCount / MiB).toFixed(1)} MiB`, '', '');
    line(`memory per cluster after ${settleMs / 1000} s (PSS, ${createCount} clusters)`, `${((settled.pss - before.pss) / createCount / MiB).toFixed(1)} MiB`, '', '');
    console.log(`  (PSS per cluster by process, MiB: ${perProgram(before.pssByProgram, settled.pssByProgram, createCount)})`);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, idleMs - settleMs)));
    const after = drydockMemory();
    line(`memory per idle cluster after ${Math.max(idleMs, settleMs) / 1000} s (PSS, ${createCount} clusters)`, `${((after.pss - before.pss) / createCount / MiB).toFixed(1)} MiB`, 'target ≤ 5 MiB', 'kcp 7.4 MiB per workspace; kwok ~300 MB; vcluster ~250 MB');
    line(`memory per idle cluster after ${Math.max(idleMs, settleMs) / 1000} s (RSS, ${createCount} clusters)`, `${((after.rss - before.rss) / createCount / MiB).toFixed(1)} MiB`, '', '');
    console.log(`  (PSS per cluster by process, MiB: ${perProgram(before.pssByProgram, after.pssByProgram, createCount)})`);
    console.log(`  (RSS per cluster by process, MiB: ${perProgram(before.byProgram, after.byProgram, createCount)})`);
    console.log(`  (all Drydock processes: RSS ${(before.rss / MiB).toFixed(0)} → ${(after.rss / MiB).toFixed(0)} MiB, PSS ${(before.pss / MiB).toFixed(0)} → ${(after.pss / MiB).toFixed(0)} MiB)`);
    if (snapshotRounds > 0) {
      const timed = await snapshotAndRestore(client, first[0], snapshotObjects);
      line(`snapshot of a cluster of ${timed.objects} objects until readyToUse, p50`, `${median(timed.snapshot).toFixed(0)} ms`, 'target < 1 s', `max ${Math.max(...timed.snapshot)} ms over ${snapshotRounds}`);
      line(`restore of a cluster of ${timed.objects} objects until served, p50`, `${median(timed.restore).toFixed(0)} ms`, 'target < 1 s', `max ${Math.max(...timed.restore)} ms over ${snapshotRounds}`);
    }
    const rest = Array.from({ length: Math.max(0, manyCount - createCount) }, (_, i) => `bench-${createCount + i + 1}`);
    const manyStarted = Date.now();
    await createClusters(client, watcher, rest, 10);
    watcher.close();
    const all = [...first, ...rest];
    if (rest.length > 0) {
      // The idle memory again over every cluster: the noise of one process's heap is shared by more clusters.
      line(`${rest.length} more clusters created 10 at a time`, `${((Date.now() - manyStarted) / 1000).toFixed(1)} s`, '', '');
      await new Promise((resolve) => setTimeout(resolve, idleMs));
      const idle = drydockMemory();
      line(`memory per idle cluster after ${idleMs / 1000} s (PSS, ${all.length} clusters)`, `${((idle.pss - before.pss) / all.length / MiB).toFixed(1)} MiB`, 'target ≤ 5 MiB', 'kcp 7.4 MiB per workspace');
      console.log(`  (PSS per cluster by process, MiB: ${perProgram(before.pssByProgram, idle.pssByProgram, all.length)})`);
    }
    const deployStarted = Date.now();
    const deployCpu = drydockCpu();
    for (const name of all) await create(client, `/clusters/${name}/apis/apps/v1/namespaces/default/deployments`, deployment('web', 5));
    await waitFor(`${all.length} Deployments of 5 available`, () => availableEverywhere(client, all), 2000);
    line(`${all.length} clusters × 3 nodes × a Deployment of 5: all available`, `${((Date.now() - deployStarted) / 1000).toFixed(1)} s`, '', '');
    console.log(`  (from the first Deployment's POST: ${cpuSince(deployCpu)})`);
    const latencies = await apiLatencies(client, all);
    line(`per-cluster API latency over ${all.length} clusters, p50`, `${median(latencies).toFixed(1)} ms`, '', '');
    line(`per-cluster API latency over ${all.length} clusters, p99`, `${percentile(latencies, 99).toFixed(1)} ms`, 'target < 100 ms', '');
    const loaded = drydockMemory();
    console.log(`  (all Drydock processes with ${all.length} busy clusters: RSS ${(loaded.rss / MiB).toFixed(0)} MiB, PSS ${(loaded.pss / MiB).toFixed(0)} MiB)`);
  } finally {
    unregister();
    await drydock.stop();
    if (process.env.BENCH_KEEP_DATA) console.log(`  (data and logs kept in ${dataDir})`);
    else rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
