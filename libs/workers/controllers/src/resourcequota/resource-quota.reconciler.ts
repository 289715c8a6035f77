import type { KubeObject } from '@drydock/util';
import { Informer, resources, splitMetaNamespaceKey } from '@drydock/client';
import type { ResourceRef } from '@drydock/client';
import { parseQuantity, podCountsForQuota, QuotaObject, QuotaPod } from '@drydock/kube';
import { ControllerContext, QueueReconciler } from '../controller-context';
import { chargedGroupResource as chargedGroupResourceOf, quotaStatusUpdate } from './quota-usage';

type ResourceQuota = KubeObject & QuotaObject;

/** --resource-quota-sync-period: every quota is recalculated this often (simulated ms). */
export const quotaResyncPeriodMs = 5 * 60 * 1000;

/**
 * Real ms after admission's last charge of a quota during which the controller does not lower its
 * usage: admission charges before the object is stored, so a recount in that window can miss an
 * object still being written and give its share away twice.
 */
export const chargeSettleMs = 3000;

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
const quotaKey = (quota: KubeObject) => `${quota.metadata.namespace ?? ''}/${quota.metadata.name ?? ''}`;

/** True when some resource of `next` is below what `current` records. */
function lowersUsage(current: Record<string, unknown> | undefined, next: Record<string, string>): boolean {
  return Object.entries(next).some(([name, value]) => current?.[name] !== undefined && parseQuantity(value).cmp(parseQuantity(current[name])) < 0);
}
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
  private readonly refs = new Map<string, ResourceRef>();
  /** Real time of each quota's last status change not written by this controller (admission's charges). */
  private readonly lastCharged = new Map<string, number>();
  private readonly ownWrites = new Set<string>();
  private resync?: NodeJS.Timeout;

  constructor(ctx: ControllerContext) {
    super('resourcequota-controller', ctx);
    this.quotas = ctx.informers.informerFor<ResourceQuota>(resources.resourcequotas);
    this.quotas.addEventHandler({
      onAdd: (quota) => this.enqueue(quota),
      onDelete: (quota) => this.lastCharged.delete(quotaKey(quota)),
      onUpdate: (old, quota) => {
        if (JSON.stringify(old.status?.used ?? {}) !== JSON.stringify(quota.status?.used ?? {}) && !this.ownWrites.delete(`${quotaKey(quota)}@${quota.metadata.resourceVersion}`)) {
          this.lastCharged.set(quotaKey(quota), Date.now());
        }
        if (JSON.stringify(old.spec?.hard ?? {}) !== JSON.stringify(quota.spec?.hard ?? {}) || !quota.status?.used) this.enqueue(quota);
      },
    });
    for (const ref of countedResources) {
      const informer = ctx.informers.informerFor<KubeObject>(ref);
      this.counted.set(groupResourceOf(ref), informer);
      this.refs.set(groupResourceOf(ref), ref);
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
    let status = quotaStatusUpdate(quota, (groupResource) => this.counted.get(groupResource)?.list(namespace) ?? [], now);
    if (status && lowersUsage(quota.status?.used, status.used)) {
      // Giving quota back is done on what the API server holds now, never on a cache that may trail
      // admission's latest charge, and not while a charged object may still be on its way to the store.
      const settle = (this.lastCharged.get(key) ?? 0) + chargeSettleMs - Date.now();
      if (settle > 0) {
        this.queue.addAfter(key, Math.max(1, settle * this.ctx.clock.scale));
        return;
      }
      status = await this.recountFromServer(quota, namespace, now);
    }
    if (!status) return;
    const written = await this.ctx.client.update<ResourceQuota>(resources.resourcequotas, { ...quota, status }, { subresource: 'status' });
    this.ownWrites.add(`${key}@${written.metadata.resourceVersion}`);
  }

  /** quotaStatusUpdate over fresh lists of the namespace's counted objects (read after the quota was). */
  private async recountFromServer(quota: ResourceQuota, namespace: string, now: number): Promise<ReturnType<typeof quotaStatusUpdate>> {
    const fresh = new Map<string, KubeObject[]>();
    for (const [groupResource, ref] of this.refs) {
      if (!Object.keys(quota.spec?.hard ?? {}).some((name) => chargedGroupResourceOf(name) === groupResource)) continue;
      fresh.set(groupResource, (await this.ctx.client.list<KubeObject>(ref, { namespace })).items);
    }
    return quotaStatusUpdate(quota, (groupResource) => fresh.get(groupResource) ?? [], now);
  }
}
