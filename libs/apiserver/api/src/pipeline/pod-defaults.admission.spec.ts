import type { KubeObject } from '@drydock/util';
import { builtinResources } from '@drydock/registry';
import { MemoryObjectStore } from '@drydock/testing';
import { PodDefaultsAdmission } from './pod-defaults.admission';

const pods = builtinResources().find((d) => d.group === '' && d.resource === 'pods')!;

function pod(spec: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec } };
}

async function admit(object: KubeObject, store = new MemoryObjectStore()): Promise<Record<string, unknown>> {
  await new PodDefaultsAdmission(store).admit({ operation: 'CREATE', def: pods, cluster: 'default', object, old: null });
  return object.spec as Record<string, unknown>;
}

describe('PodDefaultsAdmission', () => {
  it('adds the 300 s not-ready/unreachable tolerations and priority 0 (the service account is ServiceAccountAdmission\'s)', async () => {
    const spec = await admit(pod());
    expect(spec).toMatchObject({ priority: 0, preemptionPolicy: 'PreemptLowerPriority' });
    expect(spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
  });

  it('keeps a toleration the pod already has for one of those taints', async () => {
    const spec = await admit(pod({ tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 5 }] }));
    expect(spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 5 },
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
  });

  it('gives a pod without a class the globalDefault class of lowest value, and refuses a priority the class does not give', async () => {
    const store = new MemoryObjectStore();
    const create = (name: string, value: number, globalDefault: boolean) => store.create({ cluster: 'default', resource: 'priorityclasses.scheduling.k8s.io', namespace: '', name }, { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, globalDefault, preemptionPolicy: 'Never' } as KubeObject);
    await create('plain', 10, false);
    await create('everyday', 500, true);
    await create('cheaper', 300, true);
    expect(await admit(pod(), store)).toMatchObject({ priorityClassName: 'cheaper', priority: 300, preemptionPolicy: 'Never' });
    await expect(admit(pod({ priorityClassName: 'plain', priority: 7 }), store)).rejects.toMatchObject({ code: 403, message: expect.stringContaining('the integer value of priority (7) must not be provided in pod spec; priority admission controller computed 10 from the given PriorityClass name') });
  });

  it('reads the globalDefault class from the watch cache when it has one, as upstream reads its informer (no store list per pod)', async () => {
    const store = new MemoryObjectStore();
    store.list = () => Promise.reject(new Error('listed the store'));
    const everyday = { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'everyday' }, value: 500, globalDefault: true } as KubeObject;
    const cache = { snapshot: (filter: { resource: string; namespace?: string }) => ({ items: filter.resource === 'priorityclasses.scheduling.k8s.io' && filter.namespace === '' ? [everyday] : [] }) };
    const object = pod();
    await new PodDefaultsAdmission(store, cache).admit({ operation: 'CREATE', def: pods, cluster: 'default', object, old: null });
    expect(object.spec).toMatchObject({ priorityClassName: 'everyday', priority: 500 });
  });

  it('resolves priorityClassName to its value, and refuses an unknown class with 403', async () => {
    const store = new MemoryObjectStore();
    await store.create({ cluster: 'default', resource: 'priorityclasses.scheduling.k8s.io', namespace: '', name: 'high' }, { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 } as KubeObject);
    expect((await admit(pod({ priorityClassName: 'high' }), store)).priority).toBe(1000);
    expect((await admit(pod({ priorityClassName: 'system-node-critical' }), store)).priority).toBe(2000001000);
    await expect(admit(pod({ priorityClassName: 'missing' }), store)).rejects.toMatchObject({ code: 403, message: expect.stringContaining('no PriorityClass with name missing was found') });
  });
});
