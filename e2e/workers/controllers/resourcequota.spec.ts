import type { KubeObject } from '@drydock/util';
import { resources } from '@drydock/client';
import { createNamespace, eventually, useControllers } from './support/use-controllers';

type Json = KubeObject & Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ns = 'quota-e2e';
const pod = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });

describe('the ResourceQuota controller against a real Drydock', () => {
  const harness = useControllers({ manager: false });
  const usedPods = async () => (await harness().client.get<Json>(resources.resourcequotas, ns, 'q'))?.status?.used?.pods as string | undefined;

  beforeAll(async () => {
    await harness().startManager({ controllers: ['resourcequota'] });
    await createNamespace(harness().client, ns);
    await harness().client.create(resources.resourcequotas, ns, { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q' }, spec: { hard: { pods: '5' } } });
    await eventually('the quota counted', async () => (await usedPods()) === '0');
  });

  it('does not give back a charge whose object may still be on its way, and corrects it once it is not', async () => {
    const { client } = harness();
    await client.create(resources.pods, ns, pod('a'));
    await client.create(resources.pods, ns, pod('b'));
    expect(await usedPods()).toBe('2');
    // Admission's charge for a third pod, written before the pod is stored (as upstream's admission does).
    const quota = (await client.get<Json>(resources.resourcequotas, ns, 'q'))!;
    await client.update(resources.resourcequotas, { ...quota, status: { ...quota.status, used: { pods: '3' } } }, { subresource: 'status' });
    // Pod b goes: the controller recounts; the charged pod is not in any list yet.
    await client.delete(resources.pods, ns, 'b', { gracePeriodSeconds: 0 });

    const seen: string[] = [];
    const deadline = Date.now() + 800;
    while (Date.now() < deadline) {
      seen.push((await usedPods()) ?? '');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // A recount in this window would say 1 and let a pod past a quota whose real usage is 2.
    expect(seen.filter((used) => Number(used) < 2)).toEqual([]);
    await client.create(resources.pods, ns, pod('c'));
    await eventually('usage recounted to the two pods that exist', async () => (await usedPods()) === '2', 20_000);
  });

  it('gives back a charge whose object never came', async () => {
    const { client } = harness();
    const quota = (await client.get<Json>(resources.resourcequotas, ns, 'q'))!;
    await client.update(resources.resourcequotas, { ...quota, status: { ...quota.status, used: { pods: '4' } } }, { subresource: 'status' });
    await client.delete(resources.pods, ns, 'c', { gracePeriodSeconds: 0 });
    await eventually('usage recounted to the one pod left', async () => (await usedPods()) === '1', 20_000);
  });
});
