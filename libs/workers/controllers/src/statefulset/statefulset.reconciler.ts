import type { KubeObject } from '@drydock/util';
import { Informer, isAlreadyExists, isNotFound, metaNamespaceKey, resources, splitMetaNamespaceKey } from '@drydock/client';
import { ControllerContext, QueueReconciler } from '../controller-context';
import { claimObjects } from '../util/controller-ref-manager';
import { getControllerOf, newControllerRef, selectorMatches } from '@drydock/kube';
import { isPodAvailable } from '../util/pod-status';
import type { Pod } from '../util/workload.types';
import { CONTROLLER_REVISION_HASH_LABEL, ControllerRevision, newControllerRevision, nextRevision, revisionDataEqual, revisionPatch, revisionsToPrune, sortRevisions, templateOfRevision } from './controller-history';
import { claimsForOrdinal, isFailedOrSucceeded, isRunningAndReady, isTerminating, newStatefulPod, podOrdinal, revisionForOrdinal, splitByOrdinal } from './stateful-pod-identity';
import type { StatefulSet, StatefulSetStatus } from './statefulset.types';

const CONTROLLER_UID_INDEX = 'controllerUid';
const byControllerUid = (object: KubeObject) => { const ref = getControllerOf(object); return ref ? [ref.uid] : []; };

/**
 * pkg/controller/statefulset: pods `<set>-<ordinal>` with stable identity and claims, created in order
 * (OrderedReady) or all at once (Parallel), rolled from the highest ordinal down to the partition.
 */
export class StatefulSetReconciler extends QueueReconciler {
  private readonly sets: Informer<StatefulSet>;
  private readonly pods: Informer<Pod>;
  private readonly revisions: Informer<ControllerRevision>;

  constructor(ctx: ControllerContext) {
    super('statefulset-controller', ctx, 'statefulset-controller');
    this.sets = ctx.informers.informerFor<StatefulSet>(resources.statefulsets);
    this.pods = ctx.informers.informerFor<Pod>(resources.pods, { indexers: { [CONTROLLER_UID_INDEX]: byControllerUid } });
    this.revisions = ctx.informers.informerFor<ControllerRevision>(resources.controllerrevisions, { indexers: { [CONTROLLER_UID_INDEX]: byControllerUid } });
    this.sets.addEventHandler({ onAdd: (set) => this.enqueue(set), onUpdate: (_old, set) => this.enqueue(set), onDelete: (set) => this.enqueue(set) });
    this.pods.addEventHandler({ onAdd: (pod) => this.podChanged(pod), onUpdate: (_old, pod) => this.podChanged(pod), onDelete: (pod) => this.podChanged(pod) });
  }

  private podChanged(pod: Pod): void {
    const ref = getControllerOf(pod);
    if (ref) {
      const set = ref.kind === 'StatefulSet' ? this.sets.get(pod.metadata.namespace ?? '', ref.name) : undefined;
      if (set?.metadata.uid === ref.uid) this.enqueue(set);
      return;
    }
    for (const set of this.sets.list(pod.metadata.namespace)) if (selectorMatches(set.spec.selector, pod.metadata.labels)) this.enqueue(set);
  }

  /** sync: revisions, then updateStatefulSet, then status and history (UpdateStatefulSet). */
  async sync(key: string): Promise<void> {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const set = this.sets.get(namespace, name);
    if (!set || set.metadata.deletionTimestamp) return;
    const pods = await this.claimPods(set);
    const revisions = sortRevisions(this.revisions.byIndex(CONTROLLER_UID_INDEX, set.metadata.uid!).filter((cr) => cr.metadata.namespace === namespace));
    const { current, update, collisionCount } = await this.statefulSetRevisions(set, revisions);
    await this.updatePods(set, pods, current, update);
    const status = statefulSetStatus(set, pods, current.metadata.name!, update.metadata.name!, (pod) => isPodAvailable(pod, set.spec.minReadySeconds ?? 0, Date.now(), (start, now) => this.ctx.clock.simulatedSince(start, now)));
    await this.writeStatus(set, { ...status, collisionCount });
    const live = new Set([current.metadata.name!, update.metadata.name!, ...pods.map((pod) => pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? '')]);
    for (const revision of revisionsToPrune(revisions, live, set.spec.revisionHistoryLimit ?? 10)) {
      await this.ctx.client.delete(resources.controllerrevisions, namespace, revision.metadata.name!).catch((error) => { if (!isNotFound(error)) throw error; });
    }
  }

