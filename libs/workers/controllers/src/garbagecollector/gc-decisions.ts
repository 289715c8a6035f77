import type { KubeObject, OwnerReference } from '@drydock/util';

/**
 * The decisions of pkg/controller/garbagecollector (attemptToDeleteItem, processDeletingDependentsItem,
 * orphanDependents), pure: given what is known of an object's owners, what the collector must do.
 */
export const FOREGROUND_FINALIZER = 'foregroundDeletion';
export const ORPHAN_FINALIZER = 'orphan';

/** What the collector knows of one owner: absent (404 or another UID), or its object. */
export type OwnerState = { absent: true } | { absent: false; object: KubeObject };

export interface ClassifiedReferences {
  solid: OwnerReference[];
  dangling: OwnerReference[];
  waitingForDependentsDeletion: OwnerReference[];
}

export const isDeletingDependents = (object: KubeObject): boolean => !!object.metadata.deletionTimestamp && (object.metadata.finalizers ?? []).includes(FOREGROUND_FINALIZER);
export const isOrphaning = (object: KubeObject): boolean => !!object.metadata.deletionTimestamp && (object.metadata.finalizers ?? []).includes(ORPHAN_FINALIZER);

/** classifyReferences. */
export function classifyReferences(references: OwnerReference[], owners: (ref: OwnerReference) => OwnerState): ClassifiedReferences {
  const result: ClassifiedReferences = { solid: [], dangling: [], waitingForDependentsDeletion: [] };
  for (const ref of references) {
    const owner = owners(ref);
    if (owner.absent) result.dangling.push(ref);
    else if (isDeletingDependents(owner.object)) result.waitingForDependentsDeletion.push(ref);
    else result.solid.push(ref);
  }
  return result;
}

export type GcAction =
  | { action: 'none' }
  | { action: 'removeOwnerReferences'; uids: string[] }
  | { action: 'delete'; propagationPolicy: 'Background' | 'Foreground' | 'Orphan'; unblockOwnerReferences?: true };

/**
 * attemptToDeleteItem for an object with ownerReferences: keep it while a solid owner remains (but
 * drop references to absent or foreground-deleting owners); foreground-delete it when an owner waits
 * for it and it has dependents itself (first making its references non-blocking when one of those
 * dependents waits for its own dependents too: upstream's cycle breaker, so that A ⇄ B in foreground
 * deletion does not wait for ever); otherwise delete it with the policy its own finalizers ask for.
 */
export function decideForDependent(object: KubeObject, classified: ClassifiedReferences, hasDependents: boolean, aDependentIsDeletingDependents = false): GcAction {
  const { solid, dangling, waitingForDependentsDeletion } = classified;
  if (solid.length > 0) {
    if (dangling.length === 0 && waitingForDependentsDeletion.length === 0) return { action: 'none' };
    return { action: 'removeOwnerReferences', uids: [...dangling, ...waitingForDependentsDeletion].map((ref) => ref.uid) };
  }
  if (waitingForDependentsDeletion.length > 0 && hasDependents) {
    return { action: 'delete', propagationPolicy: 'Foreground', ...(aDependentIsDeletingDependents ? { unblockOwnerReferences: true as const } : {}) };
  }
  const finalizers = object.metadata.finalizers ?? [];
  if (finalizers.includes(ORPHAN_FINALIZER)) return { action: 'delete', propagationPolicy: 'Orphan' };
  if (finalizers.includes(FOREGROUND_FINALIZER)) return { action: 'delete', propagationPolicy: 'Foreground' };
  return { action: 'delete', propagationPolicy: 'Background' };
}

/** The references of a dependent that block its owner's foreground deletion. */
export function blocksOwner(dependent: KubeObject, ownerUid: string): boolean {
  return (dependent.metadata.ownerReferences ?? []).some((ref) => ref.uid === ownerUid && ref.blockOwnerDeletion === true);
}

/** unblockOwnerReferences: every reference of the object with blockOwnerDeletion turned off. */
export function unblockedOwnerReferences(object: KubeObject): OwnerReference[] {
  return (object.metadata.ownerReferences ?? []).map((ref) => (ref.blockOwnerDeletion ? { ...ref, blockOwnerDeletion: false } : ref));
}

/** The JSON merge of ownerReferences without the given owner UIDs (deleteOwnerRefJSONMergePatch). */
export function ownerReferencesWithout(object: KubeObject, uids: string[]): OwnerReference[] {
  return (object.metadata.ownerReferences ?? []).filter((ref) => !uids.includes(ref.uid));
}

/** The object's finalizers without one (removeFinalizer). */
export function finalizersWithout(object: KubeObject, finalizer: string): string[] {
  return (object.metadata.finalizers ?? []).filter((f) => f !== finalizer);
}
