import type { KubeObject } from '@drydock/util';
import { Informer, resources, splitMetaNamespaceKey } from '@drydock/client';
import type { ResourceRef } from '@drydock/client';
import { podCountsForQuota, QuotaObject, QuotaPod } from '@drydock/kube';
import { ControllerContext, QueueReconciler } from '../controller-context';
import { quotaStatusUpdate } from './quota-usage';

type ResourceQuota = KubeObject & QuotaObject;

/** --resource-quota-sync-period: every quota is recalculated this often (simulated ms). */
export const quotaResyncPeriodMs = 5 * 60 * 1000;

/**
 * The resources whose objects quotas count, watched once each. Leases, events, endpoints and slices
 * change constantly and are left out (a `count/` quota on them is not recalculated).
 */
const countedResources: ResourceRef[] = [
  resources.pods, resources.services, resources.configmaps, resources.secrets, resources.serviceaccounts,
  resources.persistentvolumeclaims, resources.replicationcontrollers, resources.resourcequotas, resources.limitranges,
  resources.deployments, resources.replicasets, resources.statefulsets, resources.daemonsets, resources.jobs,
  resources.cronjobs, resources.poddisruptionbudgets, resources.horizontalpodautoscalers,
];

const groupResourceOf = (ref: ResourceRef) => (ref.group ? `${ref.resource}.${ref.group}` : ref.resource);
const serviceQuotaType = (service: KubeObject) => (service.spec as { type?: string } | undefined)?.type ?? '';

/**
 * pkg/controller/resourcequota: keeps each ResourceQuota's status.hard (from spec.hard) and
 * status.used (recounted from the namespace's objects) true. A quota is synced when it is created or
 * its spec.hard changes, when an object it counts goes (deleted, a pod turning terminal, a Service
 * changing type: upstream's replenishment) and every quotaResyncPeriodMs. Status-only quota updates
 * (admission's charges) are not synced: recounting from a cache that lags them would undo a charge.
 */
export class ResourceQuotaReconciler extends QueueReconciler {
  private readonly quotas: Informer<ResourceQuota>;
  private readonly counted = new Map<string, Informer<KubeObject>>();
  private resync?: NodeJS.Timeout;

  constructor(ctx: ControllerContext) {
    super('resourcequota-controller', ctx);
    this.quotas = ctx.informers.informerFor<ResourceQuota>(resources.resourcequotas);
    this.quotas.addEventHandler({
      onAdd: (quota) => this.enqueue(quota),
      onUpdate: (old, quota) => {
        if (JSON.stringify(old.spec?.hard ?? {}) !== JSON.stringify(quota.spec?.hard ?? {}) || !quota.status?.used) this.enqueue(quota);
      },
    });
    for (const ref of countedResources) {
      const informer = ctx.informers.informerFor<KubeObject>(ref);
      this.counted.set(groupResourceOf(ref), informer);
      informer.addEventHandler({ onUpdate: (old, object) => this.replenishOnUpdate(ref, old, object), onDelete: (object) => this.replenish(object) });
    }
  }

  /** Pods that stop counting (terminal, past their grace period) and Services changing type free quota. */
  private replenishOnUpdate(ref: ResourceRef, old: KubeObject, object: KubeObject): void {
    const now = this.ctx.clock.now().getTime();
    if (ref === resources.pods && podCountsForQuota(old as QuotaPod, now) && !podCountsForQuota(object as QuotaPod, now)) this.replenish(object);
    if (ref === resources.services && serviceQuotaType(old) !== serviceQuotaType(object)) this.replenish(object);
  }

  private replenish(object: KubeObject): void {
    for (const quota of this.quotas.list(object.metadata.namespace ?? '')) this.enqueue(quota);
  }

  override run(workers: number): Promise<void> {
    this.resync = this.ctx.clock.setInterval(() => {
      for (const quota of this.quotas.list()) this.enqueue(quota);
    }, quotaResyncPeriodMs);
    return super.run(workers);
  }

  override stop(): void {
    if (this.resync) clearInterval(this.resync);
    super.stop();
  }

  async sync(key: string): Promise<void> {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const quota = this.quotas.get(namespace, name);
    if (!quota) return;
    const now = this.ctx.clock.now().getTime();
    const status = quotaStatusUpdate(quota, (groupResource) => this.counted.get(groupResource)?.list(namespace) ?? [], now);
    if (!status) return;
    await this.ctx.client.update<ResourceQuota>(resources.resourcequotas, { ...quota, status }, { subresource: 'status' });
  }
}