  /** getPodsForStatefulSet: claimed pods whose names are this set's ordinals. */
  private claimPods(set: StatefulSet): Promise<Pod[]> {
    return claimObjects({
      owner: set, ownerApiVersion: 'apps/v1', ownerKind: 'StatefulSet', candidates: this.pods.list(set.metadata.namespace),
      matches: (pod) => selectorMatches(set.spec.selector, pod.metadata.labels) && podOrdinal(set, pod) >= 0,
      canAdopt: async () => (await this.ctx.client.get<StatefulSet>(resources.statefulsets, set.metadata.namespace!, set.metadata.name!))?.metadata.uid === set.metadata.uid,
      patch: (pod, operations) => this.ctx.client.patch<Pod>(resources.pods, pod.metadata.namespace!, pod.metadata.name!, operations, 'json'),
    });
  }

  /** getStatefulSetRevisions: the update revision (created, or the newest equal one renumbered) and the status' current one. */
  private async statefulSetRevisions(set: StatefulSet, revisions: ControllerRevision[]): Promise<{ current: ControllerRevision; update: ControllerRevision; collisionCount: number }> {
    let collisionCount = set.status?.collisionCount ?? 0;
    const data = revisionPatch(set.spec.template);
    const revisionNumber = nextRevision(revisions);
    const equal = revisions.filter((cr) => revisionDataEqual(cr.data, data));
    let update: ControllerRevision;
    if (equal.length && equal[equal.length - 1] === revisions[revisions.length - 1]) update = revisions[revisions.length - 1];
    else if (equal.length) update = await this.ctx.client.update<ControllerRevision>(resources.controllerrevisions, { ...equal[equal.length - 1], revision: revisionNumber });
    else {
      for (;;) {
        const candidate = newControllerRevision(set, 'apps/v1', 'StatefulSet', set.spec.template?.metadata?.labels, data, revisionNumber, collisionCount);
        // newRevision copies the set's annotations (kubectl rollout history reads change-cause there).
        if (set.metadata.annotations) candidate.metadata.annotations = { ...set.metadata.annotations };
        try {
          update = await this.ctx.client.create<ControllerRevision>(resources.controllerrevisions, set.metadata.namespace!, candidate);
          break;
        } catch (error) {
          if (!isAlreadyExists(error)) throw error;
          const existing = await this.ctx.client.get<ControllerRevision>(resources.controllerrevisions, set.metadata.namespace!, candidate.metadata.name!);
          if (existing && revisionDataEqual(existing.data, data)) { update = existing; break; }
          collisionCount++;
        }
      }
    }
    const current = revisions.find((cr) => cr.metadata.name === set.status?.currentRevision) ?? update;
    return { current, update, collisionCount };
  }

