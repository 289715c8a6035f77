import type { KubeObject, OwnerReference } from '@drydock/util';

/** metav1.GetControllerOf: the ownerReference with controller=true. */
export function controllerOf(object: KubeObject): OwnerReference | undefined {
  return object.metadata.ownerReferences?.find((ref) => ref.controller === true);
}

/** metav1.IsControlledBy: the controller reference names this owner's UID. */
export function isControlledBy(object: KubeObject, owner: KubeObject): boolean {
  return controllerOf(object)?.uid === owner.metadata.uid;
}

/** metav1.NewControllerRef: controller=true, blockOwnerDeletion=true. */
export function newControllerRef(owner: KubeObject, apiVersion: string, kind: string): OwnerReference {
  return { apiVersion, kind, name: owner.metadata.name!, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true };
}
