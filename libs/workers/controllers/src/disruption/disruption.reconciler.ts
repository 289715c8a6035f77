import type { KubeObject } from '@drydock/util';
import { Informer, metaNamespaceKey, resources, splitMetaNamespaceKey } from '@drydock/client';
import { ControllerContext, QueueReconciler } from '../controller-context';
import { getControllerOf, selectorMatches } from '@drydock/kube';
import type { Pod, PodDisruptionBudget, ReplicaSet } from '../util/workload.types';
import { countHealthyPods, disruptionAllowedCondition, disruptionsAllowed, expectedPodCount, needsControllerScale, pendingDisruptions } from './pdb-arithmetic';

type Scaled = KubeObject & { spec?: { replicas?: number } };

/**
 * pkg/controller/disruption: keeps each PodDisruptionBudget's status (expectedPods, desiredHealthy,
 * currentHealthy, disruptionsAllowed, DisruptionAllowed condition) up to date from the pods its
 * selector picks; the API server's eviction reads status.disruptionsAllowed.
 */
export class DisruptionReconciler extends QueueReconciler {
  private readonly budgets: Informer<PodDisruptionBudget>;
  private readonly pods: Informer<Pod>;
  private readonly replicaSets: Informer<ReplicaSet>;
  private readonly deployments: Informer<Scaled>;
  private readonly statefulSets: Informer<Scaled>;
  private readonly replicationControllers: Informer<Scaled>;

  constructor(ctx: ControllerContext) {
    super('disruption-controller', ctx, 'controllermanager');
    this.budgets = ctx.informers.informerFor<PodDisruptionBudget>(resources.poddisruptionbudgets);
    this.pods = ctx.informers.informerFor<Pod>(resources.pods);
    this.replicaSets = ctx.informers.informerFor<ReplicaSet>(resources.replicasets);
    this.deployments = ctx.informers.informerFor<Scaled>(resources.deployments);
    this.statefulSets = ctx.informers.informerFor<Scaled>(resources.statefulsets);
    this.replicationControllers = ctx.informers.informerFor<Scaled>(resources.replicationcontrollers);
    this.budgets.addEventHandler({ onAdd: (pdb) => this.enqueue(pdb), onUpdate: (_old, pdb) => this.enqueue(pdb) });
    this.pods.addEventHandler({ onAdd: (pod) => this.podChanged(pod), onUpdate: (old, pod) => { this.podChanged(old); this.podChanged(pod); }, onDelete: (pod) => this.podChanged(pod) });
    const scaleChanged = (object: KubeObject) => { for (const pdb of this.budgets.list(object.metadata.namespace)) this.enqueue(pdb); };
    for (const informer of [this.replicaSets, this.deployments, this.statefulSets, this.replicationControllers]) informer.addEventHandler({ onUpdate: (_o, n) => scaleChanged(n) });
  }

  private podChanged(pod: Pod): void {
    for (const pdb of this.budgets.list(pod.metadata.namespace)) if (selectorMatches(pdb.spec.selector, pod.metadata.labels)) this.enqueue(pdb);
  }

  async sync(key: string): Promise<void> {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const pdb = this.budgets.get(namespace, name);
    if (!pdb) return;
    const pods = this.pods.list(namespace).filter((pod) => selectorMatches(pdb.spec.selector, pod.metadata.labels));
    if (pods.length === 0) this.events.event(typed(pdb), 'Normal', 'NoPods', 'No matching pods found');
    const { scale, unmanaged } = needsControllerScale(pdb) ? this.expectedScale(pods) : { scale: 0, unmanaged: 0 };
    if (unmanaged > 0) {
      this.events.event(typed(pdb), 'Warning', 'UnmanagedPods', `Pods selected by this PodDisruptionBudget (selector: ${JSON.stringify(pdb.spec.selector)}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.`);
    }
    let counts;
    try {
      counts = expectedPodCount(pdb, pods.length, scale);
    } catch (error) {
      return this.writeStatus(pdb, { currentHealthy: 0, desiredHealthy: 0, expectedPods: 0, disruptionsAllowed: 0, disruptedPods: pdb.status?.disruptedPods }, (error as Error).message);
    }
    const disrupted = pendingDisruptions(pdb, pods, Date.now());
    const currentHealthy = countHealthyPods(pods, disrupted);
    const allowed = disruptionsAllowed(currentHealthy, counts.desiredHealthy, counts.expectedCount);
    if (Object.keys(disrupted).length) this.queue.addAfter(metaNamespaceKey(pdb), 2 * 60 * 1000 * this.ctx.clock.scale);
    await this.writeStatus(pdb, { currentHealthy, desiredHealthy: counts.desiredHealthy, expectedPods: counts.expectedCount, disruptionsAllowed: allowed, disruptedPods: Object.keys(disrupted).length ? disrupted : undefined });
  }

