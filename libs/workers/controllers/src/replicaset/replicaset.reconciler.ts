import type { KubeObject } from '@drydock/util';
import { Informer, isConflict, isNotFound, metaNamespaceKey, ResourceRef, resources, splitMetaNamespaceKey } from '@drydock/client';
import { ControllerContext, QueueReconciler } from '../controller-context';
import { claimObjects } from '../util/controller-ref-manager';
import { getControllerOf, newControllerRef, selectorMatches, setSelectorMatches } from '@drydock/kube';
import { podFromTemplate } from '../util/pod-template';
import { isPodActive, isPodReady } from '../util/pod-status';
import type { LabelSelector, Pod, ReplicaSet } from '../util/workload.types';
import { ControllerExpectations } from './expectations';
import { podsToDelete } from './pod-deletion-order';
import { calculateReplicaSetStatus, replicaSetStatusUnchanged } from './replicaset-status';

/** Upstream's BurstReplicas: at most this many creations or deletions per sync. */
export const BURST_REPLICAS = 500;
const CONTROLLER_UID_INDEX = 'controllerUid';

/** The two kinds this reconciler serves: apps/v1 ReplicaSet and v1 ReplicationController (map selector). */
export interface ReplicaSetKind {
  resource: ResourceRef;
  apiVersion: string;
  kind: string;
  controllerName: string;
  selects(rs: ReplicaSet, labels: Record<string, string> | undefined): boolean;
}

export const replicaSetKind: ReplicaSetKind = {
  resource: resources.replicasets, apiVersion: 'apps/v1', kind: 'ReplicaSet', controllerName: 'replicaset-controller',
  selects: (rs, labels) => selectorMatches(rs.spec.selector as LabelSelector | undefined, labels),
};

export const replicationControllerKind: ReplicaSetKind = {
  resource: resources.replicationcontrollers, apiVersion: 'v1', kind: 'ReplicationController', controllerName: 'replication-controller',
  selects: (rc, labels) => setSelectorMatches((rc.spec.selector as Record<string, string> | undefined) ?? rc.spec.template?.metadata?.labels, labels),
};

/**
 * pkg/controller/replicaset: keeps spec.replicas active pods per ReplicaSet (or ReplicationController),
 * adopting and releasing pods by selector, with expectations so a lagging cache never double-creates.
 */
export class ReplicaSetReconciler extends QueueReconciler {
  private readonly sets: Informer<ReplicaSet>;
  private readonly pods: Informer<Pod>;
  readonly expectations: ControllerExpectations;

  constructor(ctx: ControllerContext, private readonly target: ReplicaSetKind = replicaSetKind) {
    super(target.controllerName, ctx);
    this.expectations = new ControllerExpectations();
    this.sets = ctx.informers.informerFor<ReplicaSet>(target.resource);
    this.pods = ctx.informers.informerFor<Pod>(resources.pods, { indexers: { [CONTROLLER_UID_INDEX]: (pod) => { const ref = getControllerOf(pod); return ref ? [ref.uid] : []; } } });
    this.sets.addEventHandler({
      onAdd: (rs) => this.enqueue(rs),
      onUpdate: (_old, rs) => this.enqueue(rs),
      onDelete: (rs) => { this.expectations.delete(metaNamespaceKey(rs)); this.enqueue(rs); },
    });
    this.pods.addEventHandler({ onAdd: (pod) => this.podAdded(pod), onUpdate: (old, pod) => this.podUpdated(old, pod), onDelete: (pod) => this.podDeleted(pod) });
  }

  /** The controller this pod's controllerRef names, if it is one of ours and still cached. */
  private owningSet(pod: Pod): ReplicaSet | undefined {
    const ref = getControllerOf(pod);
    if (!ref || ref.kind !== this.target.kind) return undefined;
    const rs = this.sets.get(pod.metadata.namespace ?? '', ref.name);
    return rs?.metadata.uid === ref.uid ? rs : undefined;
  }

  private setsSelecting(pod: Pod): ReplicaSet[] {
    return this.sets.list(pod.metadata.namespace).filter((rs) => this.target.selects(rs, pod.metadata.labels));
  }

