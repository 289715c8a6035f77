import type { KubeObject } from '@drydock/util';
import { resources, WatchHandle } from '@drydock/client';
import { autoReady, createNamespace, eventually, useControllers } from './support/use-controllers';

interface PdbObject extends KubeObject {
  status?: { currentHealthy?: number; desiredHealthy?: number; expectedPods?: number; disruptionsAllowed?: number; observedGeneration?: number; conditions?: { type: string; status: string; reason: string }[] };
}

const ns = 'pdb-e2e';

describe('disruption controller against a real Drydock', () => {
  const harness = useControllers();
  let kubelet: WatchHandle | undefined;
  const pdb = async (name: string) => (await harness().client.get<PdbObject>(resources.poddisruptionbudgets, ns, name))!;

  beforeAll(async () => {
    const { client } = harness();
    await createNamespace(client, ns);
    kubelet = autoReady(client, ns);
    await client.create(resources.deployments, ns, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } });
  });
  afterAll(() => kubelet?.close());

  it('minAvailable 2 over 3 ready pods allows 1 disruption', async () => {
    const { client } = harness();
    await client.create(resources.poddisruptionbudgets, ns, { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'min' }, spec: { minAvailable: 2, selector: { matchLabels: { app: 'web' } } } });
    await eventually('status', async () => (await pdb('min')).status?.currentHealthy === 3, 20_000);
    const { status, metadata } = await pdb('min');
    expect(status).toMatchObject({ currentHealthy: 3, desiredHealthy: 2, expectedPods: 3, disruptionsAllowed: 1, observedGeneration: metadata.generation });
    expect(status?.conditions).toEqual([expect.objectContaining({ type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods' })]);
  });

  it('maxUnavailable as a percentage is scaled over the Deployment and rounded up', async () => {
    const { client } = harness();
    await client.create(resources.poddisruptionbudgets, ns, { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'max' }, spec: { maxUnavailable: '50%', selector: { matchLabels: { app: 'web' } } } });
    await eventually('status', async () => (await pdb('max')).status?.expectedPods === 3, 20_000);
    expect((await pdb('max')).status).toMatchObject({ desiredHealthy: 1, disruptionsAllowed: 2 });
  });

  it('an unready pod spends the budget: InsufficientPods', async () => {
    const { client } = harness();
    const [pod] = (await client.list(resources.pods, { namespace: ns, labelSelector: 'app=web' })).items;
    await client.patch(resources.pods, ns, pod.metadata.name!, { status: { conditions: [{ type: 'Ready', status: 'False' }] } }, 'strategic', { subresource: 'status' });
    await eventually('no disruption allowed', async () => (await pdb('min')).status?.disruptionsAllowed === 0, 20_000);
    expect((await pdb('min')).status).toMatchObject({ currentHealthy: 2 });
    expect((await pdb('min')).status?.conditions?.[0]).toMatchObject({ status: 'False', reason: 'InsufficientPods' });
  });
});
