import { kubeTime } from '@drydock/kube';
import type { KubeObject } from '@drydock/util';
import { StatusError, deepCopy } from '@drydock/util';
import type { ResourceDefinition } from '@drydock/registry';
import type { DeleteOptions } from './delete-options';

/*
 * The stages of a DELETE, as upstream's generic registry (store.Delete → BeforeDelete): preconditions,
 * then either mark the object (deletionTimestamp; it stays while finalizers remain, a grace period
 * runs or its kind finalizes it) or remove it. Pure; the generic store runs them and persists.
 */

/** Finalizers the garbage collector (controller-manager) acts on. */
const propagationFinalizers: Record<string, string> = { Foreground: 'foregroundDeletion', Orphan: 'orphan' };

/** DeleteOptions.preconditions: a 409 Conflict when the uid or resourceVersion moved. */
export function checkDeletePreconditions(def: ResourceDefinition, current: KubeObject, options: DeleteOptions): void {
  const pre = options.preconditions;
  const resource = { group: def.group, resource: def.resource };
  if (pre?.uid && pre.uid !== current.metadata.uid) {
    throw StatusError.conflict(resource, current.metadata.name!, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${current.metadata.uid}`);
  }
  if (pre?.resourceVersion && pre.resourceVersion !== current.metadata.resourceVersion) {
    throw StatusError.conflict(resource, current.metadata.name!, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion}`);
  }
}

/** Returns the object marked for deletion, or undefined when it can be removed now. */
export function markForDeletion(def: ResourceDefinition, current: KubeObject, options: DeleteOptions, now = new Date()): KubeObject | undefined {
  const deletion = def.strategy.deletion;
  const finalizers = [...(current.metadata.finalizers ?? [])];
  const propagation = options.propagationPolicy && propagationFinalizers[options.propagationPolicy];
  const ownsDependents = propagation !== undefined && !current.metadata.deletionTimestamp;
  if (ownsDependents && !finalizers.includes(propagation!)) finalizers.push(propagation!);
  const grace = deletion?.gracePeriodSeconds?.(current, options.gracePeriodSeconds) ?? 0;
  const awaitsFinalization = deletion?.awaitsFinalization?.(current) ?? false;
  if (finalizers.length === 0 && grace <= 0 && !awaitsFinalization) return undefined;
  // Only the metadata is new: the rest is the stored object's, which nothing writes into (the mark is
  // compared and encoded, then dropped), unless the kind's prepareForDelete changes the object (a copy then).
  const marked: KubeObject = deletion?.prepareForDelete ? deepCopy(current) : { ...current, metadata: { ...current.metadata } };
  if (finalizers.length) marked.metadata.finalizers = finalizers;
  else delete marked.metadata.finalizers;
  if (!marked.metadata.deletionTimestamp) {
    marked.metadata.deletionTimestamp = kubeTime(new Date(now.getTime() + grace * 1000));
    marked.metadata.deletionGracePeriodSeconds = grace;
  }
  deletion?.prepareForDelete?.(marked);
  return marked;
}
