process.env.DRYDOCK_CLOCK_SCALE = '10';

import { expectSuccess } from '../harness/expectations';
import { deploymentManifest } from '../harness/fixtures';
import { Json } from '../harness/json';
import { applyObjects, getJson } from '../harness/use-drydock';
import { eventually, nodesReady, rolloutStatus, runningPods, unlessDrydockStops, useClusterDrydock } from './support/cluster';
import { launchedControllerManagerPids, StandbyControllerManager } from './support/standby-controller-manager';

/** Each new pod becomes Ready 30 simulated seconds (3 s) after it starts, so a rollout of 4 takes several steps. */
const slowWeb = () => {
  const manifest = deploymentManifest('web', 'nginx:1.27', 4);
  const metadata = { ...manifest.spec.template.metadata, annotations: { 'sim.drydock.dev/ready-after': '30s' } };
  return { ...manifest, spec: { ...manifest.spec, template: { ...manifest.spec.template, metadata } } };
};

describe('controller-manager high availability', () => {
  const drydock = useClusterDrydock();
  const kubectl = (...args: string[]) => drydock().run(args);
  let standby: StandbyControllerManager | undefined;

  beforeAll(async () => {
    await nodesReady(drydock());
    await applyObjects(drydock(), slowWeb());
    await rolloutStatus(drydock(), 'deployment/web');
  });

  afterAll(async () => {
    await standby?.stop();
  });

  it('killing the leading controller-manager mid-rollout lets the standby take the Lease and finish the rollout', async () => {
    standby = new StandbyControllerManager(drydock(), process.env.DRYDOCK_CLOCK_SCALE!);
    // Let the standby load and start campaigning (it prints nothing until it leads).
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    expect(standby.alive).toBe(true);

    expectSuccess(await kubectl('set', 'image', 'deployment/web', 'nginx=nginx:1.28'));
    const midway = await eventually('the rollout to be under way (some, not all, pods updated)', async () => {
      const deployment = await getJson(drydock(), ['deployment', 'web']);
      const updated = deployment.status?.updatedReplicas ?? 0;
      return deployment.status?.observedGeneration === deployment.metadata.generation && updated >= 1 && (deployment.status?.availableReplicas ?? 0) < 5 && updated < 4 ? deployment : undefined;
    }, 30_000, async () => expectSuccess(await kubectl('get', 'deployment,replicasets', '-o', 'wide')), 100);
    expect(midway.status.updatedReplicas).toBeLessThan(4);

    const lease = await getJson(drydock(), ['lease', 'kube-controller-manager', '-n', 'kube-system']);
    const leader: string = lease.spec.holderIdentity;
    expect(leader).toBeTruthy();
    let killed: string;
    if (leader === standby.leaderIdentity()) {
      killed = `the test's own controller-manager (pid ${standby.pid})`;
      process.kill(standby.pid, 'SIGKILL');
    } else {
      const launched = launchedControllerManagerPids(drydock(), [standby.pid]);
      expect(launched).toHaveLength(1);
      expect(drydock().output()).toContain(`controller-manager: ${leader} became leader`);
      killed = `the launcher's controller-manager (pid ${launched[0]})`;
      process.kill(launched[0], 'SIGKILL');
    }

    // A streamed `rollout status`, so that it can be stopped at once if Drydock goes away meanwhile.
    const rollout = drydock().stream(['rollout', 'status', 'deployment/web', '--timeout=120s']);
    const status = await unlessDrydockStops(drydock(), rollout.waitForOutput(/deployment "web" successfully rolled out/, 130_000))
      .catch((error: Error) => {
        throw new Error(`after killing ${killed}, leader ${leader}:\n${error.message}\n--- standby output (tail) ---\n${standby?.log().slice(-1500)}\n--- launcher output (tail) ---\n${drydock().output().slice(-3000)}`);
      })
      .finally(() => rollout.stop());
    expect(status).toContain('deployment "web" successfully rolled out');
    const pods = await runningPods(drydock(), 'app=web', 4);
    expect(pods.map((pod: Json) => pod.spec.containers[0].image)).toEqual(Array(4).fill('nginx:1.28'));

    const newLeader = (await getJson(drydock(), ['lease', 'kube-controller-manager', '-n', 'kube-system'])).spec.holderIdentity;
    expect(newLeader).not.toBe(leader);
    const survivor = standby.alive ? standby.leaderIdentity() : undefined;
    if (survivor) expect(newLeader).toBe(survivor);
  });
});
