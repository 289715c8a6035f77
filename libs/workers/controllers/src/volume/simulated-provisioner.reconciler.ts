import type { KubeObject } from '@drydock/util';
import { Informer, isAlreadyExists, resources, splitMetaNamespaceKey } from '@drydock/client';
import { ControllerContext, QueueReconciler } from '../controller-context';
import { claimClass } from './volume-matching';
import { ANN_BIND_COMPLETED, ANN_DYNAMICALLY_PROVISIONED, ANN_SELECTED_NODE, ANN_STORAGE_PROVISIONER, PersistentVolume, PersistentVolumeClaim, SIMULATED_PROVISIONER, StorageClass } from './volume.types';

/**
 * The external provisioner of StorageClasses whose provisioner is `drydock.dev/simulated` (as
 * sig-storage-lib-external-provisioner drives a CSI driver): for each claim the PV controller handed
 * to it (the storage-provisioner annotation), a PersistentVolume `pvc-<claim uid>` of the requested
 * size, pre-bound to the claim, with the class's reclaim policy, pinned to the selected node when the
 * class waits for a first consumer. The data lives in the node simulator (a directory per claim).
 */
export class SimulatedProvisionerReconciler extends QueueReconciler {
  private readonly claims: Informer<PersistentVolumeClaim>;
  private readonly classes: Informer<StorageClass>;
  private readonly volumes: Informer<PersistentVolume>;

  constructor(ctx: ControllerContext) {
    super('simulated-provisioner', ctx, SIMULATED_PROVISIONER);
    this.claims = ctx.informers.informerFor<PersistentVolumeClaim>(resources.persistentvolumeclaims);
    this.classes = ctx.informers.informerFor<StorageClass>(resources.storageclasses);
    this.volumes = ctx.informers.informerFor<PersistentVolume>(resources.persistentvolumes);
    this.claims.addEventHandler({ onAdd: (c) => this.enqueue(c), onUpdate: (_old, c) => this.enqueue(c) });
  }

  async sync(key: string): Promise<void> {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const claim = this.claims.get(namespace, name);
    if (!claim || claim.metadata.deletionTimestamp || claim.spec.volumeName || claim.metadata.annotations?.[ANN_BIND_COMPLETED]) return;
    if (claim.metadata.annotations?.[ANN_STORAGE_PROVISIONER] !== SIMULATED_PROVISIONER) return;
    const storageClass = this.classes.get('', claimClass(claim));
    if (storageClass?.provisioner !== SIMULATED_PROVISIONER) return;
    const selectedNode = claim.metadata.annotations?.[ANN_SELECTED_NODE];
    if (storageClass.volumeBindingMode === 'WaitForFirstConsumer' && !selectedNode) return;
    const volumeName = `pvc-${claim.metadata.uid}`;
    if (this.volumes.get('', volumeName)) return;
    const typed: KubeObject = { ...claim, apiVersion: 'v1', kind: 'PersistentVolumeClaim' };
    this.events.event(typed, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${namespace}/${name}"`);
    try {
      await this.ctx.client.create(resources.persistentvolumes, '', provisionedVolume(volumeName, claim, storageClass, selectedNode));
    } catch (error) {
      if (isAlreadyExists(error)) return;
      this.events.event(typed, 'Warning', 'ProvisioningFailed', `failed to provision volume with StorageClass "${storageClass.metadata.name}": ${(error as Error).message}`);
      throw error;
    }
    this.events.event(typed, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${volumeName}`);
  }
}

/** The volume a provisioner returns: the claim's size, modes and volume mode, pre-bound to it. */
export function provisionedVolume(name: string, claim: PersistentVolumeClaim, storageClass: StorageClass, selectedNode: string | undefined): PersistentVolume {
  const nodeAffinity = selectedNode ? { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [selectedNode] }] }] } } : undefined;
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, annotations: { [ANN_DYNAMICALLY_PROVISIONED]: SIMULATED_PROVISIONER } },
    spec: {
      capacity: { storage: claim.spec.resources?.requests?.storage ?? '0' },
      accessModes: claim.spec.accessModes,
      persistentVolumeReclaimPolicy: storageClass.reclaimPolicy ?? 'Delete',
      storageClassName: storageClass.metadata.name,
      volumeMode: claim.spec.volumeMode ?? 'Filesystem',
      claimRef: { kind: 'PersistentVolumeClaim', namespace: claim.metadata.namespace, name: claim.metadata.name, uid: claim.metadata.uid, apiVersion: 'v1', resourceVersion: claim.metadata.resourceVersion },
      hostPath: { path: `/var/lib/drydock/volumes/${name}`, type: 'DirectoryOrCreate' },
      ...(nodeAffinity ? { nodeAffinity } : {}),
    },
  };
}
