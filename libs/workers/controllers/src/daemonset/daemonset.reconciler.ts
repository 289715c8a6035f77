import type { KubeObject } from '@drydock/util';
import { Informer, isAlreadyExists, isNotFound, metaNamespaceKey, resources, splitMetaNamespaceKey } from '@drydock/client';
import { ControllerContext, QueueReconciler } from '../controller-context';
import { ControllerExpectations } from '../replicaset/expectations';
import { slowStartBatch } from '../replicaset/replicaset.reconciler';
import { CONTROLLER_REVISION_HASH_LABEL, ControllerRevision, nextRevision, revisionDataEqual, revisionPatch, revisionsToPrune } from '../statefulset/controller-history';
import { computeHash } from '../util/controller-hash';
import { claimObjects } from '../util/controller-ref-manager';
import { getControllerOf, getScaledValueFromIntOrPercent, isControlledBy, newControllerRef } from '@drydock/kube';
import { selectorMatches } from '@drydock/kube';
import { podFromTemplate } from '../util/pod-template';
import { isPodAvailable, isPodReady } from '../util/pod-status';
import type { Node, Pod } from '../util/workload.types';
import { byCreationAndPhase, excessDaemonPods, RolloutStep, rollingUpdateWithoutSurge, rollingUpdateWithSurge } from './daemonset-rollout';
import type { DaemonSet, DaemonSetStatus } from './daemonset.types';
import { DaemonPodSpec, nodeShouldRunDaemonPod, targetNodeName, withDaemonTolerations, withNodeNameAffinity } from './daemon-node-eligibility';

const CONTROLLER_UID_INDEX = 'controllerUid';
const byControllerUid = (object: KubeObject) => { const ref = getControllerOf(object); return ref ? [ref.uid] : []; };

/**
 * pkg/controller/daemon: one pod per eligible node, pinned there by a metadata.name node affinity the
 * scheduler honours; ControllerRevisions keyed by `controller-revision-hash`; RollingUpdate or OnDelete.
 */
export class DaemonSetReconciler extends QueueReconciler {
  private readonly sets: Informer<DaemonSet>;
  private readonly pods: Informer<Pod>;
  private readonly nodes: Informer<Node>;
  private readonly revisions: Informer<ControllerRevision>;
  private readonly expectations = new ControllerExpectations();

  constructor(ctx: ControllerContext) {
    super('daemonset-controller', ctx);
    this.sets = ctx.informers.informerFor<DaemonSet>(resources.daemonsets);
    this.pods = ctx.informers.informerFor<Pod>(resources.pods, { indexers: { [CONTROLLER_UID_INDEX]: byControllerUid } });
    this.nodes = ctx.informers.informerFor<Node>(resources.nodes);
    this.revisions = ctx.informers.informerFor<ControllerRevision>(resources.controllerrevisions, { indexers: { [CONTROLLER_UID_INDEX]: byControllerUid } });
    this.sets.addEventHandler({
      onAdd: (ds) => this.enqueue(ds),
      onUpdate: (_old, ds) => this.enqueue(ds),
      onDelete: (ds) => { this.expectations.delete(metaNamespaceKey(ds)); this.enqueue(ds); },
    });
    this.pods.addEventHandler({
      onAdd: (pod) => this.podChanged(pod, 'add'),
      onUpdate: (old, pod) => { this.podChanged(pod, old.metadata.deletionTimestamp || !pod.metadata.deletionTimestamp ? 'update' : 'delete'); this.requeueAfterMinReady(old, pod); },
      onDelete: (pod) => this.podChanged(pod, 'delete'),
    });
    const everySet = () => { for (const ds of this.sets.list()) this.enqueue(ds); };
    this.nodes.addEventHandler({ onAdd: everySet, onUpdate: everySet, onDelete: everySet });
    this.revisions.addEventHandler({ onAdd: (cr) => this.enqueueOwner(cr), onUpdate: (_old, cr) => this.enqueueOwner(cr), onDelete: (cr) => this.enqueueOwner(cr) });
  }

  private owner(object: KubeObject): DaemonSet | undefined {
    const ref = getControllerOf(object);
    if (ref?.kind !== 'DaemonSet') return undefined;
    const ds = this.sets.get(object.metadata.namespace ?? '', ref.name);
    return ds?.metadata.uid === ref.uid ? ds : undefined;
  }

  private enqueueOwner(object: KubeObject): void {
    const ds = this.owner(object);
    if (ds) this.enqueue(ds);
  }

  private podChanged(pod: Pod, change: 'add' | 'update' | 'delete'): void {
    const ds = this.owner(pod);
    if (!ds) {
      if (!getControllerOf(pod)) for (const set of this.sets.list(pod.metadata.namespace)) if (selectorMatches(set.spec.selector, pod.metadata.labels)) this.enqueue(set);
      return;
    }
    const key = metaNamespaceKey(ds);
    if (change === 'add' && !pod.metadata.deletionTimestamp) this.expectations.creationObserved(key);
    if (change === 'delete') this.expectations.deletionObserved(key, metaNamespaceKey(pod));
    this.enqueue(ds);
  }

