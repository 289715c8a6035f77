import pino from 'pino';
import type { KubeObject } from '@drydock/util';
import { builtinResources, ResourceDefinition, ResourceRegistry } from '@drydock/registry';
import { MemoryObjectStore } from '@drydock/testing';
import { Admission } from '../pipeline/admission';
import { GenericStore } from '../rest/generic-store';
import type { WriteParams } from '../rest/request-context';
import { NamespaceFinalizer } from './namespace-finalizer';

const params: WriteParams = { dryRun: false, fieldManager: 'test', fieldValidation: 'Strict' };
const def = (group: string, resource: string): ResourceDefinition => builtinResources().find((d) => d.group === group && d.resource === resource)!;
const [namespaces, pods, configMaps, claims] = [def('', 'namespaces'), def('', 'pods'), def('', 'configmaps'), def('', 'persistentvolumeclaims')];

function setup() {
  const store = new MemoryObjectStore();
  const generic = new GenericStore(store, Admission.none);
  const registry = new ResourceRegistry(builtinResources());
  const finalizer = new NamespaceFinalizer(store, generic, { registry: () => registry }, pino({ level: 'silent' }));
  const create = (d: ResourceDefinition, object: KubeObject) => generic.create(d, 'default', 'x', object, params);
  const conditions = async () => {
    const namespace = await store.get({ cluster: 'default', resource: 'namespaces', namespace: '', name: 'x' });
    const list = (namespace?.status as { conditions?: { type: string; reason: string; message: string }[] } | undefined)?.conditions ?? [];
    return Object.fromEntries(list.map((c) => [c.type, c]));
  };
  const get = (resource: string, name: string) => store.get({ cluster: 'default', resource, namespace: 'x', name });
  const dropFinalizers = (d: ResourceDefinition, name: string) =>
    generic.update(d, 'default', 'x', name, params, (current) => ({ ...current!, metadata: { ...current!.metadata, finalizers: [] } }));
  return { store, generic, finalizer, create, conditions, get, dropFinalizers };
}

describe('NamespaceFinalizer (upstream namespace deleter)', () => {
  it('deletes pods first through the delete path, honours grace periods and finalizers, keeps the conditions, then finalizes', async () => {
    const { store, generic, finalizer, create, conditions, get, dropFinalizers } = setup();
    await generic.create(namespaces, 'default', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x' } }, params);
    await create(pods, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'nginx' }] } });
    await create(configMaps, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kept', finalizers: ['example.com/hold'] } });
    await create(claims, { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', finalizers: ['kubernetes.io/pvc-protection'] }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });
    await generic.delete(namespaces, 'default', '', 'x', { dryRun: false });

    // A pod bound to a node is deleted gracefully (30 s) and everything else waits for it.
    expect(await finalizer.sync('default', 'x')).toBeGreaterThan(20);
    expect((await get('pods', 'web'))?.metadata.deletionGracePeriodSeconds).toBe(30);
    expect((await get('configmaps', 'kept'))?.metadata.deletionTimestamp).toBeUndefined();
    expect(await conditions()).toMatchObject({
      NamespaceContentRemaining: { reason: 'SomeResourcesRemain', message: 'Some resources are remaining: pods. has 1 resource instances' },
      NamespaceFinalizersRemaining: { reason: 'ContentHasNoFinalizers', message: 'All content-preserving finalizers finished' },
    });

    // The kubelet confirms; then the rest is marked and held by its finalizers.
    await generic.delete(pods, 'default', 'x', 'web', { dryRun: false, gracePeriodSeconds: 0 });
    expect(await finalizer.sync('default', 'x')).toBe(5);
    expect((await get('configmaps', 'kept'))?.metadata.deletionTimestamp).toBeDefined();
    expect(await conditions()).toMatchObject({
      NamespaceContentRemaining: { message: 'Some resources are remaining: configmaps. has 1 resource instances, persistentvolumeclaims. has 1 resource instances' },
      NamespaceFinalizersRemaining: { reason: 'SomeFinalizersRemain', message: 'Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances, kubernetes.io/pvc-protection in 1 resource instances' },
    });

    await dropFinalizers(configMaps, 'kept');
    await dropFinalizers(claims, 'data');
    expect(await finalizer.sync('default', 'x')).toBeUndefined();
    expect(await store.get({ cluster: 'default', resource: 'namespaces', namespace: '', name: 'x' })).toBeNull();
  });
});
