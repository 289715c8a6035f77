process.env.DRYDOCK_CLOCK_SCALE = '10';

import * as path from 'node:path';
import { expectSuccess } from '../harness/expectations';
import { deploymentManifest, FIXTURES_DIR } from '../harness/fixtures';
import { Json } from '../harness/json';
import { applyObjects, getJson } from '../harness/use-drydock';
import { eventually, nodeCondition, nodes, nodesReady, podTable, runningPods, useClusterDrydock } from './support/cluster';

const fixture = (file: string) => path.join(FIXTURES_DIR, 'cluster', file);
const nodesOf = (pods: Json[]) => pods.map((pod) => pod.spec.nodeName);
/** What `drain --ignore-daemonsets` leaves on a node: its DaemonSet pods (kube-proxy), which it does not evict. */
const daemonSetPod = (pod: Json) => pod.metadata.ownerReferences?.some((owner: Json) => owner.kind === 'DaemonSet') ?? false;

describe('node maintenance: cordon, drain with a PodDisruptionBudget, a node powered off', () => {
  const drydock = useClusterDrydock();
  const kubectl = (...args: string[]) => drydock().run(args);
  const nodeRow = async (name: string) => expectSuccess(await kubectl('get', 'node', name, '--no-headers'));

  beforeAll(async () => {
    await nodesReady(drydock());
  });

  it('cordon node-1 marks it SchedulingDisabled and new pods avoid it', async () => {
    expect(expectSuccess(await kubectl('cordon', 'node-1'))).toBe('node/node-1 cordoned\n');
    expect(await nodeRow('node-1')).toMatch(/^node-1\s+Ready,SchedulingDisabled\s+<none>\s+/);
    expect(await nodeRow('node-2')).toMatch(/^node-2\s+Ready\s+<none>\s+/);
    expect((await getJson(drydock(), ['node', 'node-1'])).spec.unschedulable).toBe(true);

    await applyObjects(drydock(), deploymentManifest('spread', 'nginx:1.27', 6));
    const pods = await runningPods(drydock(), 'app=spread', 6);
    expect(nodesOf(pods)).not.toContain('node-1');
    expect(new Set(nodesOf(pods))).toEqual(new Set(['node-2', 'node-3']));
  });

  it('drain node-2 evicts its pods, waits for the PodDisruptionBudget, and completes once replacements are Ready', async () => {
    // All three `api` pods on node-2 (node-1 and node-3 cordoned meanwhile), so that draining node-2
    // must evict more of them than the budget (minAvailable 2) allows at once.
    expectSuccess(await kubectl('cordon', 'node-1'));
    expectSuccess(await kubectl('cordon', 'node-3'));
    await applyObjects(drydock(), deploymentManifest('api', 'nginx:1.27', 3));
    expect(nodesOf(await runningPods(drydock(), 'app=api', 3))).toEqual(['node-2', 'node-2', 'node-2']);
    expect(expectSuccess(await kubectl('apply', '-f', fixture('api-pdb.yaml')))).toBe('poddisruptionbudget.policy/api-pdb created\n');
    expectSuccess(await kubectl('uncordon', 'node-3'));
    expectSuccess(await drydock().run(['wait', '--for=jsonpath={.status.disruptionsAllowed}=1', 'pdb/api-pdb', '--timeout=30s'], { timeoutMs: 60_000 }));
    const onNode2 = (await getJson(drydock(), ['pods', '-A', '--field-selector', 'spec.nodeName=node-2'])).items.filter((pod: Json) => !daemonSetPod(pod));

    const drain = await drydock().run(['drain', 'node-2', '--ignore-daemonsets', '--force', '--delete-emptydir-data', '--timeout=120s'], { timeoutMs: 150_000 });
    const printed = `${drain.stdout}${drain.stderr}`;
    expectSuccess(drain);
    expect(printed).toContain('node/node-2 cordoned');
    for (const pod of onNode2) expect(printed).toContain(`pod/${pod.metadata.name} evicted`);
    expect(printed).toMatch(
      /error when evicting pods\/"api-[a-z0-9]+-[a-z0-9]{5}" -n "default" \(will retry after 5s\): Cannot evict pod as it would violate the pod's disruption budget\./,
    );
    expect(drain.stdout).toMatch(/node\/node-2 drained\n$/);

    expect(await nodeRow('node-2')).toMatch(/^node-2\s+Ready,SchedulingDisabled\s+/);
    const left = (await getJson(drydock(), ['pods', '-A', '--field-selector', 'spec.nodeName=node-2'])).items;
    expect(left.filter((pod: Json) => !daemonSetPod(pod)).map((pod: Json) => pod.metadata.name)).toEqual([]);
    expect(left.map((pod: Json) => pod.metadata.name)).toEqual([expect.stringMatching(/^kube-proxy-[a-z0-9]{5}$/)]);
    expect(printed).toMatch(/Warning: ignoring DaemonSet-managed Pods: kube-system\/kube-proxy-[a-z0-9]{5}/);
    expect(nodesOf(await runningPods(drydock(), 'app=api', 3))).toEqual(['node-3', 'node-3', 'node-3']);
    await eventually('the budget to count 3 healthy pods again', async () => {
      const budget = await getJson(drydock(), ['pdb', 'api-pdb']);
      const { currentHealthy, desiredHealthy, disruptionsAllowed, expectedPods } = budget.status ?? {};
      return currentHealthy === 3 && desiredHealthy === 2 && disruptionsAllowed === 1 && expectedPods === 3 ? budget : undefined;
    }, 30_000, async () => expectSuccess(await kubectl('get', 'pdb', 'api-pdb', '-o', 'yaml')));
  });

  it('powering node-3 off makes it NotReady (Ready=Unknown) and its pods are rescheduled elsewhere after the toleration', async () => {
    // Three `edge` pods on node-3 alone (the other nodes cordoned while they are placed).
    for (const node of ['node-1', 'node-2']) expectSuccess(await kubectl('cordon', node));
    expectSuccess(await kubectl('uncordon', 'node-3'));
    await applyObjects(drydock(), deploymentManifest('edge', 'nginx:1.27', 3));
    const before = await runningPods(drydock(), 'app=edge', 3);
    expect(nodesOf(before)).toEqual(['node-3', 'node-3', 'node-3']);
    for (const node of ['node-1', 'node-2']) expectSuccess(await kubectl('uncordon', node));

    expect(expectSuccess(await kubectl('annotate', 'node', 'node-3', 'sim.drydock.dev/power=off'))).toBe('node/node-3 annotated\n');
    const unknown = await eventually('node-3 to become Ready=Unknown', async () => {
      const node = (await nodes(drydock())).find((n) => n.metadata.name === 'node-3');
      return nodeCondition(node, 'Ready')?.status === 'Unknown' ? node : undefined;
    }, 60_000, async () => expectSuccess(await kubectl('get', 'nodes')));
    expect(nodeCondition(unknown, 'Ready')).toMatchObject({ reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    expect(await nodeRow('node-3')).toMatch(/^node-3\s+NotReady\s+/);
    await eventually('the unreachable NoExecute taint on node-3', async () => {
      const node = await getJson(drydock(), ['node', 'node-3']);
      return node.spec.taints?.some((t: Json) => t.key === 'node.kubernetes.io/unreachable' && t.effect === 'NoExecute') ? node : undefined;
    }, 30_000);

    // 300 s default toleration at clock scale 10: 30 s, then the ReplicaSet replaces the evicted pods.
    const after = await runningPods(drydock(), 'app=edge', 3, 90_000);
    expect(nodesOf(after)).not.toContain('node-3');
    const replaced = new Set(after.map((pod: Json) => pod.metadata.name));
    for (const pod of before) expect(replaced.has(pod.metadata.name)).toBe(false);
    // The evicted pods stay Terminating: their kubelet is off and cannot confirm they stopped (as upstream).
    const stranded = (await getJson(drydock(), ['pods', '-l', 'app=edge', '--field-selector', 'spec.nodeName=node-3'])).items;
    expect(stranded.map((pod: Json) => pod.metadata.name).sort()).toEqual(before.map((pod: Json) => pod.metadata.name).sort());
    for (const pod of stranded) expect(pod.metadata.deletionTimestamp).toBeDefined();
    expect(await podTable(drydock(), 'app=edge')).toMatch(/Terminating/);
  });
});
