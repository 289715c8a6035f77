import type { KubeObject } from '@drydock/util';
import { Informer, isNotFound, resources, splitMetaNamespaceKey } from '@drydock/client';
import { ControllerContext, QueueReconciler } from '../controller-context';
import type { Pod } from '../util/workload.types';
import { claimClass, claimRefMatches, findBestMatch } from './volume-matching';
import { podClaimNames } from './pod-claims';
import { VolumeWrites } from './volume-writes';
import {
  ANN_BETA_STORAGE_CLASS, ANN_BETA_STORAGE_PROVISIONER, ANN_BIND_COMPLETED, ANN_BOUND_BY_CONTROLLER, ANN_DYNAMICALLY_PROVISIONED, ANN_SELECTED_NODE, ANN_STORAGE_PROVISIONER,
  PersistentVolume, PersistentVolumeClaim, SIMULATED_PROVISIONER, StorageClass,
} from './volume.types';

const IS_DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';

/**
 * pkg/controller/volume/persistentvolume (the persistentvolume-binder): binds each claim to the best
 * matching volume, or asks its StorageClass's provisioner for one (ExternalProvisioning), waiting for a
 * first consumer (the selected-node annotation, or a scheduled pod using the claim) when the class says
 * WaitForFirstConsumer; marks volumes Available, Bound or Released, and reclaims released ones (Delete:
 * the simulated provisioner's volumes are deleted; Retain: they stay Released). Keys are `claim:ns/name`
 * and `volume:name`, the two queues upstream has.
 */
export class PersistentVolumeReconciler extends QueueReconciler {
  private readonly claims: Informer<PersistentVolumeClaim>;
  private readonly volumes: Informer<PersistentVolume>;
  private readonly classes: Informer<StorageClass>;
  private readonly pods: Informer<Pod>;
  private readonly writes: VolumeWrites;

  constructor(ctx: ControllerContext) {
    super('persistentvolume-binder-controller', ctx, 'persistentvolume-controller');
    this.writes = new VolumeWrites(ctx.client, () => ctx.clock.now());
    this.claims = ctx.informers.informerFor<PersistentVolumeClaim>(resources.persistentvolumeclaims);
    this.volumes = ctx.informers.informerFor<PersistentVolume>(resources.persistentvolumes);
    this.classes = ctx.informers.informerFor<StorageClass>(resources.storageclasses);
    this.pods = ctx.informers.informerFor<Pod>(resources.pods);
    const claimChanged = (claim: PersistentVolumeClaim) => { this.queue.add(`claim:${claim.metadata.namespace}/${claim.metadata.name}`); if (claim.spec.volumeName) this.queue.add(`volume:${claim.spec.volumeName}`); };
    this.claims.addEventHandler({ onAdd: claimChanged, onUpdate: (_old, claim) => claimChanged(claim), onDelete: claimChanged });
    const volumeChanged = (volume: PersistentVolume) => { this.queue.add(`volume:${volume.metadata.name}`); const ref = volume.spec.claimRef; if (ref?.name) this.queue.add(`claim:${ref.namespace}/${ref.name}`); };
    this.volumes.addEventHandler({ onAdd: volumeChanged, onUpdate: (_old, volume) => volumeChanged(volume), onDelete: volumeChanged });
    this.classes.addEventHandler({ onAdd: () => this.enqueuePendingClaims(), onUpdate: () => this.enqueuePendingClaims() });
    const podChanged = (pod: Pod) => { if (pod.spec?.nodeName) for (const name of podClaimNames(pod)) this.queue.add(`claim:${pod.metadata.namespace}/${name}`); };
    this.pods.addEventHandler({ onAdd: podChanged, onUpdate: (_old, pod) => podChanged(pod) });
  }

  private enqueuePendingClaims(): void {
    for (const claim of this.claims.list()) if (claim.status?.phase !== 'Bound') this.queue.add(`claim:${claim.metadata.namespace}/${claim.metadata.name}`);
  }