  /** getExpectedScale: the spec.replicas of every distinct controller of the pods (Deployment over its RS). */
  private expectedScale(pods: Pod[]): { scale: number; unmanaged: number } {
    const controllers = new Map<string, number>();
    let unmanaged = 0;
    for (const pod of pods) {
      const found = this.controllerScale(pod);
      if (found) controllers.set(found.uid, found.replicas);
      else unmanaged++;
    }
    return { scale: [...controllers.values()].reduce((a, b) => a + b, 0), unmanaged };
  }

  private controllerScale(pod: Pod): { uid: string; replicas: number } | undefined {
    const ref = getControllerOf(pod);
    const namespace = pod.metadata.namespace ?? '';
    if (!ref) return undefined;
    const owned = <T extends Scaled>(informer: Informer<T>, name: string, uid: string) => { const o = informer.get(namespace, name); return o?.metadata.uid === uid ? o : undefined; };
    if (ref.kind === 'ReplicaSet') {
      const rs = owned(this.replicaSets, ref.name, ref.uid);
      const deploymentRef = rs && getControllerOf(rs);
      const d = deploymentRef?.kind === 'Deployment' ? owned(this.deployments, deploymentRef.name, deploymentRef.uid) : undefined;
      if (d) return { uid: d.metadata.uid!, replicas: d.spec?.replicas ?? 1 };
      return rs ? { uid: rs.metadata.uid!, replicas: rs.spec.replicas ?? 1 } : undefined;
    }
    const informer = ref.kind === 'StatefulSet' ? this.statefulSets : ref.kind === 'ReplicationController' ? this.replicationControllers : undefined;
    const owner = informer && owned(informer, ref.name, ref.uid);
    return owner ? { uid: owner.metadata.uid!, replicas: owner.spec?.replicas ?? 1 } : undefined;
  }

  /** updatePdbStatus: a no-op when nothing changed; failures (failSafe) write disruptionsAllowed 0 with SyncFailed. */
  private async writeStatus(pdb: PodDisruptionBudget, counts: Omit<NonNullable<PodDisruptionBudget['status']>, 'observedGeneration' | 'conditions'>, failure?: string): Promise<void> {
    const old = pdb.status ?? {};
    const observedGeneration = pdb.metadata.generation ?? 0;
    const conditions = disruptionAllowedCondition(old.conditions, counts.disruptionsAllowed ?? 0, observedGeneration, this.ctx.clock.now(), failure);
    const status = { ...counts, observedGeneration, conditions };
    const same = (['currentHealthy', 'desiredHealthy', 'expectedPods', 'disruptionsAllowed'] as const).every((k) => (old[k] ?? 0) === status[k])
      && old.observedGeneration === observedGeneration && JSON.stringify(old.disruptedPods ?? {}) === JSON.stringify(status.disruptedPods ?? {})
      && JSON.stringify(old.conditions ?? []) === JSON.stringify(conditions);
    if (same) return;
    await this.ctx.client.update<PodDisruptionBudget>(resources.poddisruptionbudgets, { ...pdb, status }, { subresource: 'status' });
  }
}

function typed(pdb: PodDisruptionBudget): KubeObject {
  return { ...pdb, apiVersion: 'policy/v1', kind: 'PodDisruptionBudget' };
}
