import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKubeClient, KubeClient, loadKubeconfig, resources } from '@drydock/client';
import { launchDrydock } from '@drydock/launcher';
import { findFreePort } from '@drydock/storage';
import { Scheduler } from '@drydock/scheduler';
import { createClock, KubeObject } from '@drydock/util';
import { nodeObject, podObject } from '../support/scheduler-cluster';

/**
 * Scheduler throughput against a real Drydock, as scheduler_perf measures it: N nodes and M pending
 * pods exist first; then the scheduler starts and the clock runs until every pod is bound.
 * `node -r ./tools/register-typescript.js e2e/workers/scheduler/bench/scheduler-throughput.bench.ts [nodes] [pods]`
 */
const SCHEDULER = 'bench-scheduler';


async function inParallel<T>(items: T[], concurrency: number, run: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await run(items[next++]);
  }));
}

async function createObjects(client: KubeClient, nodes: number, pods: number): Promise<void> {
  let started = Date.now();
  await inParallel([...Array(nodes).keys()], 32, async (i) => {
    const node = nodeObject(`node-${i}`, { labels: { 'topology.kubernetes.io/zone': `zone-${i % 3}` } });
    const created = await client.create(resources.nodes, '', node);
    await client.update(resources.nodes, { ...created, status: node.status } as KubeObject, { subresource: 'status' });
  });
  log(`created ${nodes} nodes in ${secondsSince(started)} s`);
  await client.create(resources.namespaces, '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bench' } });
  started = Date.now();
  await inParallel([...Array(pods).keys()], 64, (i) => client.create(resources.pods, 'bench', { ...podObject(`pod-${i}`, { cpu: '100m', schedulerName: SCHEDULER }, { app: 'bench' }) }));
  log(`created ${pods} pending pods in ${secondsSince(started)} s`);
}

async function measure(client: KubeClient, pods: number): Promise<void> {
  const events = process.env.BENCH_NO_EVENTS ? { scheduled: () => undefined, failedScheduling: () => undefined } : undefined;
  const scheduler = new Scheduler({ client, clock: createClock(1), schedulerName: SCHEDULER, log, events, bindConcurrency: Number(process.env.BENCH_BINDS ?? 64) });
  let started = Date.now();
  await scheduler.startInformers(300_000);
  log(`informers synced in ${secondsSince(started)} s (${scheduler.queue.length} pods queued)`);
  started = Date.now();
  const cpuBefore = process.cpuUsage();
  await scheduler.start();
  while (scheduler.stats().scheduled < pods) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (Date.now() - started > 600_000) throw new Error(`only ${scheduler.stats().scheduled} bound after 600 s`);
  }
  const seconds = (Date.now() - started) / 1000;
  log(`SCHEDULED ${pods} pods on their nodes in ${seconds.toFixed(2)} s = ${Math.round(pods / seconds)} pods/s; stats ${JSON.stringify(scheduler.stats())}; rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB; scheduler-process cpu ${cpuSeconds(process.cpuUsage(cpuBefore))} s`);
  await scheduler.stop();
}

const cpuSeconds = (usage: NodeJS.CpuUsage) => ((usage.user + usage.system) / 1e6).toFixed(2);
const secondsSince = (start: number) => ((Date.now() - start) / 1000).toFixed(2);
const log = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const nodes = Number(process.argv[2] ?? 1000);
  const pods = Number(process.argv[3] ?? 10000);
  const dataDir = mkdtempSync(join(tmpdir(), 'drydock-scheduler-bench-'));
  const drydock = await launchDrydock({ dataDir, apiHost: '127.0.0.1', apiPort: await findFreePort(), nodes: 0 }, () => undefined);
  const client = createKubeClient(loadKubeconfig(join(dataDir, 'kubeconfig'), 'scheduler-bench'));
  try {
    await createObjects(client, nodes, pods);
    await measure(client, pods);
  } finally {
    client.close();
    await drydock.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