  private requeueAfterMinReady(old: Pod, pod: Pod): void {
    const ds = this.owner(pod);
    const minReady = ds?.spec.minReadySeconds ?? 0;
    if (ds && minReady > 0 && !isPodReady(old) && isPodReady(pod)) this.queue.addAfter(metaNamespaceKey(ds), minReady * 1000 + 1000);
  }

  /** syncDaemonSet: history, then (expectations allowing) manage and roll, then status. */
  async sync(key: string): Promise<void> {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const ds = this.sets.get(namespace, name);
    if (!ds) return this.expectations.delete(key);
    if (ds.metadata.deletionTimestamp) return;
    const nodes = this.nodes.list();
    const { current, old } = await this.constructHistory(ds);
    const hash = current.metadata.labels![CONTROLLER_REVISION_HASH_LABEL];
    if (this.expectations.satisfied(key)) {
      const nodeToPods = await this.nodesToDaemonPods(ds);
      await this.manage(key, ds, nodes, nodeToPods, hash);
      if (ds.spec.updateStrategy?.type !== 'OnDelete' && this.expectations.satisfied(key)) await this.rollingUpdate(key, ds, nodes, nodeToPods, hash);
      await this.cleanupHistory(ds, old, current);
    }
    await this.updateStatus(ds, nodes, await this.nodesToDaemonPods(ds), hash);
  }

  /** getNodesToDaemonPods: claimed pods (not being deleted) by the node they are for. */
  private async nodesToDaemonPods(ds: DaemonSet): Promise<Map<string, Pod[]>> {
    const candidates = this.pods.list(ds.metadata.namespace).filter((pod) => !pod.metadata.deletionTimestamp);
    const claimed = await claimObjects({
      owner: ds, ownerApiVersion: 'apps/v1', ownerKind: 'DaemonSet', candidates,
      matches: (pod) => selectorMatches(ds.spec.selector, pod.metadata.labels),
      canAdopt: async () => (await this.ctx.client.get<DaemonSet>(resources.daemonsets, ds.metadata.namespace!, ds.metadata.name!))?.metadata.uid === ds.metadata.uid,
      patch: (pod, operations) => this.ctx.client.patch<Pod>(resources.pods, pod.metadata.namespace!, pod.metadata.name!, operations, 'json'),
    });
    const byNode = new Map<string, Pod[]>();
    for (const pod of claimed) {
      const node = targetNodeName(pod);
      if (node !== undefined) byNode.set(node, [...(byNode.get(node) ?? []), pod]);
    }
    return byNode;
  }

  /** manage: create on nodes that should run a pod and have none; delete failed, excess and misplaced pods. */
  private async manage(key: string, ds: DaemonSet, nodes: Node[], nodeToPods: Map<string, Pod[]>, hash: string): Promise<void> {
    const toCreate: string[] = [];
    const toDelete: Pod[] = [];
    const allowsSurge = ds.spec.updateStrategy?.type !== 'OnDelete' && this.maxSurge(ds, nodes) > 0;
    for (const node of nodes) {
      const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(node, ds.spec.template);
      const pods = nodeToPods.get(node.metadata.name!) ?? [];
      if (shouldRun && pods.length === 0) toCreate.push(node.metadata.name!);
      else if (shouldContinueRunning) {
        for (const failed of pods.filter((pod) => pod.status?.phase === 'Failed')) {
          this.events.event(typed(ds), 'Warning', 'FailedDaemonPod', `Found failed daemon pod ${failed.metadata.namespace}/${failed.metadata.name} on node ${node.metadata.name}, will try to kill it`);
          toDelete.push(failed);
        }
        toDelete.push(...excessDaemonPods(pods, hash, allowsSurge));
      } else toDelete.push(...pods);
    }
    const known = new Set(nodes.map((node) => node.metadata.name!));
    for (const [nodeName, pods] of nodeToPods) if (!known.has(nodeName)) toDelete.push(...pods);
    await this.syncNodes(key, ds, toDelete, toCreate, hash);
  }

  private maxSurge(ds: DaemonSet, nodes: Node[]): number {
    const desired = nodes.filter((node) => nodeShouldRunDaemonPod(node, ds.spec.template).shouldRun).length;
    return getScaledValueFromIntOrPercent(ds.spec.updateStrategy?.rollingUpdate?.maxSurge ?? 0, desired, true);
  }

