import type { KubeObject } from '@drydock/util';
import { resources } from '@drydock/client';
import { createNamespace, eventually, markPodReady, useControllers } from './support/use-controllers';

interface Listed extends KubeObject {
  status?: Record<string, unknown>;
  spec?: Record<string, unknown>;
}

const ns = 'rs-e2e';
const replicaSet = (name: string, replicas: number) => ({
  apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
});

describe('ReplicaSet and ReplicationController reconcilers against a real Drydock', () => {
  const harness = useControllers();
  const pods = async (label: string) => (await harness().client.list<Listed>(resources.pods, { namespace: ns, labelSelector: `app=${label}` })).items.filter((p) => !p.metadata.deletionTimestamp);

  beforeAll(async () => createNamespace(harness().client, ns));

  it('creates spec.replicas pods named <rs>-<5 chars>, controlled by the RS, and records SuccessfulCreate', async () => {
    const { client } = harness();
    const rs = await client.create<KubeObject>(resources.replicasets, ns, replicaSet('web', 3));
    await eventually('3 pods', async () => (await pods('web')).length === 3);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const created = await pods('web');
    expect(created).toHaveLength(3);
    for (const pod of created) {
      expect(pod.metadata.name).toMatch(/^web-[a-z0-9]{5}$/);
      expect(pod.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    }
    await eventually('SuccessfulCreate events', async () => {
      const events = (await client.list<KubeObject & { reason?: string; message?: string }>(resources.events, { namespace: ns })).items;
      return events.filter((e) => e.reason === 'SuccessfulCreate' && /^Created pod: web-[a-z0-9]{5}$/.test(e.message ?? '')).length === 3;
    });
  });

  it('reports status counts as pods become ready, with observedGeneration', async () => {
    const { client } = harness();
    for (const pod of await pods('web')) await markPodReady(client, pod);
    await eventually('status 3/3 ready', async () => {
      const rs = await client.get<Listed>(resources.replicasets, ns, 'web');
      const status = rs?.status ?? {};
      return status.replicas === 3 && status.readyReplicas === 3 && status.availableReplicas === 3 && status.fullyLabeledReplicas === 3 && status.observedGeneration === rs?.metadata.generation;
    });
  });

  it('replaces a deleted pod, and scales down deleting the pod upstream would pick (lowest pod-deletion-cost among ready pods)', async () => {
    const { client } = harness();
    const [victim] = await pods('web');
    await client.delete(resources.pods, ns, victim.metadata.name!);
    await eventually('a replacement', async () => { const now = await pods('web'); return now.length === 3 && !now.some((p) => p.metadata.name === victim.metadata.name); });
    for (const pod of await pods('web')) await markPodReady(client, pod);
    await eventually('3 ready', async () => (await client.get<Listed>(resources.replicasets, ns, 'web'))?.status?.readyReplicas === 3);
    const [, cheap] = await pods('web');
    await client.patch(resources.pods, ns, cheap.metadata.name!, { metadata: { annotations: { 'controller.kubernetes.io/pod-deletion-cost': '-100' } } }, 'merge');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await client.patch(resources.replicasets, ns, 'web', { spec: { replicas: 2 } }, 'merge');
    await eventually('2 pods', async () => (await pods('web')).length === 2);
    expect((await pods('web')).map((p) => p.metadata.name)).not.toContain(cheap.metadata.name);
  });

  it('adopts a matching orphan pod and releases a pod whose labels stop matching', async () => {
    const { client } = harness();
    const orphan = await client.create<KubeObject>(resources.pods, ns, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'orphan', labels: { app: 'adopter' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await client.create(resources.replicasets, ns, replicaSet('adopter', 1));
    await eventually('the orphan adopted', async () => (await client.get(resources.pods, ns, 'orphan'))?.metadata.ownerReferences?.[0]?.name === 'adopter');
    await eventually('one pod for adopter', async () => (await pods('adopter')).length === 1);
    await client.patch(resources.pods, ns, 'orphan', { metadata: { labels: { app: 'elsewhere' } } }, 'merge');
    await eventually('the pod released and replaced', async () => {
      const released = await client.get(resources.pods, ns, 'orphan');
      return !released?.metadata.ownerReferences?.length && (await pods('adopter')).length === 1;
    });
    expect(orphan.metadata.uid).toBe((await client.get(resources.pods, ns, 'orphan'))?.metadata.uid);
  });

  it('runs ReplicationControllers the same way', async () => {
    const { client } = harness();
    await client.create(resources.replicationcontrollers, ns, { apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'legacy' }, spec: { replicas: 2, selector: { app: 'legacy' }, template: { metadata: { labels: { app: 'legacy' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } });
    await eventually('2 legacy pods', async () => (await pods('legacy')).length === 2);
    expect((await pods('legacy'))[0].metadata.ownerReferences?.[0]).toMatchObject({ apiVersion: 'v1', kind: 'ReplicationController', name: 'legacy', controller: true });
    await eventually('RC status', async () => ((await client.get<Listed>(resources.replicationcontrollers, ns, 'legacy'))?.status?.replicas) === 2);
  });
});
