import type { KubeObject } from '@drydock/util';
import { StatusError, deepCopy } from '@drydock/util';
import type { ObjectStore } from '@drydock/storage';
import type { ResourceDefinition } from '@drydock/registry';
import type { Admission } from '../pipeline/admission';
import type { DeleteOptions } from './delete-options';
import { groupResource, objectKey, storeFailure, withTypeMeta } from './generic-store';
import { kubeTime, revisionOf } from './object-meta';

export interface DeleteResult {
  object: KubeObject;
  /** false when the object stays (finalizers, graceful pod deletion). */
  deleted: boolean;
}

/** Finalizers the garbage collector (controller-manager) acts on. */
const propagationFinalizers: Record<string, string> = { Foreground: 'foregroundDeletion', Orphan: 'orphan' };

/**
 * DELETE as upstream's generic registry: preconditions, then either mark for deletion
 * (deletionTimestamp, propagation finalizer; the object stays while finalizers remain) or remove.
 */
export async function deleteObject(store: ObjectStore, admission: Admission, def: ResourceDefinition, cluster: string, namespace: string, name: string, options: DeleteOptions): Promise<DeleteResult> {
  const key = objectKey(def, cluster, namespace, name);
  for (let attempt = 0; attempt < 16; attempt++) {
    const current = await store.get(key);
    if (!current) throw StatusError.notFound(groupResource(def), name);
    checkPreconditions(def, current, options);
    await admission.admit({ operation: 'DELETE', def, cluster, object: current, old: current });
    const marked = markForDeletion(def, current, options);
    if (options.dryRun) return { object: withTypeMeta(def, marked ?? current), deleted: !marked };
    try {
      if (!marked) return { object: withTypeMeta(def, await store.delete(key, { expectedRevision: revisionOf(current) })), deleted: true };
      if (JSON.stringify(marked) === JSON.stringify(current)) return { object: withTypeMeta(def, current), deleted: false };
      return { object: withTypeMeta(def, await store.update(key, marked, { expectedRevision: revisionOf(current) })), deleted: false };
    } catch (error) {
      const mapped = storeFailure(def, name, error);
      if (mapped instanceof StatusError && mapped.reason === 'Conflict') continue;
      throw mapped;
    }
  }
  throw StatusError.conflict(groupResource(def), name, 'too many concurrent updates; please try again');
}

function checkPreconditions(def: ResourceDefinition, current: KubeObject, options: DeleteOptions): void {
  const pre = options.preconditions;
  if (pre?.uid && pre.uid !== current.metadata.uid) {
    throw StatusError.conflict(groupResource(def), current.metadata.name!, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${current.metadata.uid}`);
  }
  if (pre?.resourceVersion && pre.resourceVersion !== current.metadata.resourceVersion) {
    throw StatusError.conflict(groupResource(def), current.metadata.name!, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion}`);
  }
}

/** Returns the object marked for deletion, or undefined when it can be removed now. */
function markForDeletion(def: ResourceDefinition, current: KubeObject, options: DeleteOptions): KubeObject | undefined {
  const finalizers = [...(current.metadata.finalizers ?? [])];
  const propagation = options.propagationPolicy && propagationFinalizers[options.propagationPolicy];
  const ownsDependents = propagation !== undefined && !current.metadata.deletionTimestamp;
  if (ownsDependents && !finalizers.includes(propagation!)) finalizers.push(propagation!);
  const graceful = isGracefulPod(def, current, options);
  if (finalizers.length === 0 && !graceful && !isNamespace(def)) return undefined;
  const marked = deepCopy(current);
  marked.metadata.finalizers = finalizers.length ? finalizers : undefined;
  if (!marked.metadata.deletionTimestamp) {
    const grace = graceful ? gracePeriod(current, options) : 0;
    marked.metadata.deletionTimestamp = kubeTime(new Date(Date.now() + grace * 1000));
    marked.metadata.deletionGracePeriodSeconds = grace;
  }
  if (isNamespace(def)) marked.status = { ...(marked.status as object), phase: 'Terminating' };
  return JSON.parse(JSON.stringify(marked)) as KubeObject;
}

function isNamespace(def: ResourceDefinition): boolean {
  return def.group === '' && def.resource === 'namespaces';
}

/** A pod bound to a node is deleted gracefully: the kubelet confirms with a grace-0 delete. */
function isGracefulPod(def: ResourceDefinition, pod: KubeObject, options: DeleteOptions): boolean {
  if (def.group !== '' || def.resource !== 'pods') return false;
  const spec = pod.spec as { nodeName?: string } | undefined;
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  if (!spec?.nodeName || phase === 'Succeeded' || phase === 'Failed') return false;
  return gracePeriod(pod, options) > 0;
}

function gracePeriod(pod: KubeObject, options: DeleteOptions): number {
  if (options.gracePeriodSeconds !== undefined) return options.gracePeriodSeconds;
  return (pod.spec as { terminationGracePeriodSeconds?: number } | undefined)?.terminationGracePeriodSeconds ?? 30;
}
