import { resources } from '@drydock/client';
import { fakeContext, settle } from '../util/network-test-fixtures';
import { PersistentVolumeReconciler } from './persistent-volume.reconciler';
import { SimulatedProvisionerReconciler } from './simulated-provisioner.reconciler';
import type { PersistentVolume, PersistentVolumeClaim } from './volume.types';

const standard = { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }, provisioner: 'drydock.dev/simulated', reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' };
const claim = (spec: object = {}) => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'ns' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec } });

async function setUp() {
  const { client, informers, ctx, events } = fakeContext();
  await client.create(resources.storageclasses, '', standard);
  const binder = new PersistentVolumeReconciler(ctx);
  const provisioner = new SimulatedProvisionerReconciler(ctx);
  informers.start();
  await informers.waitForCacheSync(5000);
  const getClaim = () => client.get<PersistentVolumeClaim>(resources.persistentvolumeclaims, 'ns', 'data');
  return { client, informers, binder, provisioner, events, getClaim };
}

describe('PersistentVolumeReconciler with the simulated provisioner', () => {
  it('provisions pvc-<uid> for a claim of standard and binds them, then deletes the volume when the claim goes', async () => {
    const { client, informers, binder, provisioner, events, getClaim } = await setUp();
    await client.create(resources.persistentvolumeclaims, 'ns', claim({ storageClassName: 'standard' }));
    await settle();
    await binder.sync('claim:ns/data');
    await settle();
    expect((await getClaim())?.metadata.annotations?.['volume.kubernetes.io/storage-provisioner']).toBe('drydock.dev/simulated');
    await provisioner.sync('ns/data');
    await settle();
    const uid = (await getClaim())?.metadata.uid;
    await binder.sync('claim:ns/data');
    await settle();
    const bound = await getClaim();
    expect(bound?.spec.volumeName).toBe(`pvc-${uid}`);
    expect(bound?.status).toEqual({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } });
    expect((await client.get<PersistentVolume>(resources.persistentvolumes, '', `pvc-${uid}`))?.status?.phase).toBe('Bound');
    expect(events.map((e) => e.split(' ')[0])).toEqual(['ExternalProvisioning', 'Provisioning', 'ProvisioningSucceeded']);
    await client.delete(resources.persistentvolumeclaims, 'ns', 'data');
    await settle();
    await binder.sync(`volume:pvc-${uid}`);
    expect(await client.get(resources.persistentvolumes, '', `pvc-${uid}`)).toBeNull();
    await informers.stop();
  });

  it('gives a claim without a class the default class, and says FailedBinding for one with class ""', async () => {
    const { client, informers, binder, events, getClaim } = await setUp();
    await client.create(resources.persistentvolumeclaims, 'ns', claim());
    await settle();
    await binder.sync('claim:ns/data');
    expect((await getClaim())?.spec.storageClassName).toBe('standard');
    await client.delete(resources.persistentvolumeclaims, 'ns', 'data');
    await client.create(resources.persistentvolumeclaims, 'ns', claim({ storageClassName: '' }));
    await settle();
    await binder.sync('claim:ns/data');
    expect(events).toEqual(['FailedBinding no persistent volumes available for this claim and no storage class is set']);
    await informers.stop();
  });

  it('keeps a released Retain volume, and marks a hand-made Delete volume Failed', async () => {
    const { client, informers, binder, events } = await setUp();
    const volume = (name: string, policy: string) => ({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: policy, claimRef: { namespace: 'ns', name: 'gone', uid: 'old-uid' }, hostPath: { path: '/mnt' } } });
    await client.create(resources.persistentvolumes, '', volume('kept', 'Retain'));
    await client.create(resources.persistentvolumes, '', volume('manual', 'Delete'));
    await settle();
    await binder.sync('volume:kept');
    await binder.sync('volume:manual');
    expect((await client.get<PersistentVolume>(resources.persistentvolumes, '', 'kept'))?.status?.phase).toBe('Released');
    expect((await client.get<PersistentVolume>(resources.persistentvolumes, '', 'manual'))?.status?.phase).toBe('Failed');
    expect(events).toEqual(['VolumeFailedDelete error getting deleter volume plugin for volume "manual": no deletable volume plugin matched']);
    await informers.stop();
  });
});