  async sync(key: string): Promise<void> {
    try {
      if (key.startsWith('volume:')) {
        const volume = this.volumes.get('', key.slice('volume:'.length));
        if (volume) await this.syncVolume(volume);
        return;
      }
      const { namespace, name } = splitMetaNamespaceKey(key.slice('claim:'.length));
      const claim = this.claims.get(namespace, name);
      if (claim && !claim.metadata.deletionTimestamp) await this.syncClaim(claim);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  /** syncClaim: an unbound claim is bound or provisioned; a bound one keeps its status true to its volume. */
  private async syncClaim(claim: PersistentVolumeClaim): Promise<void> {
    if (claim.metadata.annotations?.[ANN_BIND_COMPLETED] !== 'yes') return this.syncUnboundClaim(claim);
    const volume = claim.spec.volumeName ? this.volumes.get('', claim.spec.volumeName) : undefined;
    if (!volume) {
      if (claim.status?.phase !== 'Lost') this.events.event(typed(claim), 'Warning', 'ClaimLost', 'Bound claim has lost reference to PersistentVolume. Data on the volume is lost!');
      await this.writes.claimPhase(claim, 'Lost');
      return;
    }
    if (!volume.spec.claimRef) return this.bind(volume, claim);
    if (claimRefMatches(volume, claim)) {
      await this.writes.claimPhase(claim, 'Bound', volume);
      return;
    }
    if (claim.status?.phase !== 'Lost') this.events.event(typed(claim), 'Warning', 'ClaimMisbound', 'Two claims are bound to the same volume, this one is bound incorrectly');
    await this.writes.claimPhase(claim, 'Lost');
  }

  private async syncUnboundClaim(claim: PersistentVolumeClaim): Promise<void> {
    if (await this.assignDefaultClass(claim)) return;
    if (claim.spec.volumeName) {
      const volume = this.volumes.get('', claim.spec.volumeName);
      if (!volume) return void (await this.writes.claimPhase(claim, 'Pending'));
      if (!volume.spec.claimRef || claimRefMatches(volume, claim)) return this.bind(volume, claim);
      this.events.event(typed(claim), 'Warning', 'FailedBinding', `volume "${volume.metadata.name}" already bound to a different claim.`);
      await this.writes.claimPhase(claim, 'Pending');
      return;
    }
    const storageClass = claimClass(claim) ? this.classes.get('', claimClass(claim)) : undefined;
    if (storageClass?.volumeBindingMode === 'WaitForFirstConsumer' && !claim.metadata.annotations?.[ANN_SELECTED_NODE]) {
      const consumerNode = this.consumerNode(claim);
      if (consumerNode) return this.annotate(claim, { [ANN_SELECTED_NODE]: consumerNode });
      if (claim.status?.phase !== 'Pending') await this.writes.claimPhase(claim, 'Pending');
      this.events.event(typed(claim), 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
      return;
    }
    const volume = findBestMatch(claim, this.volumes.list());
    if (volume) return this.bind(volume, claim);
    claim = await this.writes.claimPhase(claim, 'Pending');
    if (!claimClass(claim)) {
      this.events.event(typed(claim), 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set');
    } else if (!storageClass) {
      this.events.event(typed(claim), 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${claimClass(claim)}" not found`);
    } else if (claim.metadata.annotations?.[ANN_STORAGE_PROVISIONER] !== storageClass.provisioner) {
      await this.annotate(claim, { [ANN_STORAGE_PROVISIONER]: storageClass.provisioner, [ANN_BETA_STORAGE_PROVISIONER]: storageClass.provisioner });
      this.events.event(typed(claim), 'Normal', 'ExternalProvisioning', `Waiting for a volume to be created either by the external provisioner '${storageClass.provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`);
    }
  }

  /** Retroactive default StorageClass: a claim created before any default existed gets it now. */
  private async assignDefaultClass(claim: PersistentVolumeClaim): Promise<boolean> {
    if (claim.spec.storageClassName !== undefined && claim.spec.storageClassName !== null) return false;
    if (claim.metadata.annotations?.[ANN_BETA_STORAGE_CLASS] !== undefined || claim.spec.volumeName) return false;
    const [newest] = this.classes.list().filter((c) => c.metadata.annotations?.[IS_DEFAULT_CLASS] === 'true').sort((a, b) => Date.parse(b.metadata.creationTimestamp ?? '') - Date.parse(a.metadata.creationTimestamp ?? ''));
    if (!newest) return false;
    await this.ctx.client.update(resources.persistentvolumeclaims, { ...claim, spec: { ...claim.spec, storageClassName: newest.metadata.name } });
    return true;
  }

  /** The node of a scheduled, not finished pod that uses the claim: where a WaitForFirstConsumer volume goes. */
  private consumerNode(claim: PersistentVolumeClaim): string | undefined {
    const consumer = this.pods.list(claim.metadata.namespace).find((pod) => pod.spec?.nodeName && !['Succeeded', 'Failed'].includes(pod.status?.phase ?? '') && podClaimNames(pod).includes(claim.metadata.name!));
    return consumer?.spec?.nodeName;
  }

  private async annotate(claim: PersistentVolumeClaim, added: Record<string, string>): Promise<void> {
    await this.ctx.client.update(resources.persistentvolumeclaims, { ...claim, metadata: { ...claim.metadata, annotations: { ...(claim.metadata.annotations ?? {}), ...added } } });
  }

  /** bind: the volume's claimRef and phase first, then the claim's volumeName and status, as upstream orders them. */
  private async bind(volume: PersistentVolume, claim: PersistentVolumeClaim): Promise<void> {
    const bound = await this.writes.bindVolume(volume, claim);
    const boundVolume = await this.writes.volumePhase(bound, 'Bound');
    const boundClaim = await this.writes.bindClaim(claim, boundVolume);
    await this.writes.claimPhase(boundClaim, 'Bound', boundVolume);
  }

  /** syncVolume: Available without a claim, Bound with its claim, Released (then reclaimed) once the claim is gone. */
  private async syncVolume(volume: PersistentVolume): Promise<void> {
    const ref = volume.spec.claimRef;
    if (!ref) return void (await this.writes.volumePhase(volume, 'Available'));
    if (!ref.uid) return void (await this.writes.volumePhase(volume, 'Available'));
    let claim = this.claims.get(ref.namespace ?? '', ref.name ?? '');
    // Before releasing (and perhaps deleting) a volume, ask the API server: the cache may be behind.
    if (claim?.metadata.uid !== ref.uid) claim = (await this.ctx.client.get<PersistentVolumeClaim>(resources.persistentvolumeclaims, ref.namespace ?? '', ref.name ?? '')) ?? undefined;
    if (claim && claim.metadata.uid === ref.uid) {
      if (!claim.spec.volumeName || claim.spec.volumeName === volume.metadata.name) return void (await this.writes.volumePhase(volume, 'Bound'));
      if (volume.metadata.annotations?.[ANN_BOUND_BY_CONTROLLER] === 'yes') await this.writes.unbindVolume(volume);
      return;
    }
    const released = volume.status?.phase === 'Released' || volume.status?.phase === 'Failed' ? volume : await this.writes.volumePhase(volume, 'Released');
    await this.reclaim(released);
  }

  /** reclaimVolume: Delete removes the simulated provisioner's volumes; others cannot be deleted (Failed); Retain keeps it Released. */
  private async reclaim(volume: PersistentVolume): Promise<void> {
    if (volume.spec.persistentVolumeReclaimPolicy !== 'Delete' || volume.status?.phase === 'Failed' || volume.metadata.deletionTimestamp) return;
    if (volume.metadata.annotations?.[ANN_DYNAMICALLY_PROVISIONED] === SIMULATED_PROVISIONER) {
      await this.ctx.client.delete(resources.persistentvolumes, '', volume.metadata.name!);
      return;
    }
    const message = `error getting deleter volume plugin for volume "${volume.metadata.name}": no deletable volume plugin matched`;
    this.events.event(typed(volume, 'PersistentVolume'), 'Warning', 'VolumeFailedDelete', message);
    await this.writes.volumePhase(volume, 'Failed', message);
  }
}

function typed(object: PersistentVolume | PersistentVolumeClaim, kind = 'PersistentVolumeClaim'): KubeObject {
  return { ...object, apiVersion: 'v1', kind };
}
