import type { IncomingMessage } from 'node:http';
import type { KubeObject } from '@drydock/util';
import { builtinResources } from '@drydock/registry';
import { MemoryObjectStore } from '@drydock/testing';
import { Admission } from '../pipeline/admission';
import { GenericStore } from '../rest/generic-store';
import { FinalizeRest } from './namespace-finalize.rest';

const namespaces = builtinResources().find((d) => d.group === '' && d.resource === 'namespaces')!;
const key = { cluster: 'default', resource: 'namespaces', namespace: '', name: 'team' };
const params = { dryRun: false, fieldManager: 'test', fieldValidation: 'Strict' as const };

async function setup(): Promise<{ store: MemoryObjectStore; generic: GenericStore; finalize: (body: KubeObject) => Promise<{ code: number; body: unknown }> }> {
  const store = new MemoryObjectStore();
  const generic = new GenericStore(store, Admission.none);
  await generic.create(namespaces, 'default', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } }, params);
  const call = { def: namespaces, cluster: 'default', namespace: '', name: 'team', query: new URLSearchParams(), req: { headers: {} } as IncomingMessage };
  return { store, generic, finalize: (body) => new FinalizeRest(generic).update(call, body) };
}

describe('FinalizeRest (PUT namespaces/NAME/finalize)', () => {
  it('removes a terminating namespace once its spec.finalizers are emptied', async () => {
    const { store, generic, finalize } = await setup();
    const terminating = (await generic.delete(namespaces, 'default', '', 'team', { dryRun: false })).object;
    expect(await store.get(key)).not.toBeNull();
    const reply = await finalize({ ...terminating, spec: { finalizers: [] } });
    expect(reply).toMatchObject({ code: 200, body: { metadata: { name: 'team' }, spec: { finalizers: [] }, status: { phase: 'Terminating' } } });
    expect(await store.get(key)).toBeNull();
  });

  it('keeps the stored status and refuses a stale resourceVersion with 409', async () => {
    const { store, finalize } = await setup();
    const current = (await store.get(key))!;
    await finalize({ ...current, spec: { finalizers: ['example.com/hold'] }, status: { phase: 'Terminating' } });
    expect(await store.get(key)).toMatchObject({ spec: { finalizers: ['example.com/hold'] }, status: { phase: 'Active' } });
    await expect(finalize({ ...current, spec: { finalizers: [] } })).rejects.toMatchObject({ code: 409, reason: 'Conflict' });
  });

  it('validates the finalizer names (422)', async () => {
    const { store, finalize } = await setup();
    const current = (await store.get(key))!;
    await expect(finalize({ ...current, spec: { finalizers: ['not a name'] } })).rejects.toMatchObject({ code: 422, reason: 'Invalid' });
  });
});