  private podAdded(pod: Pod): void {
    if (pod.metadata.deletionTimestamp) return this.podDeleted(pod);
    const owner = this.owningSet(pod);
    if (owner) {
      this.expectations.creationObserved(metaNamespaceKey(owner));
      this.enqueue(owner);
    } else if (!getControllerOf(pod)) {
      for (const rs of this.setsSelecting(pod)) this.enqueue(rs);
    }
  }

  private podUpdated(old: Pod, pod: Pod): void {
    if (pod.metadata.deletionTimestamp && !old.metadata.deletionTimestamp) {
      const owner = this.owningSet(pod);
      if (owner) this.expectations.deletionObserved(metaNamespaceKey(owner), metaNamespaceKey(pod));
    }
    const oldOwner = this.owningSet(old);
    if (oldOwner && getControllerOf(old)?.uid !== getControllerOf(pod)?.uid) this.enqueue(oldOwner);
    const owner = this.owningSet(pod);
    if (owner) {
      this.enqueue(owner);
      const minReady = owner.spec.minReadySeconds ?? 0;
      if (minReady > 0 && !isPodReady(old) && isPodReady(pod)) this.queue.addAfter(metaNamespaceKey(owner), minReady * 1000 + 1000);
    } else if (!getControllerOf(pod)) {
      for (const rs of this.setsSelecting(pod)) this.enqueue(rs);
    }
  }

  private podDeleted(pod: Pod): void {
    const owner = this.owningSet(pod);
    if (!owner) return;
    this.expectations.deletionObserved(metaNamespaceKey(owner), metaNamespaceKey(pod));
    this.enqueue(owner);
  }

  /** syncReplicaSet: claim pods, create or delete toward spec.replicas (when expectations allow), write status. */
  async sync(key: string): Promise<void> {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const rs = this.sets.get(namespace, name);
    if (!rs) return this.expectations.delete(key);
    const needsSync = this.expectations.satisfied(key);
    const active = await this.claimPods(rs, this.pods.list(namespace).filter(isPodActive));
    let manageError: Error | undefined;
    if (needsSync && !rs.metadata.deletionTimestamp) {
      try {
        await this.manageReplicas(key, rs, active);
      } catch (error) {
        manageError = error as Error;
      }
    }
    const clock = this.ctx.clock;
    const status = calculateReplicaSetStatus(rs, active, manageError, Date.now(), (start, now) => clock.simulatedSince(start, now));
    const updated = await this.writeStatus(rs, status);
    const minReady = updated.spec.minReadySeconds ?? 0;
    const replicas = updated.spec.replicas ?? 1;
    if (!manageError && minReady > 0 && updated.status?.readyReplicas === replicas && updated.status?.availableReplicas !== replicas) {
      this.queue.addAfter(key, minReady * 1000);
    }
    if (manageError) throw manageError;
  }

  private claimPods(rs: ReplicaSet, pods: Pod[]): Promise<Pod[]> {
    return claimObjects({
      owner: rs, ownerApiVersion: this.target.apiVersion, ownerKind: this.target.kind, candidates: pods,
      matches: (pod) => this.target.selects(rs, pod.metadata.labels),
      canAdopt: async () => {
        const fresh = await this.ctx.client.get<ReplicaSet>(this.target.resource, rs.metadata.namespace!, rs.metadata.name!);
        return !!fresh && fresh.metadata.uid === rs.metadata.uid && !fresh.metadata.deletionTimestamp;
      },
      patch: (pod, operations) => this.ctx.client.patch<Pod>(resources.pods, pod.metadata.namespace!, pod.metadata.name!, operations, 'json'),
    });
  }

