/**
 * CPU of one scheduling cycle of the default profile, without a server: a scheduler cache of
 * SCHED_BENCH_NODES nodes (3 zones, round-robin, as the node simulator labels them) holding
 * SCHED_BENCH_PODS pods of one ReplicaSet, then cycles as the scheduler runs them: schedule a new pod
 * of that ReplicaSet (PodTopologySpread's system defaults apply), assume it, confirm the previous one as
 * the informer would (a new object), and delete the oldest, so the cache stays at its size.
 *
 *   node -r ./tools/register-typescript.js e2e/workers/scheduler/bench/cycle-cpu.bench.ts [scheduler src dir]
 *
 * Prints µs of CPU per cycle (process.cpuUsage, user + system) for each of SCHED_BENCH_RUNS runs of
 * SCHED_BENCH_CYCLES cycles and their median, alternating two snapshots: the cache itself (`cache`:
 * counts kept across cycles where the plugins can) and the same nodes behind a snapshot without a
 * change list (`walk`: every count from scratch, as a fixed list); SCHED_BENCH_MODE=cache or walk runs one. A different scheduler source tree
 * (e.g. main's, extracted beside a node_modules link) can be given to measure it the same way.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

const src = path.resolve(process.argv[2] ?? path.join(__dirname, '../../../../libs/workers/scheduler/src'));
const { SchedulerCache } = require(path.join(src, 'cache/scheduler-cache'));
const { SchedulingAlgorithm } = require(path.join(src, 'framework/schedule-pod'));
const { defaultProfile } = require(path.join(src, 'plugins/default-profile'));
const { newPodInfo } = require(path.join(src, 'framework/node-info'));

const NODES = Number(process.env.SCHED_BENCH_NODES ?? 1000);
const PODS = Number(process.env.SCHED_BENCH_PODS ?? 5000);
const CYCLES = Number(process.env.SCHED_BENCH_CYCLES ?? 2000);
const RUNS = Number(process.env.SCHED_BENCH_RUNS ?? 5);
const ZONES = ['zone-a', 'zone-b', 'zone-c'];
const LABELS = { app: 'big', 'pod-template-hash': '7c9f8d6b5' };

function node(i: number) {
  const name = `node-${String(i).padStart(4, '0')}`;
  const resources = { cpu: '16', memory: '64Gi', pods: '110', 'ephemeral-storage': '100Gi' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': ZONES[i % ZONES.length] } },
    spec: {},
    status: { allocatable: resources, capacity: resources },
  };
}

function pod(i: number, nodeName?: string) {
  const name = `big-7c9f8d6b5-${String(i).padStart(6, '0')}`;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${i}`, labels: LABELS, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'big-7c9f8d6b5', uid: 'rs', controller: true }] },
    spec: { nodeName, containers: [{ name: 'app', image: 'nginx', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
  };
}

function cluster() {
  const cache = new SchedulerCache();
  for (let i = 0; i < NODES; i++) cache.addOrUpdateNode(node(i));
  for (let i = 0; i < PODS; i++) cache.addOrUpdatePod(pod(i, node(i % NODES).metadata.name));
  return cache;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function run(mode: 'cache' | 'walk', seed: number): number {
  const cache = cluster();
  const snapshot =
    mode === 'cache'
      ? cache
      : { nodeInfos: () => cache.nodeInfos(), get: (name: string) => cache.get(name), havePodsWithAffinity: () => cache.havePodsWithAffinity(), havePodsWithRequiredAntiAffinity: () => cache.havePodsWithRequiredAntiAffinity() };
  let state = seed;
  const random = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  const algorithm = new SchedulingAlgorithm(defaultProfile({ defaultSpreadSelector: () => ({ matchLabels: LABELS }) }), random);
  let oldest = 0;
  let previous: { i: number; nodeName: string } | undefined;
  const cycle = (i: number) => {
    const info = newPodInfo(pod(i));
    const outcome = algorithm.schedule(info, snapshot);
    if (outcome.kind !== 'scheduled') throw new Error(`pod ${i} unschedulable`);
    cache.assumePod(info, outcome.nodeName);
    if (previous) cache.addOrUpdatePod(pod(previous.i, previous.nodeName));
    previous = { i, nodeName: outcome.nodeName };
    cache.removePod(`default/${pod(oldest++).metadata.name}`);
  };
  for (let i = 0; i < 200; i++) cycle(PODS + i); // warm-up: compile, fill the per-node memos
  const start = process.cpuUsage();
  for (let i = 200; i < 200 + CYCLES; i++) cycle(PODS + i);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / CYCLES;
}

const results: Record<'cache' | 'walk', number[]> = { cache: [], walk: [] };
console.log(`scheduler source ${src}; ${NODES} nodes, ${PODS} pods, ${CYCLES} cycles per run; ${execFileSync('uptime').toString().trim()}`);
for (let r = 0; r < RUNS; r++) {
  const order = r % 2 === 0 ? (['cache', 'walk'] as const) : (['walk', 'cache'] as const);
  for (const mode of order.filter((m) => !process.env.SCHED_BENCH_MODE || m === process.env.SCHED_BENCH_MODE)) {
    const us = run(mode, r + 1);
    results[mode].push(us);
    console.log(`run ${r + 1} ${mode}: ${us.toFixed(0)} µs CPU per cycle`);
  }
}
const medians = (['cache', 'walk'] as const).filter((mode) => results[mode].length).map((mode) => `${mode} ${median(results[mode]).toFixed(0)} µs`);
console.log(`median: ${medians.join(', ')} per cycle; ${execFileSync('uptime').toString().trim()}`);
