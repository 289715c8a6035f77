import type { IncomingMessage } from 'node:http';
import { builtinResources } from '@drydock/registry';
import { MemoryObjectStore } from '@drydock/testing';
import type { KubeObject } from '@drydock/util';
import { Admission } from '../pipeline/admission';
import { GenericStore, objectKey } from '../rest/generic-store';
import { BindingRest } from './pod-binding.rest';

const pods = builtinResources().find((d) => d.group === '' && d.resource === 'pods')!;
const key = objectKey(pods, 'default', 'default', 'p');
const call = { def: pods, cluster: 'default', namespace: 'default', name: 'p', query: new URLSearchParams(), req: { headers: {} } as IncomingMessage };
const binding = (node: string) => ({ apiVersion: 'v1', kind: 'Binding', metadata: { name: 'p', namespace: 'default' }, target: { apiVersion: 'v1', kind: 'Node', name: node } }) as unknown as KubeObject;

/** A store where another writer changes the pod between the binding's read and its write, once. */
class RacedStore extends MemoryObjectStore {
  raceOnce = false;
  override async update(...args: Parameters<MemoryObjectStore['update']>): Promise<KubeObject> {
    if (this.raceOnce) {
      this.raceOnce = false;
      const current = (await this.get(args[0]))!;
      const status = { ...(current.status as object), conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }] };
      await super.update(args[0], { ...current, status }, { expectedRevision: Number(current.metadata.resourceVersion) });
    }
    return super.update(...args);
  }
}

describe('pods/binding (BindingREST)', () => {
  it('retries a write that a concurrent change of the pod beat (no 409), and still refuses a pod already bound', async () => {
    const store = new RacedStore();
    await store.create(key, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', uid: 'u1' }, spec: { containers: [{ name: 'c', image: 'busybox', imagePullPolicy: 'IfNotPresent', terminationMessagePolicy: 'File' }], restartPolicy: 'Always', dnsPolicy: 'ClusterFirst' } } as KubeObject);
    const rest = new BindingRest(new GenericStore(store, Admission.none));
    store.raceOnce = true;
    await rest.create(call, binding('node-1'));
    const bound = (await store.get(key))!;
    expect((bound.spec as { nodeName?: string }).nodeName).toBe('node-1');
    expect((bound.status as { conditions: { type: string; status: string }[] }).conditions).toEqual([expect.objectContaining({ type: 'PodScheduled', status: 'True' })]);
    await expect(rest.create(call, binding('node-2'))).rejects.toMatchObject({ code: 409 });
  });
});
