import { deepCopy } from '@drydock/util';
import { Informer, isAlreadyExists, isNotFound, resources, splitMetaNamespaceKey } from '@drydock/client';
import { ControllerContext, QueueReconciler } from '../controller-context';
import { claimObjects } from '../util/controller-ref-manager';
import { computeHash } from '../util/controller-hash';
import { cloneSelectorAndAddLabel, findCondition, getControllerOf, isControlledBy, isEmptySelector, newControllerRef, selectorMatches, setCondition } from '@drydock/kube';
import type { Deployment, Pod, ReplicaSet } from '../util/workload.types';
import { planOldReplicaSetsScaleDown, planProportionalScale, ScaleStep } from './deployment-rollout';
import { calculateDeploymentStatus, DeploymentReasons, msUntilProgressDeadline, newDeploymentCondition, rolloutStatus, sameStatus, deploymentComplete } from './deployment-status';
import {
  byRevision, DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY, desiredReplicasAnnotation, equalIgnoreHash, filterActiveReplicaSets, findNewReplicaSet, findOldReplicaSets,
  hasProgressDeadline, hasRevisionHistoryLimit, maxRevision, maxSurge, newRSNewReplicas, replicasAnnotationsNeedUpdate, replicasOf, rsReplicas,
  setDeploymentRevision, setNewReplicaSetAnnotations, setReplicasAnnotations, sumStatusReplicas,
} from './deployment-util';

interface ScaleResult {
  scaled: boolean;
  updated?: ReplicaSet;
}

interface ReplicaSets {
  newRS?: ReplicaSet;
  oldRSs: ReplicaSet[];
}

/**
 * pkg/controller/deployment: rolls a Deployment's pods from ReplicaSet to ReplicaSet (RollingUpdate
 * within maxSurge/maxUnavailable, or Recreate), keeps revisions, history and the status that
 * `kubectl rollout` and kstatus read. `sync` works on a copy of the cached Deployment; each status
 * write carries the resourceVersion of the previous one, so one sync can write several times.
 */
export class DeploymentReconciler extends QueueReconciler {
  private readonly deployments: Informer<Deployment>;
  private readonly sets: Informer<ReplicaSet>;
  private readonly pods: Informer<Pod>;

  constructor(ctx: ControllerContext) {
    super('deployment-controller', ctx);
    this.deployments = ctx.informers.informerFor<Deployment>(resources.deployments);
    this.sets = ctx.informers.informerFor<ReplicaSet>(resources.replicasets);
    this.pods = ctx.informers.informerFor<Pod>(resources.pods);
    this.deployments.addEventHandler({ onAdd: (d) => this.enqueue(d), onUpdate: (_o, d) => this.enqueue(d), onDelete: (d) => this.enqueue(d) });
    this.sets.addEventHandler({ onAdd: (rs) => this.replicaSetChanged(rs), onUpdate: (old, rs) => { this.replicaSetChanged(old); this.replicaSetChanged(rs); }, onDelete: (rs) => this.replicaSetChanged(rs) });
    this.pods.addEventHandler({ onDelete: (pod) => this.podDeleted(pod) });
  }

  /** An RS enqueues its controlling Deployment, or, as an orphan, every Deployment selecting it. */
  private replicaSetChanged(rs: ReplicaSet): void {
    const ref = getControllerOf(rs);
    if (ref) {
      if (ref.kind !== 'Deployment') return;
      const d = this.deployments.get(rs.metadata.namespace ?? '', ref.name);
      if (d?.metadata.uid === ref.uid) this.enqueue(d);
      return;
    }
    for (const d of this.deployments.list(rs.metadata.namespace)) if (selectorMatches(d.spec.selector, rs.metadata.labels)) this.enqueue(d);
  }

  /** A Recreate rollout waits for old pods to be gone: their deletion wakes it. */
  private podDeleted(pod: Pod): void {
    const rsRef = getControllerOf(pod);
    const rs = rsRef?.kind === 'ReplicaSet' ? this.sets.get(pod.metadata.namespace ?? '', rsRef.name) : undefined;
    if (rs) this.replicaSetChanged(rs);
  }

