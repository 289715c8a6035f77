import { defaultProfile, newPodInfo, Node, Pod, SchedulerCache, SchedulingAlgorithm } from '@drydock/scheduler';

/**
 * The scheduling cycle alone (no API): N nodes, M pods, each assumed onto its node as the scheduler
 * does. `node -r ./tools/register-typescript.js e2e/workers/scheduler/bench/algorithm.bench.ts [nodes] [pods]`.
 */
/** BENCH_SPREAD=1 adds zone and hostname spread constraints; BENCH_ANTI_AFFINITY=1 a preferred anti-affinity. */
function extraSpec(): Partial<Pod['spec']> {
  const selector = { matchLabels: { app: 'bench' } };
  if (process.env.BENCH_SPREAD) {
    return { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: selector }, { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: selector }] };
  }
  if (process.env.BENCH_ANTI_AFFINITY) {
    return { affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { labelSelector: selector, topologyKey: 'kubernetes.io/hostname' } }] } } };
  }
  return {};
}

function main(): void {
  const nodes = Number(process.argv[2] ?? 1000);
  const pods = Number(process.argv[3] ?? 10000);
  const cache = new SchedulerCache();
  for (let i = 0; i < nodes; i++) {
    const allocatable = { cpu: '4', memory: '16Gi', pods: '110' };
    const node: Node = { metadata: { name: `node-${i}`, labels: { 'kubernetes.io/hostname': `node-${i}`, 'topology.kubernetes.io/zone': `zone-${i % 3}` } }, status: { allocatable } };
    cache.addOrUpdateNode(node);
  }
  const algorithm = new SchedulingAlgorithm(defaultProfile());
  const started = process.hrtime.bigint();
  let unschedulable = 0;
  for (let i = 0; i < pods; i++) {
    const pod: Pod = { metadata: { name: `pod-${i}`, namespace: 'bench', labels: { app: 'bench' } }, spec: { containers: [{ name: 'c', resources: { requests: { cpu: '100m', memory: '128Mi' } } }], ...extraSpec() } };
    const info = newPodInfo(pod);
    const outcome = algorithm.schedule(info, cache);
    if (outcome.kind === 'scheduled') cache.assumePod(info, outcome.nodeName);
    else unschedulable++;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(`algorithm: ${pods} pods on ${nodes} nodes in ${seconds.toFixed(2)} s = ${Math.round(pods / seconds)} pods/s (${unschedulable} unschedulable)\n`);
}

main();
