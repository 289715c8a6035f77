/**
 * `npm run bench:scale`: the whole control loop at scale (issue #3's targets), on a fresh Drydock started
 * as `npm start` does (API server, controller-manager, scheduler, node simulator), real time (clock 1).
 * Prints figures and ratios; not a test. BENCH_NODES (1000), BENCH_REPLICAS (10000), BENCH_DEPLOYMENTS
 * (100 of BENCH_DEPLOYMENT_REPLICAS 100) size the phases; BENCH_SKIP_MANY=1 skips the second phase.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchDrydock } from '@drydock/launcher';
import { findFreePort } from '@drydock/storage';
import { BenchClient, median, percentile } from './bench-client';

const nodes = Number(process.env.BENCH_NODES ?? 1000);
const replicas = Number(process.env.BENCH_REPLICAS ?? 10000);
const deployments = Number(process.env.BENCH_DEPLOYMENTS ?? 100);
const perDeployment = Number(process.env.BENCH_DEPLOYMENT_REPLICAS ?? 100);
const phaseTimeoutMs = Number(process.env.BENCH_TIMEOUT_SECONDS ?? 600) * 1000;

interface PodEvent {
  type: string;
  object: { metadata: { name?: string; namespace?: string; creationTimestamp?: string; labels?: Record<string, string> }; status?: { phase?: string; conditions?: { type: string; status: string }[] } };
}

async function waitFor(what: string, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > phaseTimeoutMs) throw new Error(`${what}: not done within ${phaseTimeoutMs / 1000}s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
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
    spec: { replicas: count, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] } } },
  };
}

/** Watches pods of a namespace; records creation→Running latency per pod (first time it is Running). */
async function trackRunning(client: BenchClient, namespace: string): Promise<{ latencies: number[]; running: () => number; close: () => void }> {
  const seen = new Set<string>();
  const latencies: number[] = [];
  const close = await client.watch(`/api/v1/namespaces/${namespace}/pods?watch=true&resourceVersion=0`, (event) => {
    const pod = (event as unknown as PodEvent).object;
    if (pod.status?.phase !== 'Running' || seen.has(pod.metadata.name!)) return;
    seen.add(pod.metadata.name!);
    latencies.push(Date.now() - Date.parse(pod.metadata.creationTimestamp ?? new Date().toISOString()));
  });
  return { latencies, running: () => seen.size, close };
}

async function runPhase(client: BenchClient, namespace: string, objects: Record<string, unknown>[], total: number): Promise<{ ms: number; latencies: number[] }> {
  await client.call('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
  const tracker = await trackRunning(client, namespace);
  const started = Date.now();
  for (const object of objects) {
    const res = await client.call('POST', `/apis/apps/v1/namespaces/${namespace}/deployments`, object);
    if (res.status !== 201) throw new Error(`create failed: ${res.status} ${res.body}`);
  }
  await waitFor(`${total} pods Running`, async () => tracker.running() >= total);
  tracker.close();
  return { ms: Date.now() - started, latencies: tracker.latencies };
}

function line(name: string, value: string, target: string, ratio?: number): void {
  console.log(`${name.padEnd(52)} ${value.padStart(12)}   target ${target.padEnd(12)}${ratio === undefined ? '' : ` ratio ${ratio.toFixed(2)}`}`);
}

function report(label: string, total: number, phase: { ms: number; latencies: number[] }, targetMs: number): void {
  line(`${label}: apply → all ${total} Running`, `${(phase.ms / 1000).toFixed(1)} s`, `< ${targetMs / 1000} s`, targetMs / phase.ms);
  line(`${label}: end-to-end pods/s`, `${((total * 1000) / phase.ms).toFixed(0)}/s`, `> ${Math.ceil((total * 1000) / targetMs)}/s`);
  line(`${label}: pod startup latency p50`, `${(median(phase.latencies) / 1000).toFixed(1)} s`, '');
  line(`${label}: pod startup latency p99`, `${(percentile(phase.latencies, 99) / 1000).toFixed(1)} s`, '< 5 s', 5000 / percentile(phase.latencies, 99));
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'drydock-scale-'));
  const port = await findFreePort();
  const started = Date.now();
  const drydock = await launchDrydock({ dataDir, apiHost: '127.0.0.1', apiPort: port, controlLoop: true, nodes, clockScale: 1 }, () => undefined);
  try {
    const client = new BenchClient(join(dataDir, 'kubeconfig'));
    console.log(`Drydock scale benchmark: ${nodes} nodes, ${replicas} replicas, ${deployments}×${perDeployment} (${new Date().toISOString()})`);
    const readyMs = await waitFor(`${nodes} nodes Ready`, async () => (await readyNodes(client)) >= nodes);
    line(`${nodes} nodes Ready (from start of the control loop)`, `${((Date.now() - started) / 1000).toFixed(1)} s`, '< 30 s', 30000 / (Date.now() - started));
    console.log(`  (${(readyMs / 1000).toFixed(1)} s after the API server was ready)`);
    report(`one Deployment of ${replicas}`, replicas, await runPhase(client, 'scale-one', [deployment('big', 'scale-one', replicas)], replicas), 60000);
    if (!process.env.BENCH_SKIP_MANY) {
      const many = Array.from({ length: deployments }, (_, i) => deployment(`d${i}`, 'scale-many', perDeployment));
      report(`${deployments} Deployments of ${perDeployment}`, deployments * perDeployment, await runPhase(client, 'scale-many', many, deployments * perDeployment), 60000);
    }
    console.log('(ratio >= 1 meets the target)');
  } finally {
    await drydock.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