  async sync(key: string): Promise<void> {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const cached = this.deployments.get(namespace, name);
    if (!cached) return;
    const d = deepCopy(cached);
    if (isEmptySelector(d.spec.selector)) return this.refuseSelectingAll(d);
    const rsList = await this.claimReplicaSets(d);
    if (d.metadata.deletionTimestamp) return this.syncStatusOnly(d, rsList);
    await this.checkPausedConditions(d);
    if (d.spec.paused || this.isScalingEvent(d, rsList)) return this.syncScale(d, rsList);
    if (d.spec.strategy?.type === 'Recreate') return this.rolloutRecreate(d, rsList);
    return this.rolloutRolling(d, rsList);
  }

  private async refuseSelectingAll(d: Deployment): Promise<void> {
    this.events.event(d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
    if ((d.status?.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) {
      d.status = { ...(d.status ?? {}), observedGeneration: d.metadata.generation };
      await this.writeStatus(d);
    }
  }

  private async writeStatus(d: Deployment): Promise<void> {
    const written = await this.ctx.client.update<Deployment>(resources.deployments, d, { subresource: 'status' });
    d.metadata.resourceVersion = written.metadata.resourceVersion;
  }

  /** getReplicaSetsForDeployment: the RSs this Deployment controls after adoption and release. */
  private claimReplicaSets(d: Deployment): Promise<ReplicaSet[]> {
    return claimObjects({
      owner: d, ownerApiVersion: 'apps/v1', ownerKind: 'Deployment', candidates: this.sets.list(d.metadata.namespace),
      matches: (rs) => selectorMatches(d.spec.selector, rs.metadata.labels),
      canAdopt: async () => {
        const fresh = await this.ctx.client.get<Deployment>(resources.deployments, d.metadata.namespace!, d.metadata.name!);
        return !!fresh && fresh.metadata.uid === d.metadata.uid && !fresh.metadata.deletionTimestamp;
      },
      patch: (rs, operations) => this.ctx.client.patch<ReplicaSet>(resources.replicasets, rs.metadata.namespace!, rs.metadata.name!, operations, 'json'),
    });
  }

  /** getAllReplicaSetsAndSyncRevision. */
  private async replicaSets(d: Deployment, rsList: ReplicaSet[], createIfMissing: boolean): Promise<ReplicaSets> {
    const oldRSs = findOldReplicaSets(d, rsList);
    const newRS = await this.newReplicaSet(d, rsList, oldRSs, createIfMissing);
    return { newRS, oldRSs };
  }

  /**
   * getNewReplicaSet: the RS whose template matches, with its revision raised to max(old)+1 (a
   * rollback reuses the old RS this way), or a new `<name>-<hash>` RS when asked to create one.
   */
  private async newReplicaSet(d: Deployment, rsList: ReplicaSet[], oldRSs: ReplicaSet[], createIfMissing: boolean): Promise<ReplicaSet | undefined> {
    const existing = findNewReplicaSet(d, rsList);
    const newRevision = String(maxRevision(oldRSs) + 1);
    if (existing) return this.syncExistingNewReplicaSet(d, existing, newRevision);
    if (!createIfMissing) return undefined;
    const hash = computeHash(d.spec.template, d.status?.collisionCount);
    const template = deepCopy(d.spec.template ?? {});
    template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), [DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY]: hash } };
    const rs: ReplicaSet = {
      apiVersion: 'apps/v1', kind: 'ReplicaSet',
      metadata: { name: `${d.metadata.name}-${hash}`, namespace: d.metadata.namespace, ownerReferences: [newControllerRef(d, 'apps/v1', 'Deployment')], labels: { ...template.metadata.labels } },
      spec: { replicas: 0, minReadySeconds: d.spec.minReadySeconds ?? 0, selector: cloneSelectorAndAddLabel(d.spec.selector, DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY, hash), template },
    };
    rs.spec.replicas = newRSNewReplicas(d, [...oldRSs, rs], rs);
    setNewReplicaSetAnnotations(d, rs, newRevision, false);
    const created = await this.createReplicaSet(d, rs);
    if (!created.alreadyExisted && rsReplicas(rs) > 0) {
      this.events.event(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.rs.metadata.name} from 0 to ${rsReplicas(rs)}`);
    }
    let needsUpdate = setDeploymentRevision(d, newRevision);
    if (!created.alreadyExisted && hasProgressDeadline(d)) {
      d.status = { ...(d.status ?? {}), conditions: setCondition(d.status?.conditions, newDeploymentCondition('Progressing', 'True', DeploymentReasons.NewReplicaSet, `Created new replica set "${created.rs.metadata.name}"`, this.ctx.clock.now())) };
      needsUpdate = true;
    }
    if (needsUpdate) await this.writeStatus(d);
    return created.rs;
  }

  private async syncExistingNewReplicaSet(d: Deployment, existing: ReplicaSet, newRevision: string): Promise<ReplicaSet> {
    const copy = deepCopy(existing);
    const annotationsUpdated = setNewReplicaSetAnnotations(d, copy, newRevision, true);
    if (annotationsUpdated || (copy.spec.minReadySeconds ?? 0) !== (d.spec.minReadySeconds ?? 0)) {
      copy.spec.minReadySeconds = d.spec.minReadySeconds ?? 0;
      return this.ctx.client.update<ReplicaSet>(resources.replicasets, copy);
    }
    let needsUpdate = setDeploymentRevision(d, copy.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? '');
    if (hasProgressDeadline(d) && !findCondition(d.status?.conditions, 'Progressing')) {
      d.status = { ...(d.status ?? {}), conditions: setCondition(d.status?.conditions, newDeploymentCondition('Progressing', 'True', DeploymentReasons.FoundNewRS, `Found new replica set "${copy.metadata.name}"`, this.ctx.clock.now())) };
      needsUpdate = true;
    }
    if (needsUpdate) await this.writeStatus(d);
    return copy;
  }

  /** Creates the RS; an existing one that is ours and equal is used; another one is a hash collision. */
  private async createReplicaSet(d: Deployment, rs: ReplicaSet): Promise<{ rs: ReplicaSet; alreadyExisted: boolean }> {
    try {
      return { rs: await this.ctx.client.create<ReplicaSet>(resources.replicasets, d.metadata.namespace!, rs), alreadyExisted: false };
    } catch (error) {
      if (!isAlreadyExists(error)) return this.failCreate(d, rs, error as Error);
      const existing = await this.ctx.client.get<ReplicaSet>(resources.replicasets, d.metadata.namespace!, rs.metadata.name!);
      if (existing && isControlledBy(existing, d) && equalIgnoreHash(d.spec.template, existing.spec.template)) return { rs: existing, alreadyExisted: true };
      d.status = { ...(d.status ?? {}), collisionCount: (d.status?.collisionCount ?? 0) + 1 };
      await this.writeStatus(d);
      throw error;
    }
  }

  private async failCreate(d: Deployment, rs: ReplicaSet, error: Error): Promise<never> {
    const message = `Failed to create new replica set "${rs.metadata.name}": ${error.message}`;
    if (hasProgressDeadline(d)) {
      d.status = { ...(d.status ?? {}), conditions: setCondition(d.status?.conditions, newDeploymentCondition('Progressing', 'False', DeploymentReasons.FailedRSCreate, message, this.ctx.clock.now())) };
      await this.writeStatus(d).catch(() => undefined);
    }
    this.events.event(d, 'Warning', DeploymentReasons.FailedRSCreate, message);
    throw error;
  }

  /** scaleReplicaSetAndRecordEvent. */
  private async scaleAndRecord(rs: ReplicaSet, replicas: number, d: Deployment): Promise<ScaleResult> {
    if (rsReplicas(rs) === replicas) return { scaled: false };
    return this.scaleReplicaSet(rs, replicas, d, rsReplicas(rs) > replicas ? 'down' : 'up');
  }

  /** scaleReplicaSet: PUT the RS with the new size and desired/max annotations; an event when the size changed. */
  private async scaleReplicaSet(rs: ReplicaSet, replicas: number, d: Deployment, operation: string): Promise<ScaleResult> {
    const sizeChanged = rsReplicas(rs) !== replicas;
    const max = replicasOf(d) + maxSurge(d);
    if (!sizeChanged && !replicasAnnotationsNeedUpdate(rs, replicasOf(d), max)) return { scaled: false };
    const copy = deepCopy(rs);
    copy.spec.replicas = replicas;
    setReplicasAnnotations(copy, replicasOf(d), max);
    const updated = await this.ctx.client.update<ReplicaSet>(resources.replicasets, copy);
    if (sizeChanged) this.events.event(d, 'Normal', 'ScalingReplicaSet', `Scaled ${operation} replica set ${updated.metadata.name} from ${rsReplicas(rs)} to ${replicas}`);
    return { scaled: sizeChanged, updated };
  }

  /** isScalingEvent: an active RS was sized for another spec.replicas (desired-replicas annotation). */
  private isScalingEvent(d: Deployment, rsList: ReplicaSet[]): boolean {
    const newRS = findNewReplicaSet(d, rsList);
    const all = filterActiveReplicaSets([...findOldReplicaSets(d, rsList), newRS]);
    return all.some((rs) => { const desired = desiredReplicasAnnotation(rs); return desired !== undefined && desired !== replicasOf(d); });
  }

  /** sync(): scaling events and paused deployments; no new RS is created. */
  private async syncScale(d: Deployment, rsList: ReplicaSet[]): Promise<void> {
    const { newRS, oldRSs } = await this.replicaSets(d, rsList, false);
    const plan = planProportionalScale(d, newRS, oldRSs);
    for (const step of plan.steps) {
      if (plan.recordAlways) await this.scaleReplicaSet(step.rs, step.replicas, d, plan.operation);
      else await this.scaleAndRecord(step.rs, step.replicas, d);
    }
    if (d.spec.paused) await this.cleanupDeployment(oldRSs, d);
    await this.syncDeploymentStatus([...oldRSs, newRS], newRS, d);
  }

  private async syncStatusOnly(d: Deployment, rsList: ReplicaSet[]): Promise<void> {
    const { newRS, oldRSs } = await this.replicaSets(d, rsList, false);
    await this.syncDeploymentStatus([...oldRSs, newRS], newRS, d);
  }

  private async syncDeploymentStatus(allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment): Promise<void> {
    const status = calculateDeploymentStatus(allRSs, newRS, d, this.ctx.clock.now());
    if (sameStatus(d.status, status)) return;
    d.status = status;
    await this.writeStatus(d);
  }

  /** checkPausedConditions: Progressing Unknown DeploymentPaused / DeploymentResumed. */
  private async checkPausedConditions(d: Deployment): Promise<void> {
    if (!hasProgressDeadline(d)) return;
    const condition = findCondition(d.status?.conditions, 'Progressing');
    if (condition?.reason === DeploymentReasons.TimedOut) return;
    const pausedExists = condition?.reason === DeploymentReasons.Paused;
    let next;
    if (d.spec.paused && !pausedExists) next = newDeploymentCondition('Progressing', 'Unknown', DeploymentReasons.Paused, 'Deployment is paused', this.ctx.clock.now());
    else if (!d.spec.paused && pausedExists) next = newDeploymentCondition('Progressing', 'Unknown', DeploymentReasons.Resumed, 'Deployment is resumed', this.ctx.clock.now());
    if (!next) return;
    d.status = { ...(d.status ?? {}), conditions: setCondition(d.status?.conditions, next) };
    await this.writeStatus(d);
  }

  /** rolloutRolling: scale the new RS up within maxSurge, else old RSs down within maxUnavailable. */
  private async rolloutRolling(d: Deployment, rsList: ReplicaSet[]): Promise<void> {
    const { newRS, oldRSs } = await this.replicaSets(d, rsList, true);
    const allRSs = [...oldRSs, newRS];
    if (newRS && (await this.reconcileNewReplicaSet(allRSs, newRS, d))) return this.syncRolloutStatus(allRSs, newRS, d);
    const plan = newRS ? planOldReplicaSetsScaleDown(d, filterActiveReplicaSets(oldRSs), newRS) : { steps: [] };
    const scaledDown = await this.applyScaleDown(plan.steps, d);
    if (plan.error) throw plan.error;
    if (scaledDown) return this.syncRolloutStatus(allRSs, newRS, d);
    if (d.status && deploymentComplete(d, d.status)) await this.cleanupDeployment(oldRSs, d);
    return this.syncRolloutStatus(allRSs, newRS, d);
  }

  /** Applies scale steps in order; a later step on the same RS carries the resourceVersion of the earlier write. */
  private async applyScaleDown(steps: ScaleStep[], d: Deployment): Promise<boolean> {
    const versions = new Map<string, string | undefined>();
    let scaled = false;
    for (const step of steps) {
      const uid = step.rs.metadata.uid!;
      const rs = versions.has(uid) ? { ...step.rs, metadata: { ...step.rs.metadata, resourceVersion: versions.get(uid) } } : step.rs;
      const result = await this.scaleAndRecord(rs, step.replicas, d);
      if (result.updated) versions.set(uid, result.updated.metadata.resourceVersion);
      scaled = result.scaled || scaled;
    }
    return scaled;
  }

  private async reconcileNewReplicaSet(allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet, d: Deployment): Promise<boolean> {
    if (rsReplicas(newRS) === replicasOf(d)) return false;
    const target = rsReplicas(newRS) > replicasOf(d) ? replicasOf(d) : newRSNewReplicas(d, allRSs, newRS);
    return (await this.scaleAndRecord(newRS, target, d)).scaled;
  }

  /** rolloutRecreate: all old pods down and gone, then the new RS up to spec.replicas. */
  private async rolloutRecreate(d: Deployment, rsList: ReplicaSet[]): Promise<void> {
    let { newRS, oldRSs } = await this.replicaSets(d, rsList, false);
    let scaledDown = false;
    for (const rs of filterActiveReplicaSets(oldRSs)) scaledDown = (await this.scaleAndRecord(rs, 0, d)).scaled || scaledDown;
    if (scaledDown || this.oldPodsRunning(newRS, oldRSs)) return this.syncRolloutStatus([...oldRSs, newRS], newRS, d);
    if (!newRS) ({ newRS, oldRSs } = await this.replicaSets(d, rsList, true));
    if (newRS) await this.scaleAndRecord(newRS, replicasOf(d), d);
    if (d.status && deploymentComplete(d, d.status)) await this.cleanupDeployment(oldRSs, d);
    return this.syncRolloutStatus([...oldRSs, newRS], newRS, d);
  }

  /** oldPodsRunning: old RSs still report pods, or a pod of an old RS is not yet terminated. */
  private oldPodsRunning(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): boolean {
    if (sumStatusReplicas(oldRSs) > 0) return true;
    const oldUids = new Set(oldRSs.map((rs) => rs.metadata.uid));
    return this.pods.list(newRS?.metadata.namespace ?? oldRSs[0]?.metadata.namespace).some((pod) => {
      const ref = getControllerOf(pod);
      return !!ref && oldUids.has(ref.uid) && ref.uid !== newRS?.metadata.uid && pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed';
    });
  }

  /** cleanupDeployment: delete the oldest fully scaled-down RSs beyond revisionHistoryLimit. */
  private async cleanupDeployment(oldRSs: ReplicaSet[], d: Deployment): Promise<void> {
    if (!hasRevisionHistoryLimit(d)) return;
    const cleanable = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp).sort(byRevision);
    const diff = cleanable.length - d.spec.revisionHistoryLimit!;
    for (let i = 0; i < diff; i++) {
      const rs = cleanable[i];
      if ((rs.status?.replicas ?? 0) !== 0 || rsReplicas(rs) !== 0 || (rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
      try {
        await this.ctx.client.delete(resources.replicasets, rs.metadata.namespace!, rs.metadata.name!);
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    }
  }

  /** syncRolloutStatus: status plus Progressing; a rollout still in progress is requeued for its deadline. */
  private async syncRolloutStatus(allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment): Promise<void> {
    const elapsed = (since: number) => this.ctx.clock.simulatedSince(since);
    const status = rolloutStatus(allRSs, newRS, d, this.ctx.clock.now(), elapsed);
    const wait = msUntilProgressDeadline(d, status, elapsed);
    if (wait !== undefined) this.queue.addAfter(`${d.metadata.namespace}/${d.metadata.name}`, wait);
    if (sameStatus(d.status, status)) return;
    d.status = status;
    await this.writeStatus(d);
  }
}
