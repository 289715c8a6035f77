/**
 * `npm run bench:api`: the API server's figures against the targets of issue #2, in one run on a fresh
 * Drydock (embedded PostgreSQL, started as `npm start` does). Prints figures and ratios; not a test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchDrydock } from '@drydock/launcher';
import { findFreePort } from '@drydock/storage';
import { BenchClient, median, percentile, stopOnSignal } from './bench-client';
import { rawWriteRate } from './store-rate';
import { benchUser, createTeams, interleavedGets, userClient, waitForBindings } from './authorization-load';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);

async function httpCreateRate(client: BenchClient, concurrency: number): Promise<{ rate: number; errors: number }> {
  let count = 0;
  let errors = 0;
  const deadline = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let i = 0; Date.now() < deadline; i++) {
        const res = await client.call('POST', '/api/v1/namespaces/bench/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${worker}-${i}` }, data: { k: 'v' } });
        if (res.status === 201) count++;
        else errors++;
      }
    }),
  );
  return { rate: count / seconds, errors };
}

async function getLatencies(client: BenchClient, n: number): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    const res = await client.call('GET', `/api/v1/namespaces/bench/configmaps/cm-0-${i % 10}`);
    if (res.status !== 200) throw new Error(`GET failed: ${res.status} ${res.body}`);
    latencies.push(performance.now() - started);
  }
  return latencies;
}

async function createPods(client: BenchClient, total: number, concurrency: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const res = await client.call('POST', '/api/v1/namespaces/pods-bench/pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: `pod-${String(i).padStart(5, '0')}`, labels: { app: 'bench' } }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } });
        if (res.status !== 201) throw new Error(`pod create failed: ${res.status} ${res.body}`);
      }
    }),
  );
}

async function pagedListMs(client: BenchClient): Promise<{ ms: number; items: number }> {
  const started = performance.now();
  let items = 0;
  let token = '';
  do {
    const res = await client.call('GET', `/api/v1/namespaces/pods-bench/pods?limit=500${token ? `&continue=${encodeURIComponent(token)}` : ''}`);
    const body = JSON.parse(res.body);
    items += body.items.length;
    token = body.metadata.continue ?? '';
  } while (token);
  return { ms: performance.now() - started, items };
}

/**
 * Watch latency under write load. `fromSend` is end to end (client send → watcher receipt, so it
 * includes the write itself); `fromCommit` starts when the write's response arrived (an upper bound of
 * the commit time), the closest a client can get to upstream's SLI "stored → sent to watchers".
 */