  /** manageReplicas: at most BURST_REPLICAS creations (slow-start batches) or deletions per call. */
  private async manageReplicas(key: string, rs: ReplicaSet, active: Pod[]): Promise<void> {
    const diff = active.length - (rs.spec.replicas ?? 1);
    if (diff < 0) {
      const count = Math.min(-diff, BURST_REPLICAS);
      this.expectations.expectCreations(key, count);
      const created = await slowStartBatch(count, 1, () => this.createPod(rs));
      for (let skipped = count - created.successes; skipped > 0; skipped--) this.expectations.creationObserved(key);
      if (created.error) throw created.error;
    } else if (diff > 0) {
      const victims = podsToDelete(active, this.relatedPods(rs), Math.min(diff, BURST_REPLICAS));
      this.expectations.expectDeletions(key, victims.map((pod) => metaNamespaceKey(pod)));
      const results = await Promise.allSettled(victims.map((pod) => this.deletePod(key, rs, pod)));
      const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failure) throw failure.reason;
    }
  }

  /** getIndirectlyRelatedPods: pods of every controller sharing this one's owner (siblings in a Deployment). */
  private relatedPods(rs: ReplicaSet): Pod[] {
    const owner = getControllerOf(rs);
    const siblings = owner ? this.sets.list(rs.metadata.namespace).filter((other) => getControllerOf(other)?.uid === owner.uid) : [rs];
    return siblings.flatMap((sibling) => this.pods.byIndex(CONTROLLER_UID_INDEX, sibling.metadata.uid!));
  }

  private async createPod(rs: ReplicaSet): Promise<void> {
    const pod = podFromTemplate(rs.spec.template, rs, newControllerRef(rs, this.target.apiVersion, this.target.kind));
    try {
      const created = await this.ctx.client.create<Pod>(resources.pods, rs.metadata.namespace!, pod);
      this.events.event(typed(rs, this.target), 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
    } catch (error) {
      this.events.event(typed(rs, this.target), 'Warning', 'FailedCreate', `Error creating: ${(error as Error).message}`);
      throw error;
    }
  }

  /**
   * podControl.DeletePod: the answer is not read (client-go's Delete returns only its error); a pod
   * already gone (404) is counted as observed, with no event, as upstream.
   */
  private async deletePod(key: string, rs: ReplicaSet, pod: Pod): Promise<void> {
    try {
      const gone = await this.ctx.client.delete(resources.pods, pod.metadata.namespace!, pod.metadata.name!, { discardResult: true });
      if (gone === null) return this.expectations.deletionObserved(key, metaNamespaceKey(pod));
      this.events.event(typed(rs, this.target), 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
    } catch (error) {
      this.expectations.deletionObserved(key, metaNamespaceKey(pod));
      if (isNotFound(error)) return;
      this.events.event(typed(rs, this.target), 'Warning', 'FailedDelete', `Error deleting: ${(error as Error).message}`);
      throw error;
    }
  }

  /** updateReplicaSetStatus: PUT status with observedGeneration; one retry on a fresh copy after a conflict. */
  private async writeStatus(rs: ReplicaSet, status: ReplicaSet['status']): Promise<ReplicaSet> {
    if (replicaSetStatusUnchanged(rs, status!)) return rs;
    const put = (base: ReplicaSet) => this.ctx.client.update<ReplicaSet>(this.target.resource, { ...base, status: { ...status, observedGeneration: base.metadata.generation } }, { subresource: 'status' });
    try {
      return await put(rs);
    } catch (error) {
      if (!isConflict(error)) throw error;
      const fresh = await this.ctx.client.get<ReplicaSet>(this.target.resource, rs.metadata.namespace!, rs.metadata.name!);
      if (!fresh || fresh.metadata.uid !== rs.metadata.uid) return rs;
      return put(fresh);
    }
  }
}

/** The object with its type meta, so events name the right kind. */
function typed(rs: ReplicaSet, target: ReplicaSetKind): KubeObject {
  return { ...rs, apiVersion: target.apiVersion, kind: target.kind };
}

/**
 * controller.slowStartBatch: calls `fn` in batches of 1, 2, 4… (concurrently within a batch) and stops
 * after the first batch with a failure. Returns how many succeeded and the first error.
 */
export async function slowStartBatch(count: number, initialBatchSize: number, fn: () => Promise<void>): Promise<{ successes: number; error?: Error }> {
  let remaining = count;
  let successes = 0;
  for (let batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining)) {
    const results = await Promise.allSettled(Array.from({ length: batch }, fn));
    successes += results.filter((r) => r.status === 'fulfilled').length;
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) return { successes, error: failure.reason as Error };
    remaining -= batch;
  }
  return { successes };
}
