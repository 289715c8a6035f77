import { defaultProfile, newPodInfo, Node, Pod, SchedulerCache, SchedulingAlgorithm } from '@drydock/scheduler';

/**
 * The scheduling cycle alone (no API): N nodes, M pods, each assumed onto its node as the scheduler
 * does. `node -r @swc-node/register e2e/workers/scheduler/bench/algorithm.bench.ts [nodes] [pods]`.
 */
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
    const pod: Pod = { metadata: { name: `pod-${i}`, namespace: 'bench', labels: { app: 'bench' } }, spec: { containers: [{ name: 'c', resources: { requests: { cpu: '100m', memory: '128Mi' } } }] } };
    const info = newPodInfo(pod);
    const outcome = algorithm.schedule(info, cache);
    if (outcome.kind === 'scheduled') cache.assumePod(info, outcome.nodeName);
    else unschedulable++;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(`algorithm: ${pods} pods on ${nodes} nodes in ${seconds.toFixed(2)} s = ${Math.round(pods / seconds)} pods/s (${unschedulable} unschedulable)\n`);
}

main();
