import type { KubeObject } from '@drydock/util';
import { builtinResources } from '@drydock/registry';
import { MemoryObjectStore } from '@drydock/testing';
import { DefaultStorageClassAdmission } from './default-storage-class.admission';

const claims = builtinResources().find((d) => d.group === '' && d.resource === 'persistentvolumeclaims')!;

const claim = (spec: Record<string, unknown> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default' }, spec: { accessModes: ['ReadWriteOnce'], ...spec } });

async function storeWith(...classes: [string, boolean, string][]): Promise<MemoryObjectStore> {
  const store = new MemoryObjectStore();
  for (const [name, isDefault, created] of classes) {
    const annotations = isDefault ? { 'storageclass.kubernetes.io/is-default-class': 'true' } : undefined;
    await store.create({ cluster: 'default', resource: 'storageclasses.storage.k8s.io', namespace: '', name }, { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name, annotations, creationTimestamp: created }, provisioner: 'x' } as KubeObject);
  }
  return store;
}

async function admit(object: KubeObject, store: MemoryObjectStore, operation: 'CREATE' | 'UPDATE' = 'CREATE'): Promise<unknown> {
  await new DefaultStorageClassAdmission(store).admit({ operation, def: claims, cluster: 'default', object, old: operation === 'UPDATE' ? object : null });
  return (object.spec as { storageClassName?: unknown }).storageClassName;
}

describe('DefaultStorageClassAdmission', () => {
  it('gives a claim without a class the newest default StorageClass', async () => {
    const store = await storeWith(['standard', true, '2026-12-01T00:00:00Z'], ['fast', false, '2026-12-03T00:00:00Z'], ['newer', true, '2026-12-02T00:00:00Z']);
    expect(await admit(claim(), store)).toBe('newer');
  });

  it('leaves an explicit class, an explicit "" and the beta annotation alone, and updates', async () => {
    const store = await storeWith(['standard', true, '2026-12-01T00:00:00Z']);
    expect(await admit(claim({ storageClassName: 'fast' }), store)).toBe('fast');
    expect(await admit(claim({ storageClassName: '' }), store)).toBe('');
    const annotated = { ...claim(), metadata: { name: 'data', annotations: { 'volume.beta.kubernetes.io/storage-class': 'old' } } };
    expect(await admit(annotated, store)).toBeUndefined();
    expect(await admit(claim(), store, 'UPDATE')).toBeUndefined();
  });

  it('leaves the class unset when there is no default', async () => {
    expect(await admit(claim(), await storeWith(['fast', false, '2026-12-01T00:00:00Z']))).toBeUndefined();
  });
});
