import { resources } from '@drydock/client';
import { fakeContext, settle } from '../util/network-test-fixtures';
import { PvcProtectionReconciler, PvProtectionReconciler } from './volume-protection.reconciler';
import type { PersistentVolume, PersistentVolumeClaim } from './volume.types';

const claim = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'ns' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } };
const podUsing = (phase: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'user', namespace: 'ns' }, spec: { volumes: [{ name: 'v', persistentVolumeClaim: { claimName: 'data' } }], containers: [{ name: 'c', image: 'busybox' }] }, status: { phase } });

describe('PvcProtectionReconciler', () => {
  it('adds kubernetes.io/pvc-protection, and removes it from a claim being deleted only once no running pod uses it', async () => {
    const { client, informers, ctx } = fakeContext();
    await client.create(resources.persistentvolumeclaims, 'ns', claim);
    await client.create(resources.pods, 'ns', podUsing('Running'));
    const reconciler = new PvcProtectionReconciler(ctx);
    informers.start();
    await informers.waitForCacheSync(5000);
    const get = () => client.get<PersistentVolumeClaim>(resources.persistentvolumeclaims, 'ns', 'data');
    await reconciler.sync('ns/data');
    expect((await get())?.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    await client.patch(resources.persistentvolumeclaims, 'ns', 'data', { metadata: { deletionTimestamp: '2026-12-06T10:00:00Z' } }, 'merge');
    await settle();
    await reconciler.sync('ns/data');
    expect((await get())?.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    await client.patch(resources.pods, 'ns', 'user', { status: { phase: 'Succeeded' } }, 'merge');
    await settle();
    await reconciler.sync('ns/data');
    expect((await get())?.metadata.finalizers).toBeUndefined();
    await informers.stop();
  });
});

describe('PvProtectionReconciler', () => {
  it('keeps kubernetes.io/pv-protection on a volume being deleted while it is Bound', async () => {
    const { client, informers, ctx } = fakeContext();
    await client.create(resources.persistentvolumes, '', { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv' }, spec: { capacity: { storage: '1Gi' }, hostPath: { path: '/mnt' } }, status: { phase: 'Bound' } });
    const reconciler = new PvProtectionReconciler(ctx);
    informers.start();
    await informers.waitForCacheSync(5000);
    const get = () => client.get<PersistentVolume>(resources.persistentvolumes, '', 'pv');
    await reconciler.sync('pv');
    expect((await get())?.metadata.finalizers).toEqual(['kubernetes.io/pv-protection']);
    await client.patch(resources.persistentvolumes, '', 'pv', { metadata: { deletionTimestamp: '2026-12-06T10:00:00Z' } }, 'merge');
    await settle();
    await reconciler.sync('pv');
    expect((await get())?.metadata.finalizers).toEqual(['kubernetes.io/pv-protection']);
    await client.patch(resources.persistentvolumes, '', 'pv', { status: { phase: 'Released' } }, 'merge');
    await settle();
    await reconciler.sync('pv');
    expect((await get())?.metadata.finalizers).toBeUndefined();
    await informers.stop();
  });
});