  /**
   * updateStatefulSet: replace failed pods, create missing ordinals, then delete condemned ones highest
   * first; with OrderedReady each step waits for every lower ordinal to be Running and Ready. Then the
   * rolling update deletes one outdated pod from the highest ordinal down to the partition.
   */
  private async updatePods(set: StatefulSet, pods: Pod[], current: ControllerRevision, update: ControllerRevision): Promise<void> {
    const monotonic = set.spec.podManagementPolicy !== 'Parallel';
    const healthy = (pod: Pod) => isRunningAndReady(pod) && !isTerminating(pod) && isPodAvailable(pod, set.spec.minReadySeconds ?? 0, Date.now(), (start, now) => this.ctx.clock.simulatedSince(start, now));
    const { replicas, condemned } = splitByOrdinal(set, pods);
    const start = set.spec.ordinals?.start ?? 0;
    for (let index = 0; index < replicas.length; index++) {
      const pod = replicas[index];
      if (pod && isFailedOrSucceeded(pod)) {
        if (!isTerminating(pod)) {
          const ref = `${set.metadata.namespace}/${set.metadata.name}`;
          if (pod.status?.phase === 'Failed') this.events.event(typed(set), 'Warning', 'RecreatingFailedPod', `StatefulSet ${ref} is recreating failed Pod ${pod.metadata.name}`);
          else this.events.event(typed(set), 'Normal', 'RecreatingTerminatedPod', `StatefulSet ${ref} is recreating terminated Pod ${pod.metadata.name}`);
          await this.deletePod(set, pod);
        }
        if (monotonic) return;
        continue;
      }
      if (!pod) {
        const ordinal = start + index;
        const revision = revisionForOrdinal(set, ordinal) === 'current' ? current : update;
        await this.createPod(set, newStatefulPod(set, templateOfRevision(revision), ordinal, revision.metadata.name!, newControllerRef(set, 'apps/v1', 'StatefulSet')));
        if (monotonic) return;
        continue;
      }
      if (monotonic && !healthy(pod)) return;
    }
    const firstUnhealthy = [...(replicas.filter(Boolean) as Pod[]), ...[...condemned].reverse()].find((pod) => !healthy(pod));
    for (const pod of condemned) {
      if (isTerminating(pod)) {
        if (monotonic) return;
        continue;
      }
      if (monotonic && !healthy(pod) && pod !== firstUnhealthy) return;
      await this.deletePod(set, pod);
      if (monotonic) return;
    }
    if (set.spec.updateStrategy?.type === 'OnDelete') return;
    const partition = set.spec.updateStrategy?.rollingUpdate?.partition ?? 0;
    for (let index = replicas.length - 1; index >= 0 && start + index >= partition; index--) {
      const pod = replicas[index];
      if (!pod) return;
      if (pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] !== update.metadata.name && !isTerminating(pod)) return this.deletePod(set, pod);
      if (!healthy(pod)) return;
    }
  }

  /** createStatefulPod: the ordinal's claims first (kept when they exist), then the pod. */
  private async createPod(set: StatefulSet, pod: Pod): Promise<void> {
    const ordinal = podOrdinal(set, pod);
    for (const claim of claimsForOrdinal(set, ordinal)) {
      if (await this.ctx.client.get(resources.persistentvolumeclaims, set.metadata.namespace!, claim.metadata.name!)) continue;
      try {
        await this.ctx.client.create(resources.persistentvolumeclaims, set.metadata.namespace!, claim);
        this.events.event(typed(set), 'Normal', 'SuccessfulCreate', `create Claim ${claim.metadata.name} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} success`);
      } catch (error) {
        if (isAlreadyExists(error)) continue;
        this.events.event(typed(set), 'Warning', 'FailedCreate', `create Claim ${claim.metadata.name} for Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${(error as Error).message}`);
        throw error;
      }
    }
    try {
      await this.ctx.client.create<Pod>(resources.pods, set.metadata.namespace!, pod);
      this.events.event(typed(set), 'Normal', 'SuccessfulCreate', `create Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`);
    } catch (error) {
      if (isAlreadyExists(error)) return;
      this.events.event(typed(set), 'Warning', 'FailedCreate', `create Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${(error as Error).message}`);
      throw error;
    }
  }

  private async deletePod(set: StatefulSet, pod: Pod): Promise<void> {
    try {
      await this.ctx.client.delete(resources.pods, pod.metadata.namespace!, pod.metadata.name!);
      this.events.event(typed(set), 'Normal', 'SuccessfulDelete', `delete Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`);
    } catch (error) {
      if (isNotFound(error)) return;
      this.events.event(typed(set), 'Warning', 'FailedDelete', `delete Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${(error as Error).message}`);
      throw error;
    }
  }

  private async writeStatus(set: StatefulSet, status: StatefulSetStatus): Promise<void> {
    const before = set.status ?? {};
    if (Object.entries(status).every(([field, value]) => (before[field] ?? 0) === (value ?? 0))) return;
    await this.ctx.client.update<StatefulSet>(resources.statefulsets, { ...set, status: { ...before, ...status } }, { subresource: 'status' });
    const minReady = set.spec.minReadySeconds ?? 0;
    if (minReady > 0 && status.readyReplicas !== status.availableReplicas) this.queue.addAfter(metaNamespaceKey(set), minReady * 1000);
  }
}

/** computeReplicaStatus plus completeRollingUpdate (every pod updated and ready: current becomes update). */
export function statefulSetStatus(set: StatefulSet, pods: Pod[], currentRevision: string, updateRevision: string, isAvailable: (pod: Pod) => boolean): StatefulSetStatus {
  const status = { observedGeneration: set.metadata.generation, replicas: 0, readyReplicas: 0, availableReplicas: 0, currentReplicas: 0, updatedReplicas: 0, currentRevision, updateRevision };
  for (const pod of pods) {
    if (podOrdinal(set, pod) < 0) continue;
    status.replicas++;
    if (isRunningAndReady(pod)) {
      status.readyReplicas++;
      if (isAvailable(pod)) status.availableReplicas++;
    }
    if (isTerminating(pod)) continue;
    const revision = pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL];
    if (revision === currentRevision) status.currentReplicas++;
    if (revision === updateRevision) status.updatedReplicas++;
  }
  if (set.spec.updateStrategy?.type !== 'OnDelete' && status.updatedReplicas === status.replicas && status.readyReplicas === status.replicas) {
    status.currentReplicas = status.updatedReplicas;
    status.currentRevision = updateRevision;
  }
  return status;
}

function typed(set: StatefulSet): KubeObject {
  return { ...set, apiVersion: 'apps/v1', kind: 'StatefulSet' };
}
