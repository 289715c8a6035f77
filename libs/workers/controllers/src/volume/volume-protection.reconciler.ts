import type { KubeObject } from '@drydock/util';
import { Informer, KubeClient, resources, ResourceRef, splitMetaNamespaceKey } from '@drydock/client';
import { ControllerContext, QueueReconciler } from '../controller-context';
import type { Pod } from '../util/workload.types';
import { podClaimNames } from './pod-claims';
import { PersistentVolume, PersistentVolumeClaim, PV_PROTECTION_FINALIZER, PVC_PROTECTION_FINALIZER } from './volume.types';

/** Adds or removes one finalizer with an update guarded by the object's resourceVersion. */
async function setFinalizer(client: KubeClient, ref: ResourceRef, object: KubeObject, finalizer: string, present: boolean): Promise<void> {
  const others = (object.metadata.finalizers ?? []).filter((f) => f !== finalizer);
  const finalizers = present ? [...others, finalizer] : others;
  await client.update(ref, { ...object, metadata: { ...object.metadata, finalizers: finalizers.length ? finalizers : undefined } });
}

const isTerminal = (pod: Pod) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

/**
 * pkg/controller/volume/pvcprotection: every claim carries kubernetes.io/pvc-protection; a claim being
 * deleted keeps it while a pod that has not finished uses the claim (checked against the API server
 * too, as upstream does before letting go), so `kubectl delete pvc` waits for the pod to go.
 */
export class PvcProtectionReconciler extends QueueReconciler {
  private readonly claims: Informer<PersistentVolumeClaim>;
  private readonly pods: Informer<Pod>;

  constructor(ctx: ControllerContext) {
    super('pvc-protection-controller', ctx);
    this.claims = ctx.informers.informerFor<PersistentVolumeClaim>(resources.persistentvolumeclaims);
    this.pods = ctx.informers.informerFor<Pod>(resources.pods);
    this.claims.addEventHandler({ onAdd: (c) => this.enqueue(c), onUpdate: (_old, c) => this.enqueue(c) });
    const podChanged = (pod: Pod) => { for (const name of podClaimNames(pod)) this.queue.add(`${pod.metadata.namespace}/${name}`); };
    this.pods.addEventHandler({ onUpdate: (_old, pod) => { if (isTerminal(pod)) podChanged(pod); }, onDelete: podChanged });
  }

  async sync(key: string): Promise<void> {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const claim = this.claims.get(namespace, name);
    if (!claim) return;
    const protectedNow = claim.metadata.finalizers?.includes(PVC_PROTECTION_FINALIZER) ?? false;
    if (!claim.metadata.deletionTimestamp) {
      if (!protectedNow) await setFinalizer(this.ctx.client, resources.persistentvolumeclaims, claim, PVC_PROTECTION_FINALIZER, true);
      return;
    }
    if (protectedNow && !(await this.inUse(claim))) await setFinalizer(this.ctx.client, resources.persistentvolumeclaims, claim, PVC_PROTECTION_FINALIZER, false);
  }

  private async inUse(claim: PersistentVolumeClaim): Promise<boolean> {
    const uses = (pod: Pod) => !isTerminal(pod) && podClaimNames(pod).includes(claim.metadata.name!);
    if (this.pods.list(claim.metadata.namespace).some(uses)) return true;
    return (await this.ctx.client.list<Pod>(resources.pods, { namespace: claim.metadata.namespace })).items.some(uses);
  }
}

/**
 * pkg/controller/volume/pvprotection: every volume carries kubernetes.io/pv-protection; a volume being
 * deleted keeps it while it is Bound to a claim.
 */
export class PvProtectionReconciler extends QueueReconciler {
  private readonly volumes: Informer<PersistentVolume>;

  constructor(ctx: ControllerContext) {
    super('pv-protection-controller', ctx);
    this.volumes = ctx.informers.informerFor<PersistentVolume>(resources.persistentvolumes);
    this.volumes.addEventHandler({ onAdd: (v) => this.enqueue(v), onUpdate: (_old, v) => this.enqueue(v) });
  }

  async sync(key: string): Promise<void> {
    const volume = this.volumes.get('', splitMetaNamespaceKey(key).name);
    if (!volume) return;
    const protectedNow = volume.metadata.finalizers?.includes(PV_PROTECTION_FINALIZER) ?? false;
    if (!volume.metadata.deletionTimestamp) {
      if (!protectedNow) await setFinalizer(this.ctx.client, resources.persistentvolumes, volume, PV_PROTECTION_FINALIZER, true);
      return;
    }
    if (protectedNow && volume.status?.phase !== 'Bound') await setFinalizer(this.ctx.client, resources.persistentvolumes, volume, PV_PROTECTION_FINALIZER, false);
  }
}
