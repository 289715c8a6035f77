process.env.DRYDOCK_CLOCK_SCALE = '10';

import * as path from 'node:path';
import { expectSuccess } from '../harness/expectations';
import { FIXTURES_DIR } from '../harness/fixtures';
import { Json } from '../harness/json';
import { getJson } from '../harness/use-drydock';
import { eventually, livePods, nodesReady, podTable, runningPods, useClusterDrydock } from './support/cluster';

const fixture = (file: string) => path.join(FIXTURES_DIR, 'cluster', file);

describe('declared workloads become pods on the simulated nodes', () => {
  const drydock = useClusterDrydock();
  const kubectl = (...args: string[]) => drydock().run(args);

  beforeAll(async () => {
    await nodesReady(drydock());
  });

  it('apply -f of a 3-replica Deployment gives one ReplicaSet and 3 Running pods on 3 distinct nodes', async () => {
    expect(expectSuccess(await kubectl('apply', '-f', fixture('web-deployment.yaml')))).toBe('deployment.apps/web created\n');
    const pods = await runningPods(drydock(), 'app=web', 3);

    const replicaSets = (await getJson(drydock(), ['replicasets', '-l', 'app=web'])).items;
    expect(replicaSets).toHaveLength(1);
    const [replicaSet] = replicaSets;
    expect(replicaSet.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'Deployment', name: 'web', controller: true })]);
    await eventually('the ReplicaSet to report 3 ready replicas', async () => {
      const rs = await getJson(drydock(), ['replicaset', replicaSet.metadata.name]);
      return rs.status?.readyReplicas === 3 ? rs : undefined;
    });

    for (const pod of pods) {
      expect(pod.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'ReplicaSet', name: replicaSet.metadata.name, controller: true })]);
      expect(pod.metadata.name).toMatch(new RegExp(`^${replicaSet.metadata.name}-[a-z0-9]{5}$`));
    }
    const nodeNames = pods.map((pod: Json) => pod.spec.nodeName).sort();
    expect(nodeNames).toEqual(['node-1', 'node-2', 'node-3']);

    const table = expectSuccess(await kubectl('get', 'pods', '-l', 'app=web'));
    const rows = table.trim().split('\n').slice(1);
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toMatch(/^web-\S+\s+1\/1\s+Running\s+0\s+/);
  });

  it('delete pod makes the ReplicaSet create a replacement', async () => {
    const [victim] = await livePods(drydock(), 'app=web');
    expect(expectSuccess(await kubectl('delete', 'pod', victim.metadata.name))).toBe(`pod "${victim.metadata.name}" deleted from default namespace\n`);
    const pods = await runningPods(drydock(), 'app=web', 3);
    const names = pods.map((pod: Json) => pod.metadata.name);
    expect(names).not.toContain(victim.metadata.name);
    expect((await getJson(drydock(), ['pods', '-l', 'app=web'])).items.map((pod: Json) => pod.metadata.name)).not.toContain(victim.metadata.name);
  });

  it('scale --replicas=6 gives 6 Running pods and a Deployment reporting 6/6', async () => {
    expect(expectSuccess(await kubectl('scale', 'deployment/web', '--replicas=6'))).toBe('deployment.apps/web scaled\n');
    const pods = await runningPods(drydock(), 'app=web', 6);
    expect(new Set(pods.map((pod: Json) => pod.spec.nodeName))).toEqual(new Set(['node-1', 'node-2', 'node-3']));
    await eventually('the Deployment to print READY 6/6', async () => {
      const row = expectSuccess(await kubectl('get', 'deployment', 'web', '--no-headers'));
      return /^web\s+6\/6\s+6\s+6\s+/.test(row) ? row : undefined;
    }, 30_000, async () => expectSuccess(await kubectl('get', 'deployment', 'web')));
  });

  it('scale --replicas=2 -f on a ReplicaSet file scales that ReplicaSet down to 2 pods', async () => {
    expect(expectSuccess(await kubectl('apply', '-f', fixture('frontend-replicaset.yaml')))).toBe('replicaset.apps/frontend created\n');
    await runningPods(drydock(), 'app=frontend', 3);
    expect(expectSuccess(await kubectl('scale', '--replicas=2', '-f', fixture('frontend-replicaset.yaml')))).toBe('replicaset.apps/frontend scaled\n');
    await eventually('2 frontend pods left, none terminating', async () => {
      const all = (await getJson(drydock(), ['pods', '-l', 'app=frontend'])).items;
      return all.length === 2 ? all : undefined;
    }, 60_000, () => podTable(drydock(), 'app=frontend'));
    await runningPods(drydock(), 'app=frontend', 2);
    const replicaSet = await getJson(drydock(), ['replicaset', 'frontend']);
    expect(replicaSet.spec.replicas).toBe(2);
    await eventually('the ReplicaSet status to count 2 replicas', async () => {
      const rs = await getJson(drydock(), ['replicaset', 'frontend']);
      return rs.status.replicas === 2 && rs.status.readyReplicas === 2 ? rs : undefined;
    });
  });
});
