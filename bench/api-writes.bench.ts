/**
 * The API server's CPU and memory per object write, with no workers: Drydock's API server alone, driven
 * the way the control loop drives it for one pod (`bench:scale` without the scheduler, controllers and
 * kubelets, so nothing but the API server and PostgreSQL share the cores with this process).
 *
 * Per round of API_WRITES_PODS pods (1,000), API_WRITES_CLIENTS (32) at once: each pod created, bound,
 * patched Running through /status and given one Event (4 writes: "up"); then deleted with grace,
 * patched Succeeded and deleted with grace 0 (3 writes: "down"). API_WRITES_WATCHERS (3) watches of
 * every pod of every cluster, as the workers' informers. Prints, per round, the API server's CPU per
 * write from /proc and its RSS, with the load average; API_WRITES_ROUNDS rounds (4) after a warm-up.
 * API_WRITES_KEEP=1 leaves the pods in place (no "down" half) so memory per pod can be read;
 * API_WRITES_HEAP_SNAPSHOT=1 starts the API server with --heapsnapshot-signal=SIGUSR2 and writes a
 * heap snapshot at the end (into its working directory). API_WRITES_PORT picks the API port.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchDrydock } from '@drydock/launcher';
import { BenchClient, median, stopOnSignal } from './bench-client';

const pods = Number(process.env.API_WRITES_PODS ?? 1000);
const clients = Number(process.env.API_WRITES_CLIENTS ?? 32);
const watchers = Number(process.env.API_WRITES_WATCHERS ?? 3);
const rounds = Number(process.env.API_WRITES_ROUNDS ?? 4);
const keep = process.env.API_WRITES_KEEP === '1';
const ticks = 100; // USER_HZ

const load = () => loadavg().map((n) => n.toFixed(1)).join(' ');

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticks;
}

function rssMegabytes(pid: number): number {
  return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
}

/** Sends a request, again after a pause while the server answers "try again later" (429, ServerTimeout: a loaded machine). */
async function check(call: () => Promise<{ status: number; body: string }>, what: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const { status, body } = await call();
    if (status < 300) return;
    if (attempt < 10 && (status === 429 || body.includes('"ServerTimeout"'))) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      continue;
    }
    throw new Error(`${what}: ${status} ${body.slice(0, 300)}`);
  }
}

function pod(name: string): unknown {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: 'bench', 'pod-template-hash': '64778cbff4' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'bench-64778cbff4', uid: '3f1e0c9e-7b7c-4d3a-9b8e-0d1f6f1b2a11', controller: true, blockOwnerDeletion: true }] },
    spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }], resources: { requests: { cpu: '10m', memory: '16Mi' } } }], terminationGracePeriodSeconds: 30 },
  };
}

function runningStatus(ip: string): unknown {
  const now = new Date().toISOString();
  return {
    status: {
      phase: 'Running',
      hostIP: '10.0.0.1',
      podIP: ip,
      podIPs: [{ ip }],
      startTime: now,
      conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({ type, status: 'True', lastTransitionTime: now })),
      containerStatuses: [{ name: 'web', image: 'docker.io/library/nginx:1.27', imageID: 'docker.io/library/nginx@sha256:0123', containerID: 'containerd://0123', ready: true, started: true, restartCount: 0, state: { running: { startedAt: now } } }],
    },
  };
}

