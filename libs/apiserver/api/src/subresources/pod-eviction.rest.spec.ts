import type { IncomingMessage } from 'node:http';
import type { KubeObject } from '@drydock/util';
import { ResourceDefinition, builtinResources } from '@drydock/registry';
import type { ObjectStore } from '@drydock/storage';
import { Admission } from '../pipeline/admission';
import { MemoryObjectStore } from '@drydock/testing';
import { GenericStore } from '../rest/generic-store';
import { EvictionRest } from './pod-eviction.rest';

/** One `POST pods/NAME/eviction` through the pod storage's EvictionREST; resolves to the Status body it answers. */
async function evictPod(generic: GenericStore, store: ObjectStore, def: ResourceDefinition, cluster: string, namespace: string, name: string, body: KubeObject): Promise<unknown> {
  const reply = await new EvictionRest(generic, store).create({ def, cluster, namespace, name, query: new URLSearchParams(), req: {} as IncomingMessage }, body);
  expect(reply.code).toBe(201);
  return reply.body;
}

const pods = builtinResources().find((d) => d.group === '' && d.resource === 'pods')!;
const eviction = { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'web-1', namespace: 'default' } } as KubeObject;

function runningPod(): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-1', namespace: 'default', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] }, status: { phase: 'Running' } };
}

function budget(disruptionsAllowed: number): KubeObject {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'web', namespace: 'default', generation: 1 },
    spec: { minAvailable: 2, selector: { matchLabels: { app: 'web' } } },
    status: { disruptionsAllowed, currentHealthy: 2, desiredHealthy: 2, observedGeneration: 1 },
  };
}

async function setup(disruptionsAllowed?: number): Promise<MemoryObjectStore> {
  const store = new MemoryObjectStore();
  await store.create({ cluster: 'default', resource: 'pods', namespace: 'default', name: 'web-1' }, runningPod());
  if (disruptionsAllowed !== undefined) await store.create({ cluster: 'default', resource: 'poddisruptionbudgets.policy', namespace: 'default', name: 'web' }, budget(disruptionsAllowed));
  return store;
}

const podKey = { cluster: 'default', resource: 'pods', namespace: 'default', name: 'web-1' };

describe('evictPod', () => {
  it('deletes a pod no budget covers', async () => {
    const store = await setup();
    await expect(evictPod(new GenericStore(store, Admission.none), store, pods, 'default', 'default', 'web-1', eviction)).resolves.toMatchObject({ status: 'Success' });
    expect(await store.get(podKey)).toBeNull();
  });

  it('spends one disruption of the budget and deletes the pod', async () => {
    const store = await setup(1);
    await evictPod(new GenericStore(store, Admission.none), store, pods, 'default', 'default', 'web-1', eviction);
    const pdb = await store.get({ cluster: 'default', resource: 'poddisruptionbudgets.policy', namespace: 'default', name: 'web' });
    expect(pdb!.status).toMatchObject({ disruptionsAllowed: 0, disruptedPods: { 'web-1': expect.any(String) } });
    expect(await store.get(podKey)).toBeNull();
  });

  it('lets concurrent evictions share a budget: each spends one disruption, none fails on the race', async () => {
    const store = new MemoryObjectStore();
    for (const name of ['web-1', 'web-2']) {
      await store.create({ ...podKey, name }, { ...runningPod(), metadata: { ...runningPod().metadata, name } });
    }
    await store.create({ cluster: 'default', resource: 'poddisruptionbudgets.policy', namespace: 'default', name: 'web' }, budget(2));
    const evict = (name: string) => evictPod(new GenericStore(store, Admission.none), store, pods, 'default', 'default', name, { ...eviction, metadata: { name, namespace: 'default' } });
    await Promise.all([evict('web-1'), evict('web-2')]);
    const pdb = await store.get({ cluster: 'default', resource: 'poddisruptionbudgets.policy', namespace: 'default', name: 'web' });
    expect(pdb!.status).toMatchObject({ disruptionsAllowed: 0 });
  });

  it('refuses with 429 when the budget allows no disruption, and keeps the pod', async () => {
    const store = await setup(0);
    await expect(evictPod(new GenericStore(store, Admission.none), store, pods, 'default', 'default', 'web-1', eviction)).rejects.toMatchObject({
      code: 429,
      reason: 'TooManyRequests',
      message: "Cannot evict pod as it would violate the pod's disruption budget.",
    });
    expect(await store.get(podKey)).not.toBeNull();
  });
});
