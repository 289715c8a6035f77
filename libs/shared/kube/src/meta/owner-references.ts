import type { OwnerReference } from 'kubernetes-types/meta/v1';

/** What the owner-reference helpers read of an object's metadata; any JSON object will do. */
export interface OwnedObject {
  metadata?: { name?: string; uid?: string; ownerReferences?: OwnerReference[] };
}

/** metav1.GetControllerOf: the ownerReference with controller=true. */
export function getControllerOf(object: OwnedObject): OwnerReference | undefined {
  return object.metadata?.ownerReferences?.find((ref) => ref.controller === true);
}

/** metav1.IsControlledBy: the controller reference names this owner's UID. */
export function isControlledBy(object: OwnedObject, owner: OwnedObject): boolean {
  const uid = owner.metadata?.uid;
  return uid !== undefined && getControllerOf(object)?.uid === uid;
}

/** Whether any ownerReference (controller or not) names this owner's UID, as the garbage collector reads them. */
export function isOwnedBy(object: OwnedObject, owner: OwnedObject): boolean {
  const uid = owner.metadata?.uid;
  return uid !== undefined && (object.metadata?.ownerReferences ?? []).some((ref) => ref.uid === uid);
}

/** metav1.NewControllerRef: controller=true, blockOwnerDeletion=true. */
export function newControllerRef(owner: OwnedObject, apiVersion: string, kind: string): OwnerReference {
  return { apiVersion, kind, name: owner.metadata?.name ?? '', uid: owner.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true };
}