function event(namespace: string, podName: string, index: number): unknown {
  const now = new Date().toISOString();
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${podName}.${index.toString(16)}`, namespace },
    involvedObject: { apiVersion: 'v1', kind: 'Pod', name: podName, namespace },
    reason: 'Started',
    message: 'Started container web',
    type: 'Normal',
    source: { component: 'kubelet', host: 'node-1' },
    firstTimestamp: now,
    lastTimestamp: now,
    count: 1,
    reportingComponent: 'kubelet',
    reportingInstance: 'node-1',
  };
}

async function inParallel(count: number, body: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: clients }, async () => {
    while (next < count) await body(next++);
  }));
}

async function up(client: BenchClient, namespace: string, prefix: string): Promise<void> {
  await inParallel(pods, async (i) => {
    const name = `${prefix}-${i}`;
    const base = `/api/v1/namespaces/${namespace}/pods`;
    await check(() => client.call('POST', base, pod(name)), 'create');
    await check(() => client.call('POST', `${base}/${name}/binding`, { apiVersion: 'v1', kind: 'Binding', metadata: { name }, target: { apiVersion: 'v1', kind: 'Node', name: `node-${i % 200}` } }), 'bind');
    await check(() => client.call('PATCH', `${base}/${name}/status`, runningStatus(`10.244.${(i >> 8) & 255}.${i & 255}`), 'application/merge-patch+json'), 'status');
    await check(() => client.call('POST', `/api/v1/namespaces/${namespace}/events`, event(namespace, name, i)), 'event');
  });
}

async function down(client: BenchClient, namespace: string, prefix: string): Promise<void> {
  await inParallel(pods, async (i) => {
    const path = `/api/v1/namespaces/${namespace}/pods/${prefix}-${i}`;
    await check(() => client.call('DELETE', `${path}?gracePeriodSeconds=30`), 'delete');
    await check(() => client.call('PATCH', `${path}/status`, { status: { phase: 'Succeeded' } }, 'application/merge-patch+json'), 'status');
    await check(() => client.call('DELETE', `${path}?gracePeriodSeconds=0`), 'delete now');
  });
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'drydock-api-writes-'));
  const port = Number(process.env.API_WRITES_PORT ?? 0) || 24100 + Math.floor(Math.random() * 800);
  if (process.env.API_WRITES_HEAP_SNAPSHOT) process.env.DRYDOCK_NODE_FLAGS = `${process.env.DRYDOCK_NODE_FLAGS ?? ''} --heapsnapshot-signal=SIGUSR2`.trim();
  const drydock = await launchDrydock({ dataDir, apiHost: '127.0.0.1', apiPort: port, controlLoop: false, controlPlane: false }, () => undefined);
  const unregister = stopOnSignal(() => drydock.stop().finally(() => rmSync(dataDir, { recursive: true, force: true })));
  const closers: Array<() => void> = [];
  try {
    const client = new BenchClient(join(dataDir, 'kubeconfig'), clients * 2);
    const pid = drydock.pids().apiserver!;
    const namespace = 'bench';
    await check(() => client.call('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } }), 'namespace');
    let seen = 0;
    for (let w = 0; w < watchers; w++) closers.push(await client.watch('/api/v1/pods?watch=1', () => seen++));
    console.log(`API server alone: ${pods} pods per round, ${clients} clients, ${watchers} pod watchers, ${rounds} rounds${keep ? ', pods kept' : ''} (${new Date().toISOString()}, load ${load()})`);
    const upPerWrite: number[] = [];
    const downPerWrite: number[] = [];
    for (let round = 0; round <= rounds; round++) {
      const prefix = `p${round}`;
      const rssBefore = rssMegabytes(pid);
      let cpu = cpuSeconds(pid);
      let started = Date.now();
      await up(client, namespace, prefix);
      const upMs = (cpuSeconds(pid) - cpu) * 1000 / (pods * 4);
      const upWall = (Date.now() - started) / 1000;
      const rssUp = rssMegabytes(pid);
      let line = `round ${round}${round === 0 ? ' (warm-up)' : ''}: up ${upMs.toFixed(3)} ms CPU per write (${upWall.toFixed(1)} s), RSS ${rssBefore.toFixed(0)} → ${rssUp.toFixed(0)} MB`;
      if (round > 0) upPerWrite.push(upMs);
      if (!keep) {
        cpu = cpuSeconds(pid);
        started = Date.now();
        await down(client, namespace, prefix);
        const downMs = (cpuSeconds(pid) - cpu) * 1000 / (pods * 3);
        line += `; down ${downMs.toFixed(3)} ms CPU per write (${((Date.now() - started) / 1000).toFixed(1)} s)`;
        if (round > 0) downPerWrite.push(downMs);
      }
      console.log(`${line}; load ${load()}`);
    }
    if (upPerWrite.length) console.log(`median up ${median(upPerWrite).toFixed(3)} ms per write${downPerWrite.length ? `, down ${median(downPerWrite).toFixed(3)} ms` : ''}`);
    console.log(`watch events seen ${seen}; API server RSS ${rssMegabytes(pid).toFixed(0)} MB; load ${load()}`);
    if (keep) {
      // The watch cache's window (75 s) still holds the rounds' events: wait past it for the steady state.
      const settleSeconds = Number(process.env.API_WRITES_SETTLE_SECONDS ?? 0);
      if (settleSeconds) {
        await new Promise((resolve) => setTimeout(resolve, settleSeconds * 1000));
        await check(() => client.call('GET', '/api/v1/namespaces/bench/pods?limit=1'), 'poke'); // one request, so the ring evicts
        console.log(`after ${settleSeconds} s: API server RSS ${rssMegabytes(pid).toFixed(0)} MB; load ${load()}`);
      }
    }
    if (process.env.API_WRITES_HEAP_SNAPSHOT) {
      process.kill(pid, 'SIGUSR2');
      await new Promise((resolve) => setTimeout(resolve, Number(process.env.API_WRITES_HEAP_WAIT_SECONDS ?? 60) * 1000));
      console.log(`heap snapshot written by the API server (pid ${pid}) into its working directory`);
    }
  } finally {
    closers.forEach((close) => close());
    unregister();
    await drydock.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
