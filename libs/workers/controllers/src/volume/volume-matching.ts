import { parseQuantity, quantityError, selectorMatches } from '@drydock/kube';
import { ANN_BETA_STORAGE_CLASS, PersistentVolume, PersistentVolumeClaim } from './volume.types';

/** GetPersistentVolumeClaimClass: the beta annotation, else spec.storageClassName, else "" (no class). */
export function claimClass(claim: PersistentVolumeClaim): string {
  return claim.metadata.annotations?.[ANN_BETA_STORAGE_CLASS] ?? claim.spec.storageClassName ?? '';
}

/** GetPersistentVolumeClass: the beta annotation, else spec.storageClassName. */
export function volumeClass(volume: PersistentVolume): string {
  return volume.metadata.annotations?.[ANN_BETA_STORAGE_CLASS] ?? volume.spec.storageClassName ?? '';
}

function storage(resources: Record<string, string> | undefined): bigint {
  const value = resources?.storage;
  return value === undefined || quantityError(value) ? 0n : parseQuantity(value).nano;
}

export function requestedStorage(claim: PersistentVolumeClaim): bigint {
  return storage(claim.spec.resources?.requests);
}

export function volumeCapacity(volume: PersistentVolume): bigint {
  return storage(volume.spec.capacity);
}

/** The claim's reference is this claim (by namespace and name, and by UID when it names one). */
export function claimRefMatches(volume: PersistentVolume, claim: PersistentVolumeClaim): boolean {
  const ref = volume.spec.claimRef;
  return !!ref && ref.namespace === claim.metadata.namespace && ref.name === claim.metadata.name && (!ref.uid || ref.uid === claim.metadata.uid);
}

/**
 * findBestMatchForClaim (volume.FindMatchingVolume, without node affinity): among volumes not bound to
 * another claim, of the claim's class, volume mode and selector, offering every requested access mode
 * and at least the requested size, the smallest; a volume pre-bound to this claim wins outright.
 */
export function findBestMatch(claim: PersistentVolumeClaim, volumes: PersistentVolume[]): PersistentVolume | undefined {
  const requested = requestedStorage(claim);
  const modes = claim.spec.accessModes ?? [];
  let best: PersistentVolume | undefined;
  for (const volume of volumes) {
    if (volume.metadata.deletionTimestamp) continue;
    const ref = volume.spec.claimRef;
    if (ref && claimRefMatches(volume, claim)) return volume;
    if (ref || volume.status?.phase === 'Released' || volume.status?.phase === 'Failed') continue;
    if (volumeClass(volume) !== claimClass(claim)) continue;
    if ((volume.spec.volumeMode ?? 'Filesystem') !== (claim.spec.volumeMode ?? 'Filesystem')) continue;
    if (claim.spec.selector && !selectorMatches(claim.spec.selector, volume.metadata.labels)) continue;
    if (!modes.every((mode) => (volume.spec.accessModes ?? []).includes(mode))) continue;
    const capacity = volumeCapacity(volume);
    if (capacity < requested) continue;
    if (!best || capacity < volumeCapacity(best)) best = volume;
  }
  return best;
}