async function watchLatencies(client: BenchClient, watchers: number, writesPerSecond: number): Promise<{ fromSend: number[]; fromCommit: number[] }> {
  const latencies: number[] = [];
  const received: { name: string; at: number }[] = [];
  const committed = new Map<string, number>();
  const start = JSON.parse((await client.call('GET', '/api/v1/namespaces/watch-bench/configmaps')).body).metadata.resourceVersion;
  const closers = await Promise.all(
    Array.from({ length: watchers }, () =>
      client.watch(`/api/v1/namespaces/watch-bench/configmaps?watch=true&resourceVersion=${start}`, (event) => {
        const sent = Number(event.object.metadata.annotations?.['bench/sent-ms']);
        if (sent) latencies.push(Date.now() - sent);
        received.push({ name: (event.object.metadata as { name?: string }).name ?? '', at: Date.now() });
      }),
    ),
  );
  const total = writesPerSecond * seconds;
  const interval = 1000 / writesPerSecond;
  const begin = Date.now();
  const inflight: Promise<unknown>[] = [];
  for (let i = 0; i < total; i++) {
    const due = begin + i * interval;
    if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
    inflight.push(client.call('POST', '/api/v1/namespaces/watch-bench/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `w-${i}`, annotations: { 'bench/sent-ms': String(Date.now()) } } }).then(() => committed.set(`w-${i}`, Date.now())));
  }
  await Promise.all(inflight);
  await new Promise((r) => setTimeout(r, 1000));
  closers.forEach((close) => close());
  const fromCommit = received.map((r) => Math.max(0, r.at - (committed.get(r.name) ?? r.at)));
  return { fromSend: latencies, fromCommit };
}

function line(name: string, value: string, target: string, ratio: number): void {
  console.log(`${name.padEnd(46)} ${value.padStart(14)}   target ${target.padEnd(18)} ratio ${ratio.toFixed(2)}`);
}

/**
 * Authorization on with many bindings (issue #9): 1,000 users in 100 teams (300 RoleBindings from the
 * team controller), gets as the admin and as a team member side by side; the member's p99 may exceed the
 * admin's by under 10 %.
 */
async function authorizationPhase(): Promise<void> {
  const users = Number(process.env.BENCH_USERS ?? 1000);
  const teams = Number(process.env.BENCH_TEAMS ?? 100);
  // Its own Drydock with the control loop: the team controller turns the Teams into RoleBindings.
  const dataDir = mkdtempSync(join(tmpdir(), 'drydock-bench-rbac-'));
  const drydock = await launchDrydock({ dataDir, apiHost: '127.0.0.1', apiPort: await findFreePort(), controlLoop: true, nodes: 1 }, () => undefined);
  const unregister = stopOnSignal(() => drydock.stop().finally(() => rmSync(dataDir, { recursive: true, force: true })));
  try {
    const admin = new BenchClient(join(dataDir, 'kubeconfig'));
    const started = performance.now();
    await createTeams(admin, users, teams);
    const bindings = await waitForBindings(admin, teams);
    console.log(`authorization: ${users} users, ${teams} teams, ${bindings} team RoleBindings in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    for (let i = 0; i < 10; i++) await admin.call('POST', '/api/v1/namespaces/team-0/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `auth-${i}` }, data: { k: 'v' } });
    const member = await userClient(admin, benchUser, dataDir);
    // The authorizer reads bindings from the watch cache: wait until the member's first get is allowed.
    for (let tries = 0; (await member.call('GET', '/api/v1/namespaces/team-0/configmaps/auth-0')).status !== 200; tries++) {
      if (tries > 300) throw new Error(`${benchUser} is still refused in team-0`);
      await new Promise((r) => setTimeout(r, 100));
    }
    await interleavedGets(admin, member, 'team-0', 200); // warm both paths
    const gets = await interleavedGets(admin, member, 'team-0', 2000);
    const [adminP99, memberP99] = [percentile(gets.admin, 99), percentile(gets.member, 99)];
    console.log(`get p99 as the admin (system:masters)             ${adminP99.toFixed(2).padStart(8)} ms   p50 ${median(gets.admin).toFixed(2)} ms`);
    console.log(`get p99 as ${benchUser} (RBAC, view in team-0)      ${memberP99.toFixed(2).padStart(8)} ms   p50 ${median(gets.member).toFixed(2)} ms`);
    const added = memberP99 / adminP99 - 1;
    line('authorization adds to get p99', `${(added * 100).toFixed(1)} %`, '< 10 %', 0.1 / Math.max(0.001, added));
  } finally {
    unregister();
    await drydock.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  // BENCH_ONLY=authorization runs only the authorization phase (it starts its own Drydock).
  if (process.env.BENCH_ONLY !== 'authorization') await storePhases();
  await authorizationPhase();
  console.log('(ratio >= 1 meets the target)');
}

async function storePhases(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'drydock-bench-'));
  const port = await findFreePort();
  const quiet = () => undefined;
  const drydock = await launchDrydock({ dataDir, apiHost: '127.0.0.1', apiPort: port }, quiet);
  const unregister = stopOnSignal(() => drydock.stop().finally(() => rmSync(dataDir, { recursive: true, force: true })));
  try {
    const client = new BenchClient(join(dataDir, 'kubeconfig'));
    for (const ns of ['bench', 'pods-bench', 'watch-bench']) await client.call('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    const databaseUrl = drydock.databaseUrl;
    console.log(`Drydock API benchmark (${seconds}s per phase, ${new Date().toISOString()})`);
    const rawSerial = await rawWriteRate(databaseUrl, 1, seconds);
    const raw16 = await rawWriteRate(databaseUrl, 16, seconds);
    console.log(`raw drydock_write() rate, 1 connection:        ${rawSerial.toFixed(0)} writes/s`);
    console.log(`raw drydock_write() rate, 16 connections:      ${raw16.toFixed(0)} writes/s (the physical reference)`);
    const creates = await httpCreateRate(client, 16);
    line('creates/s over HTTPS, 16 clients', `${creates.rate.toFixed(0)}/s`, '>= 40% of raw', creates.rate / raw16 / 0.4);
    if (creates.errors) console.log(`  (${creates.errors} failed creates)`);
    const gets = await getLatencies(client, 2000);
    line('get p99', `${percentile(gets, 99).toFixed(2)} ms`, '< 10 ms', 10 / percentile(gets, 99));
    console.log(`  get p50 ${median(gets).toFixed(2)} ms`);
    await createPods(client, 10_000, 16);
    const lists = [] as number[];
    for (let i = 0; i < 5; i++) {
      const run = await pagedListMs(client);
      if (run.items !== 10_000) throw new Error(`listed ${run.items} pods, expected 10000`);
      lists.push(run.ms);
    }
    line('list 10,000 pods in pages of 500 (median of 5)', `${median(lists).toFixed(0)} ms`, '< 1000 ms', 1000 / median(lists));
    const watch = await watchLatencies(client, 100, 500);
    line('watch latency p99 (write response → watcher)', `${percentile(watch.fromCommit, 99).toFixed(1)} ms`, '< 100 ms', 100 / Math.max(1, percentile(watch.fromCommit, 99)));
    line('watch latency p99 (client send → watcher)', `${percentile(watch.fromSend, 99).toFixed(1)} ms`, '< 100 ms', 100 / percentile(watch.fromSend, 99));
    console.log(`  100 watchers, 500 writes/s; p50 ${median(watch.fromCommit).toFixed(1)} / ${median(watch.fromSend).toFixed(1)} ms; events received ${watch.fromSend.length} of ${100 * 500 * seconds}`);
  } finally {
    unregister();
    await drydock.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