  /** update.go rollingUpdate: budgets from desiredNumberScheduled (percentages rounded up; both 0 means maxUnavailable 1). */
  private async rollingUpdate(key: string, ds: DaemonSet, nodes: Node[], nodeToPods: Map<string, Pod[]>, hash: string): Promise<void> {
    const eligible = new Map([...nodeToPods].filter(([nodeName]) => { const node = nodes.find((n) => n.metadata.name === nodeName); return !!node && nodeShouldRunDaemonPod(node, ds.spec.template).shouldRun; }));
    const desired = nodes.filter((node) => nodeShouldRunDaemonPod(node, ds.spec.template).shouldRun).length;
    const rolling = ds.spec.updateStrategy?.rollingUpdate ?? {};
    const maxSurge = getScaledValueFromIntOrPercent(rolling.maxSurge ?? 0, desired, true);
    let maxUnavailable = getScaledValueFromIntOrPercent(rolling.maxUnavailable ?? 1, desired, true);
    if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
    const available = (pod: Pod) => isPodAvailable(pod, ds.spec.minReadySeconds ?? 0, Date.now(), (start, now) => this.ctx.clock.simulatedSince(start, now));
    const step: RolloutStep = maxSurge > 0 ? rollingUpdateWithSurge(eligible, hash, maxSurge, available) : rollingUpdateWithoutSurge(eligible, hash, maxUnavailable, available);
    await this.syncNodes(key, ds, step.oldPodsToDelete, step.nodesToSurge, hash);
  }

  /** syncNodes: create (slow start) and delete, with expectations so a lagging cache never doubles a pod. */
  private async syncNodes(key: string, ds: DaemonSet, toDelete: Pod[], nodesToCreate: string[], hash: string): Promise<void> {
    if (!toDelete.length && !nodesToCreate.length) return;
    this.expectations.expectCreations(key, nodesToCreate.length);
    this.expectations.expectDeletions(key, toDelete.map((pod) => metaNamespaceKey(pod)));
    const queue = [...nodesToCreate];
    const created = await slowStartBatch(nodesToCreate.length, 1, () => this.createPod(ds, queue.shift()!, hash));
    for (let skipped = nodesToCreate.length - created.successes; skipped > 0; skipped--) this.expectations.creationObserved(key);
    const deleted = await Promise.allSettled(toDelete.map((pod) => this.deletePod(key, ds, pod)));
    const failure = created.error ?? deleted.find((r): r is PromiseRejectedResult => r.status === 'rejected')?.reason;
    if (failure) throw failure;
  }

  private async createPod(ds: DaemonSet, nodeName: string, hash: string): Promise<void> {
    const template = { ...ds.spec.template, metadata: { ...ds.spec.template?.metadata, labels: { ...ds.spec.template?.metadata?.labels, 'pod-template-generation': String(ds.metadata.generation ?? 1), [CONTROLLER_REVISION_HASH_LABEL]: hash } } };
    const pod = podFromTemplate(template, ds, newControllerRef(ds, 'apps/v1', 'DaemonSet'));
    const spec = withDaemonTolerations(pod.spec as DaemonPodSpec);
    pod.spec = { ...spec, affinity: withNodeNameAffinity(spec.affinity, nodeName) };
    try {
      const created = await this.ctx.client.create<Pod>(resources.pods, ds.metadata.namespace!, pod);
      this.events.event(typed(ds), 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
    } catch (error) {
      this.events.event(typed(ds), 'Warning', 'FailedCreate', `Error creating: ${(error as Error).message}`);
      throw error;
    }
  }

  private async deletePod(key: string, ds: DaemonSet, pod: Pod): Promise<void> {
    try {
      await this.ctx.client.delete(resources.pods, pod.metadata.namespace!, pod.metadata.name!);
      this.events.event(typed(ds), 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
    } catch (error) {
      this.expectations.deletionObserved(key, metaNamespaceKey(pod));
      if (isNotFound(error)) return;
      this.events.event(typed(ds), 'Warning', 'FailedDelete', `Error deleting: ${(error as Error).message}`);
      throw error;
    }
  }

  /** constructHistory: the revision matching the template (created as `<ds>-<hash>` when missing, renumbered when reused). */
  private async constructHistory(ds: DaemonSet): Promise<{ current: ControllerRevision; old: ControllerRevision[] }> {
    const histories = this.revisions.byIndex(CONTROLLER_UID_INDEX, ds.metadata.uid!).filter((cr) => cr.metadata.namespace === ds.metadata.namespace);
    const patch = revisionPatch(ds.spec.template);
    const matching = histories.filter((cr) => revisionDataEqual(cr.data, patch));
    const old = histories.filter((cr) => !matching.includes(cr));
    const revision = nextRevision(old);
    let current = matching.sort((a, b) => b.revision - a.revision)[0];
    if (!current) current = await this.snapshot(ds, revision);
    else if (current.revision < revision) current = await this.ctx.client.update<ControllerRevision>(resources.controllerrevisions, { ...current, revision });
    return { current, old: [...old, ...matching.filter((cr) => cr !== current)] };
  }

  private async snapshot(ds: DaemonSet, revision: number): Promise<ControllerRevision> {
    const hash = computeHash(ds.spec.template, ds.status?.collisionCount);
    const history: ControllerRevision = {
      apiVersion: 'apps/v1', kind: 'ControllerRevision',
      metadata: { name: `${ds.metadata.name}-${hash}`, namespace: ds.metadata.namespace, labels: { ...ds.spec.template?.metadata?.labels, [CONTROLLER_REVISION_HASH_LABEL]: hash }, annotations: ds.metadata.annotations, ownerReferences: [newControllerRef(ds, 'apps/v1', 'DaemonSet')] },
      data: revisionPatch(ds.spec.template),
      revision,
    };
    try {
      return await this.ctx.client.create<ControllerRevision>(resources.controllerrevisions, ds.metadata.namespace!, history);
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
      const existing = await this.ctx.client.get<ControllerRevision>(resources.controllerrevisions, ds.metadata.namespace!, history.metadata.name!);
      if (existing && isControlledBy(existing, ds) && revisionDataEqual(existing.data, history.data)) return existing;
      const collisionCount = (ds.status?.collisionCount ?? 0) + 1;
      await this.ctx.client.update<DaemonSet>(resources.daemonsets, { ...ds, status: { ...ds.status, collisionCount } }, { subresource: 'status' });
      throw new Error(`found a hash collision for DaemonSet ${ds.metadata.name}: collisionCount now ${collisionCount}`);
    }
  }

  /** cleanupHistory: old revisions beyond revisionHistoryLimit that no live pod carries. */
  private async cleanupHistory(ds: DaemonSet, old: ControllerRevision[], current: ControllerRevision): Promise<void> {
    const liveHashes = new Set(this.pods.byIndex(CONTROLLER_UID_INDEX, ds.metadata.uid!).map((pod) => pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL]));
    const live = new Set([current.metadata.name!, ...old.filter((cr) => liveHashes.has(cr.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL])).map((cr) => cr.metadata.name!)]);
    for (const revision of revisionsToPrune(old, live, ds.spec.revisionHistoryLimit ?? 10)) {
      await this.ctx.client.delete(resources.controllerrevisions, revision.metadata.namespace!, revision.metadata.name!).catch((error) => { if (!isNotFound(error)) throw error; });
    }
  }

