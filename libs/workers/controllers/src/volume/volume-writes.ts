import { KubeClient, resources } from '@drydock/client';
import { kubeTime } from '@drydock/kube';
import { ANN_BIND_COMPLETED, ANN_BOUND_BY_CONTROLLER, PersistentVolume, PersistentVolumeClaim } from './volume.types';

/**
 * The writes of the PV controller's binder (bindVolumeToClaim, bindClaimToVolume, updateClaimStatus,
 * updateVolumePhase), each a no-op when the object already says so. Return the written object.
 */
export class VolumeWrites {
  constructor(private readonly client: KubeClient, private readonly now: () => Date) {}

  /** bindVolumeToClaim: claimRef to the claim, bound-by-controller when we chose the volume. */
  async bindVolume(volume: PersistentVolume, claim: PersistentVolumeClaim): Promise<PersistentVolume> {
    const ref = volume.spec.claimRef;
    if (ref?.uid === claim.metadata.uid && ref?.name === claim.metadata.name && ref?.namespace === claim.metadata.namespace) return volume;
    const claimRef = { kind: 'PersistentVolumeClaim', namespace: claim.metadata.namespace, name: claim.metadata.name, uid: claim.metadata.uid, apiVersion: 'v1', resourceVersion: claim.metadata.resourceVersion };
    const annotations = ref ? volume.metadata.annotations : { ...(volume.metadata.annotations ?? {}), [ANN_BOUND_BY_CONTROLLER]: 'yes' };
    return this.client.update<PersistentVolume>(resources.persistentvolumes, { ...volume, metadata: { ...volume.metadata, annotations }, spec: { ...volume.spec, claimRef } });
  }

  /** Clears the claimRef of a volume the controller bound to a claim that went elsewhere (unbindVolume). */
  async unbindVolume(volume: PersistentVolume): Promise<PersistentVolume> {
    const annotations = { ...(volume.metadata.annotations ?? {}) };
    delete annotations[ANN_BOUND_BY_CONTROLLER];
    const updated = await this.client.update<PersistentVolume>(resources.persistentvolumes, { ...volume, metadata: { ...volume.metadata, annotations }, spec: { ...volume.spec, claimRef: undefined } });
    return this.volumePhase(updated, 'Available');
  }

  async volumePhase(volume: PersistentVolume, phase: NonNullable<PersistentVolume['status']>['phase'], message?: string): Promise<PersistentVolume> {
    if (volume.status?.phase === phase && (volume.status?.message ?? undefined) === message) return volume;
    const status = { ...(volume.status ?? {}), phase, message, lastPhaseTransitionTime: volume.status?.phase === phase ? volume.status?.lastPhaseTransitionTime : kubeTime(this.now()) };
    return this.client.update<PersistentVolume>(resources.persistentvolumes, { ...volume, status }, { subresource: 'status' });
  }

  /** bindClaimToVolume: spec.volumeName and the bind-completed (and bound-by-controller) annotations. */
  async bindClaim(claim: PersistentVolumeClaim, volume: PersistentVolume): Promise<PersistentVolumeClaim> {
    const annotations = claim.metadata.annotations ?? {};
    const boundByController = !claim.spec.volumeName;
    if (claim.spec.volumeName === volume.metadata.name && annotations[ANN_BIND_COMPLETED] === 'yes') return claim;
    const updatedAnnotations = { ...annotations, [ANN_BIND_COMPLETED]: 'yes', ...(boundByController ? { [ANN_BOUND_BY_CONTROLLER]: 'yes' } : {}) };
    return this.client.update<PersistentVolumeClaim>(resources.persistentvolumeclaims, { ...claim, metadata: { ...claim.metadata, annotations: updatedAnnotations }, spec: { ...claim.spec, volumeName: volume.metadata.name } });
  }

  /** updateClaimStatus: Bound with the volume's access modes and capacity; Pending or Lost without them. */
  async claimPhase(claim: PersistentVolumeClaim, phase: NonNullable<PersistentVolumeClaim['status']>['phase'], volume?: PersistentVolume): Promise<PersistentVolumeClaim> {
    const status = { ...(claim.status ?? {}), phase };
    if (volume && phase === 'Bound') Object.assign(status, { accessModes: volume.spec.accessModes, capacity: volume.spec.capacity });
    if (JSON.stringify(status) === JSON.stringify(claim.status ?? {})) return claim;
    return this.client.update<PersistentVolumeClaim>(resources.persistentvolumeclaims, { ...claim, status }, { subresource: 'status' });
  }
}
