import type { KubeObject } from '@drydock/util';
import { resources } from '@drydock/client';
import { createNamespace, eventually, useControllers } from './support/use-controllers';

const ns = 'gc-e2e';
const configMap = (name: string, owner?: KubeObject, extra: Partial<{ blockOwnerDeletion: boolean; uid: string }> = {}) => ({
  apiVersion: 'v1', kind: 'ConfigMap',
  metadata: { name, ...(owner ? { ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: owner.metadata.name!, uid: extra.uid ?? owner.metadata.uid!, ...(extra.blockOwnerDeletion !== undefined ? { blockOwnerDeletion: extra.blockOwnerDeletion } : {}) }] } : {}) },
  data: { a: '1' },
});
const replicaSet = (name: string) => ({
  apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name },
  spec: { replicas: 2, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
});

describe('garbage collector against a real Drydock', () => {
  const harness = useControllers();
  const exists = async (resource: typeof resources.pods, name: string) => !!(await harness().client.get(resource, ns, name));
  const podsOf = async (app: string) => (await harness().client.list(resources.pods, { namespace: ns, labelSelector: `app=${app}` })).items;

  beforeAll(async () => createNamespace(harness().client, ns));

  it('background: deleting an owner deletes its dependents', async () => {
    const { client } = harness();
    await client.create(resources.replicasets, ns, replicaSet('bg'));
    await eventually('2 pods', async () => (await podsOf('bg')).length === 2);
    await client.delete(resources.replicasets, ns, 'bg', { propagationPolicy: 'Background' });
    await eventually('pods collected', async () => (await podsOf('bg')).length === 0);
  });

  it('a dependent whose owner reference names a missing UID is deleted; one with a live owner stays', async () => {
    const { client } = harness();
    const owner = await client.create<KubeObject>(resources.configmaps, ns, configMap('owner'));
    await client.create(resources.configmaps, ns, configMap('dangling', owner, { uid: 'no-such-uid' }));
    await client.create(resources.configmaps, ns, configMap('kept', owner));
    await eventually('dangling collected', async () => !(await exists(resources.configmaps, 'dangling')));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await exists(resources.configmaps, 'kept')).toBe(true);
  });

  it('foreground: the owner waits (foregroundDeletion) until its blocking dependents are gone, then goes', async () => {
    const { client } = harness();
    await client.create(resources.replicasets, ns, replicaSet('fg'));
    await eventually('2 pods', async () => (await podsOf('fg')).length === 2);
    const marked = await client.delete(resources.replicasets, ns, 'fg', { propagationPolicy: 'Foreground' });
    expect(marked?.metadata.finalizers).toContain('foregroundDeletion');
    expect(marked?.metadata.deletionTimestamp).toBeTruthy();
    await eventually('RS gone after its pods', async () => !(await exists(resources.replicasets, 'fg')));
    expect(await podsOf('fg')).toHaveLength(0);
  });

  it('foreground through a chain: Deployment → ReplicaSet → pods', async () => {
    const { client } = harness();
    await client.create(resources.deployments, ns, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'chain' }, spec: { replicas: 2, selector: { matchLabels: { app: 'chain' } }, template: { metadata: { labels: { app: 'chain' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } });
    await eventually('2 pods', async () => (await podsOf('chain')).length === 2);
    await client.delete(resources.deployments, ns, 'chain', { propagationPolicy: 'Foreground' });
    await eventually('deployment gone', async () => !(await exists(resources.deployments, 'chain')));
    expect((await client.list(resources.replicasets, { namespace: ns, labelSelector: 'app=chain' })).items).toHaveLength(0);
    expect(await podsOf('chain')).toHaveLength(0);
  });

  it('orphan: dependents lose their owner reference and stay; the owner goes', async () => {
    const { client } = harness();
    await client.create(resources.replicasets, ns, replicaSet('orph'));
    await eventually('2 pods', async () => (await podsOf('orph')).length === 2);
    const marked = await client.delete(resources.replicasets, ns, 'orph', { propagationPolicy: 'Orphan' });
    expect(marked?.metadata.finalizers).toContain('orphan');
    await eventually('RS gone', async () => !(await exists(resources.replicasets, 'orph')));
    const pods = await podsOf('orph');
    expect(pods).toHaveLength(2);
    for (const pod of pods) expect(pod.metadata.ownerReferences ?? []).toEqual([]);
  });
});
