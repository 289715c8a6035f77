process.env.DRYDOCK_CLOCK_SCALE = '10';

import { expectFailure, expectSuccess } from '../harness/expectations';
import { Json } from '../harness/json';
import { applyObjects, createNamespace, getJson } from '../harness/use-drydock';
import { eventually, livePods, nodesReady, podTable, runningPods, useClusterDrydock } from './support/cluster';

const ns = 'quota-demo';

describe('ResourceQuota and LimitRange hold, as the basics teach them', () => {
  const drydock = useClusterDrydock();
  const kubectl = (...args: string[]) => drydock().run([...args, '-n', ns]);
  const usedPods = async () => (await getJson(drydock(), ['resourcequota', 'q', '-n', ns])).status?.used?.pods;

  beforeAll(async () => {
    await nodesReady(drydock());
    await createNamespace(drydock(), ns);
    expectSuccess(await kubectl('create', 'quota', 'q', '--hard=pods=2'));
    await eventually('the quota controller to count usage', async () => ((await usedPods()) === '0' ? true : undefined));
  });

  it('refuses the third pod with upstream message, and describe quota shows the usage', async () => {
    expectSuccess(await kubectl('run', 'p1', '--image=nginx'));
    expectSuccess(await kubectl('run', 'p2', '--image=nginx'));
    expect(expectFailure(await kubectl('run', 'p3', '--image=nginx'))).toBe(
      'Error from server (Forbidden): pods "p3" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2\n',
    );
    expect(expectSuccess(await kubectl('describe', 'quota', 'q'))).toMatch(/^Resource\s+Used\s+Hard\n-+\s+-+\s+-+\npods\s+2\s+2\n/m);
  });

  it('gives the quota back when pods go', async () => {
    expectSuccess(await kubectl('delete', 'pod', 'p1', 'p2'));
    await eventually('status.used.pods to fall to 0', async () => ((await usedPods()) === '0' ? true : undefined));
  });

  it('runs only 2 of 4 replicas, with FailedCreate events carrying the quota message, and replaces a deleted pod', async () => {
    expectSuccess(await kubectl('create', 'deployment', 'web', '--image=nginx', '--replicas=4'));
    const pods = await runningPods(drydock(), 'app=web', 2, 60_000, ns);
    const failed = await eventually('a FailedCreate event of the ReplicaSet', async () =>
      (await getJson(drydock(), ['events', '-n', ns])).items.find((event: Json) => event.reason === 'FailedCreate' && event.involvedObject.kind === 'ReplicaSet'),
    );
    expect(failed.message).toMatch(/^Error creating: pods "web-[a-z0-9]+-[a-z0-9]+" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2$/);
    expect(expectSuccess(await kubectl('describe', 'quota', 'q'))).toMatch(/^pods\s+2\s+2$/m);

    expectSuccess(await kubectl('delete', 'pod', pods[0].metadata.name));
    // The ReplicaSet retries on its own rate-limited back-off (upstream's 5 ms doubling to 1000 s, simulated):
    // nothing tells it that the quota controller gave the pod's share back, so the wait may be long.
    const replaced = await eventually('a replacement pod', async () => {
      const live = await livePods(drydock(), 'app=web', ns);
      return live.length === 2 && !live.some((pod: Json) => pod.metadata.name === pods[0].metadata.name) ? live : undefined;
    }, 150_000, async () => `${await podTable(drydock(), 'app=web', ns)}\n${expectSuccess(await kubectl('describe', 'quota', 'q'))}`);
    expect(replaced).toHaveLength(2);
    expect(await usedPods()).toBe('2');
    expectSuccess(await kubectl('delete', 'deployment', 'web'));
  });

  it('admits exactly hard pods when 12 kubectl run at once', async () => {
    const raceNs = 'quota-race';
    await createNamespace(drydock(), raceNs);
    expectSuccess(await drydock().run(['create', 'quota', 'five', '--hard=pods=5', '-n', raceNs]));
    await eventually('the quota controller to count usage', async () =>
      (await getJson(drydock(), ['resourcequota', 'five', '-n', raceNs])).status?.used?.pods === '0' ? true : undefined,
    );
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => drydock().run(['run', `racer-${i}`, '--image=nginx', '-n', raceNs])));
    expect(results.filter((result) => result.code === 0)).toHaveLength(5);
    for (const refused of results.filter((result) => result.code !== 0)) {
      expect(refused.stderr).toMatch(/^Error from server \(Forbidden\): pods "racer-\d+" is forbidden: exceeded quota: five, requested: pods=1, used: pods=5, limited: pods=5\n$/);
    }
    expect((await getJson(drydock(), ['pods', '-n', raceNs])).items).toHaveLength(5);
    expect((await getJson(drydock(), ['resourcequota', 'five', '-n', raceNs])).status.used.pods).toBe('5');
  });

  describe('a LimitRange', () => {
    const limitsNs = 'limits-demo';
    beforeAll(async () => {
      await createNamespace(drydock(), limitsNs);
      await applyObjects(drydock(), {
        apiVersion: 'v1',
        kind: 'LimitRange',
        metadata: { name: 'cpu-limits', namespace: limitsNs },
        spec: { limits: [{ type: 'Container', default: { cpu: '500m', memory: '128Mi' }, defaultRequest: { cpu: '250m', memory: '64Mi' }, max: { cpu: '1' } }] },
      });
    });

    it('gives a pod without resources its defaults', async () => {
      expectSuccess(await drydock().run(['run', 'plain', '--image=nginx', '-n', limitsNs]));
      const pod = await getJson(drydock(), ['pod', 'plain', '-n', limitsNs]);
      expect(pod.spec.containers[0].resources).toEqual({ limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '250m', memory: '64Mi' } });
      expect(pod.metadata.annotations['kubernetes.io/limit-ranger']).toBe('LimitRanger plugin set: cpu, memory request for container plain; cpu, memory limit for container plain');
    });

    it('refuses a pod over its max with upstream message', async () => {
      const manifest = JSON.stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'big', namespace: limitsNs },
        spec: { containers: [{ name: 'big', image: 'nginx', resources: { limits: { cpu: '2' } } }] },
      });
      expect(expectFailure(await drydock().run(['create', '-f', '-'], { stdin: manifest }))).toBe(
        'Error from server (Forbidden): error when creating "STDIN": pods "big" is forbidden: maximum cpu usage per Container is 1, but limit is 2\n',
      );
    });
  });
});
