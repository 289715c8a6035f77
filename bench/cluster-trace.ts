/**
 * Where a sandbox cluster's create → Ready goes (issue #10): starts Drydock as bench:clusters does, then
 * creates TRACE_CLUSTERS (10) clusters one at a time, TRACE_GAP_SECONDS (4) apart, and for each prints when
 * (ms after its POST) its first and last bootstrap namespace, its Bootstrapped condition, each Node and the
 * Ready phase were seen, and the CPU each Drydock process spent from the POST until TRACE_GAP_SECONDS after
 * Ready (from /proc: utime + stime). Not a test.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchDrydock } from '@drydock/launcher';
import { findFreePort } from '@drydock/storage';
import { BenchClient, median, stopOnSignal } from './bench-client';

const count = Number(process.env.TRACE_CLUSTERS ?? 10);
const gapMs = Number(process.env.TRACE_GAP_SECONDS ?? 4) * 1000;
const ticks = 100;

interface Seen { post: number; namespaces: number[]; bootstrapped?: number; nodes: number[]; ready?: number; done?: () => void }

function processes(root: number): Map<number, string> {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone
    }
  }
  const found = new Map<number, string>();
  const visit = (pid: number) => (children.get(pid) ?? []).forEach((child) => {
    try {
      const cmdline = readFileSync(`/proc/${child}/cmdline`, 'utf8');
      found.set(child, /apps\/([a-z-]+)\//.exec(cmdline)?.[1] ?? (cmdline.includes('postgres') ? 'postgres' : 'other'));
    } catch {
      // gone
    }
    visit(child);
  });
  visit(root);
  return found;
}

/** CPU ms per program (every PostgreSQL backend summed). */
function cpu(): Map<string, number> {
  const byProgram = new Map<string, number>();
  for (const [pid, program] of processes(process.pid)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ms = ((Number(fields[11]) + Number(fields[12])) * 1000) / ticks;
      byProgram.set(program, (byProgram.get(program) ?? 0) + ms);
    } catch {
      // gone
    }
  }
  return byProgram;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'drydock-trace-'));
  process.env.DRYDOCK_MAX_CLUSTERS_PER_OWNER ??= '0';
  const drydock = await launchDrydock({ dataDir, apiHost: '127.0.0.1', apiPort: process.env.BENCH_API_PORT ? Number(process.env.BENCH_API_PORT) : await findFreePort(), postgresPort: process.env.BENCH_POSTGRES_PORT ? Number(process.env.BENCH_POSTGRES_PORT) : undefined, controlLoop: true, nodes: 3, clockScale: 1 }, () => undefined);
  const unregister = stopOnSignal(() => drydock.stop().finally(() => rmSync(dataDir, { recursive: true, force: true })));
  try {
    const client = new BenchClient(join(dataDir, 'kubeconfig'));
    await new Promise((resolve) => setTimeout(resolve, 20_000));
    const seen = new Map<string, Seen>();
    const clusterOf = (object: { metadata: { annotations?: Record<string, string> } }) => object.metadata.annotations?.['drydock.dev/cluster'] ?? '';
    const list = async (path: string) => (JSON.parse((await client.call('GET', path)).body) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
    const closers = [
      await client.watch(`/clusters/*/api/v1/namespaces?watch=true&resourceVersion=${await list('/clusters/*/api/v1/namespaces')}`, (event) => {
        if (event.type === 'ADDED') seen.get(clusterOf(event.object))?.namespaces.push(Date.now());
      }),
      await client.watch(`/clusters/*/api/v1/nodes?watch=true&resourceVersion=${await list('/clusters/*/api/v1/nodes')}`, (event) => {
        if (event.type === 'ADDED') seen.get(clusterOf(event.object))?.nodes.push(Date.now());
        if (process.env.TRACE_EVENTS && seen.has(clusterOf(event.object))) console.log(`  node ${clusterOf(event.object)} +${Date.now() - seen.get(clusterOf(event.object))!.post} ms ${event.type} ${JSON.stringify((event.object as { status?: { conditions?: { type: string; status: string }[] } }).status?.conditions?.filter((c) => c.type === 'Ready'))}`);
      }),
      await client.watch('/apis/drydock.dev/v1/clusters?watch=true', (event) => {
        const cluster = event.object as { metadata: { name?: string }; status?: { phase?: string; conditions?: { type: string; status: string }[] } };
        const entry = seen.get(cluster.metadata.name ?? '');
        if (!entry) return;
        if (process.env.TRACE_EVENTS) console.log(`  ${cluster.metadata.name} +${Date.now() - entry.post} ms ${event.type} ${cluster.status?.phase} ${JSON.stringify(cluster.status?.conditions?.map((c) => `${c.type}=${c.status}`))} ready ${(cluster.status as { readyNodes?: number } | undefined)?.readyNodes}`);
        if (!entry.bootstrapped && cluster.status?.conditions?.some((c) => c.type === 'Bootstrapped' && c.status === 'True')) entry.bootstrapped = Date.now();
        if (!entry.ready && cluster.status?.phase === 'Ready') {
          entry.ready = Date.now();
          entry.done?.();
        }
      }),
    ];
    const rows: Record<string, number>[] = [];
    for (let i = 1; i <= count; i++) {
      const name = `trace-${i}`;
      const before = cpu();
      const entry: Seen = { post: Date.now(), namespaces: [], nodes: [] };
      const ready = new Promise<void>((resolve) => (entry.done = resolve));
      seen.set(name, entry);
      const response = await client.call('POST', '/apis/drydock.dev/v1/clusters', { apiVersion: 'drydock.dev/v1', kind: 'Cluster', metadata: { name }, spec: { owner: { user: 'admin' }, nodes: 3 } });
      if (response.status !== 201) throw new Error(`create ${name}: ${response.status} ${response.body}`);
      const posted = Date.now();
      await ready;
      await new Promise((resolve) => setTimeout(resolve, gapMs));
      const after = cpu();
      const at = (t: number | undefined) => (t === undefined ? NaN : t - entry.post);
      const row: Record<string, number> = {
        post: posted - entry.post, ns1: at(entry.namespaces[0]), nsN: at(entry.namespaces.at(-1)), boot: at(entry.bootstrapped), node1: at(entry.nodes[0]), node3: at(entry.nodes[2]), ready: at(entry.ready),
      };
      for (const [program, ms] of after) row[`cpu:${program}`] = ms - (before.get(program) ?? 0);
      rows.push(row);
      console.log(`${name} ${Object.entries(row).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(' ')} load ${loadavg()[0].toFixed(1)}`);
    }
    const keys = Object.keys(rows[0]);
    console.log(`median ${keys.map((k) => `${k} ${median(rows.map((r) => r[k] ?? 0)).toFixed(0)}`).join(' ')}`);
    closers.forEach((close) => close());
  } finally {
    unregister();
    await drydock.stop();
    if (process.env.BENCH_KEEP_DATA) console.log(`(data and logs kept in ${dataDir})`);
    else rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
