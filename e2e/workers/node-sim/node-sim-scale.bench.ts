/**
 * Node simulator scale figures against a real Drydock (no scheduler involvement: pods carry
 * spec.nodeName). Run: `node -r ./tools/register-typescript.js e2e/workers/node-sim/node-sim-scale.bench.ts`
 * with BENCH_NODES (default 1000), BENCH_PODS (default 10000) and optionally BENCH_RATE (pod creates
 * per second; default as fast as 64 parallel creates go), BENCH_IMAGE (default nginx:1.27) and
 * BENCH_COMMAND (a shell line run as `sh -c`, e.g. `sleep 3600`; default the image's own). Prints: time until every Node is
 * Ready, pod create rate, time until every pod is Running, pods/s, creation→Running p50/p99, RSS.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKubeClient, KubeClient, loadKubeconfig, resources, SharedInformer } from '@drydock/client';
import { launchDrydock } from '@drydock/launcher';
import { findFreePort } from '@drydock/storage';
import { expandPools, DEFAULT_CAPACITY, startNodeSimulator } from '@drydock/node-sim';
import { createClock, KubeObject } from '@drydock/util';


const CONTAINER = { name: 'web', image: process.env.BENCH_IMAGE ?? 'nginx:1.27', ...(process.env.BENCH_COMMAND ? { command: ['sh', '-c', process.env.BENCH_COMMAND] } : {}) };

/** Creates pods with 64 in flight; with `ratePerSecond`, the i-th create starts no earlier than i/rate s. */
async function createPods(client: KubeClient, count: number, nodes: number, createdAt: Map<string, number>, ratePerSecond?: number): Promise<void> {
  let next = 0;
  const begin = Date.now();
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const due = ratePerSecond ? begin + (i * 1000) / ratePerSecond : 0;
      if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
      const name = `bench-${i}`;
      const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { nodeName: `node-${(i % nodes) + 1}`, containers: [CONTAINER] } };
      createdAt.set(name, Date.now());
      await client.create(resources.pods, 'default', pod);
    }
  };
  await Promise.all(Array.from({ length: 64 }, worker));
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function main(): Promise<void> {
  const nodeCount = Number(process.env.BENCH_NODES ?? 1000);
  const podCount = Number(process.env.BENCH_PODS ?? 10000);
  const dataDir = mkdtempSync(join(tmpdir(), 'drydock-node-sim-bench-'));
  const drydock = await launchDrydock({ dataDir, apiHost: '127.0.0.1', apiPort: await findFreePort(), nodes: 0 }, () => undefined);
  const kubeconfig = join(dataDir, 'kubeconfig');
  const simClient = createKubeClient(loadKubeconfig(kubeconfig, 'kubelet'));
  const benchClient = createKubeClient(loadKubeconfig(kubeconfig, 'bench'));
  try {
    const nodes = expandPools([{ namePrefix: 'node', count: nodeCount, capacity: { ...DEFAULT_CAPACITY }, instanceType: 'sim.large', zones: ['zone-a', 'zone-b', 'zone-c'], labels: {}, taints: [] }]);
    const started = Date.now();
    const eventConcurrency = process.env.BENCH_EVENT_CONCURRENCY ? Number(process.env.BENCH_EVENT_CONCURRENCY) : undefined;
    const simulator = await startNodeSimulator({ client: simClient, clock: createClock(1), nodes, kubeletToken: 'bench', eventConcurrency, log: () => undefined });
    await simulator.registered;
    const list = await benchClient.list(resources.nodes);
    const ready = list.items.filter((n) => ((n.status as { conditions?: Array<{ type: string; status: string }> }).conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True'));
    process.stdout.write(`nodes: ${ready.length}/${nodeCount} Ready ${((Date.now() - started) / 1000).toFixed(2)} s after start\n`);
    (globalThis as { gc?: () => void }).gc?.();
    process.stdout.write(`before the pods: heap after gc ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB; rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB\n`);
    await measurePods(benchClient, podCount, nodeCount);
    const cpu = process.cpuUsage();
    // With node --expose-gc, the live heap after a full collection (what the pods really hold).
    (globalThis as { gc?: () => void }).gc?.();
    process.stdout.write(`heap after gc: ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB; rss: ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB, cpu ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s over ${((Date.now() - started) / 1000).toFixed(0)} s (bench + simulator in one process)\n`);
    await simulator.stop();
  } finally {
    simClient.close();
    benchClient.close();
    await drydock.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function measurePods(client: KubeClient, podCount: number, nodeCount: number): Promise<void> {
  const createdAt = new Map<string, number>();
  const runningAt = new Map<string, number>();
  const informer = new SharedInformer<KubeObject>(client, resources.pods, { namespace: 'default', log: () => undefined });
  const seen = (pod: KubeObject) => {
    const name = pod.metadata.name!;
    if ((pod.status as { phase?: string } | undefined)?.phase === 'Running' && !runningAt.has(name)) runningAt.set(name, Date.now());
  };
  informer.onAdd(seen).onUpdate((_old, pod) => seen(pod));
  informer.start();
  const started = Date.now();
  const rate = process.env.BENCH_RATE ? Number(process.env.BENCH_RATE) : undefined;
  await createPods(client, podCount, nodeCount, createdAt, rate);
  const created = Date.now();
  process.stdout.write(`pods: ${podCount} created in ${((created - started) / 1000).toFixed(2)} s (${(podCount / ((created - started) / 1000)).toFixed(0)} creates/s)\n`);
  while (runningAt.size < podCount && Date.now() - started < 600_000) await new Promise((resolve) => setTimeout(resolve, 100));
  const done = Date.now();
  const latencies = [...runningAt].map(([name, at]) => at - (createdAt.get(name) ?? at));
  process.stdout.write(`pods: ${runningAt.size}/${podCount} Running ${((done - started) / 1000).toFixed(2)} s after the first create (${(runningAt.size / ((done - started) / 1000)).toFixed(0)} pods/s end to end)\n`);
  process.stdout.write(`pod creation→Running (seen by a watch): p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms\n`);
  await informer.stop();
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