  /** updateDaemonSetStatus: counted per node from its oldest daemon pod. */
  private async updateStatus(ds: DaemonSet, nodes: Node[], nodeToPods: Map<string, Pod[]>, hash: string): Promise<void> {
    const status = daemonSetStatus(ds, nodes, nodeToPods, hash, (pod) => isPodAvailable(pod, ds.spec.minReadySeconds ?? 0, Date.now(), (start, now) => this.ctx.clock.simulatedSince(start, now)));
    const before = ds.status ?? {};
    if (Object.entries(status).every(([field, value]) => (before[field] ?? 0) === (value ?? 0))) return;
    await this.ctx.client.update<DaemonSet>(resources.daemonsets, { ...ds, status: { ...before, ...status } }, { subresource: 'status' });
    const minReady = ds.spec.minReadySeconds ?? 0;
    if (minReady > 0 && status.numberReady !== status.numberAvailable) this.queue.addAfter(metaNamespaceKey(ds), minReady * 1000);
  }
}

/** The status counters of updateDaemonSetStatus, observedGeneration included. */
export function daemonSetStatus(ds: DaemonSet, nodes: Node[], nodeToPods: Map<string, Pod[]>, hash: string, isAvailable: (pod: Pod) => boolean): DaemonSetStatus {
  const status = { desiredNumberScheduled: 0, currentNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0, numberAvailable: 0, updatedNumberScheduled: 0, numberUnavailable: 0, observedGeneration: ds.metadata.generation };
  for (const node of nodes) {
    const { shouldRun } = nodeShouldRunDaemonPod(node, ds.spec.template);
    const pods = [...(nodeToPods.get(node.metadata.name!) ?? [])].sort(byCreationAndPhase);
    if (!shouldRun) {
      if (pods.length) status.numberMisscheduled++;
      continue;
    }
    status.desiredNumberScheduled++;
    if (!pods.length) continue;
    status.currentNumberScheduled++;
    const [pod] = pods;
    if (isPodReady(pod)) {
      status.numberReady++;
      if (isAvailable(pod)) status.numberAvailable++;
    }
    if (pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] === hash) status.updatedNumberScheduled++;
  }
  status.numberUnavailable = status.desiredNumberScheduled - status.numberAvailable;
  return status;
}

function typed(ds: DaemonSet): KubeObject {
  return { ...ds, apiVersion: 'apps/v1', kind: 'DaemonSet' };
}
