import type { KubeObject } from '@drydock/util';
import { Informer, isNotFound, metaNamespaceKey, resources, splitMetaNamespaceKey } from '@drydock/client';
import { ControllerContext, QueueReconciler } from '../controller-context';
import type { LoadBalancerIngress, Service } from '../util/network.types';
import { StaleInformerCacheError, WriteTracker } from '../util/write-tracker';
import { DEFAULT_LOADBALANCER_POOL, LoadBalancerPool } from './load-balancer-pool';

/** servicehelper.LoadBalancerCleanupFinalizer: held while the load balancer exists. */
export const LOAD_BALANCER_CLEANUP_FINALIZER = 'service.kubernetes.io/load-balancer-cleanup';

/**
 * The cloud controller manager's service controller, with a simulated cloud: every Service of type
 * LoadBalancer (without a loadBalancerClass, which names another implementation) gets an external IP
 * from the pool in status.loadBalancer.ingress, guarded by the load-balancer-cleanup finalizer; the
 * address is released when the Service is deleted or changes type. Events as upstream's.
 */
export class ServiceLoadBalancerReconciler extends QueueReconciler {
  private readonly services: Informer<Service>;
  private readonly pool: LoadBalancerPool;
  /** Addresses handed out, by Service UID: the cache may not show them yet when the next Service asks. */
  private readonly allocated = new Map<string, string>();
  private readonly tracker = new WriteTracker();

  constructor(ctx: ControllerContext, pool: string = DEFAULT_LOADBALANCER_POOL) {
    super('service-lb-controller', ctx, 'service-controller');
    this.pool = LoadBalancerPool.parse(pool);
    this.services = ctx.informers.informerFor<Service>(resources.services);
    this.services.addEventHandler({ onAdd: (s) => this.enqueue(s), onUpdate: (_old, s) => this.enqueue(s), onDelete: (s) => { this.allocated.delete(s.metadata.uid!); this.enqueue(s); } });
  }

  async sync(key: string): Promise<void> {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const service = this.services.get(namespace, name);
    if (!service) return this.tracker.forgetOwner(key);
    if (this.tracker.isStale(key, [service])) throw new StaleInformerCacheError(`service ${key} informer cache is out of date`);
    const hasFinalizer = !!service.metadata.finalizers?.includes(LOAD_BALANCER_CLEANUP_FINALIZER);
    try {
      if (hasFinalizer && (service.metadata.deletionTimestamp || !wantsLoadBalancer(service))) return await this.cleanUp(service);
      if (!service.metadata.deletionTimestamp && wantsLoadBalancer(service) && !(hasFinalizer && this.hasValidAddress(service))) await this.ensure(service, hasFinalizer);
    } catch (error) {
      if (isNotFound(error)) return;
      this.events.event(typed(service), 'Warning', 'SyncLoadBalancerFailed', `Error syncing load balancer: ${(error as Error).message}`);
      throw error;
    }
  }

  /** The Service's current address is one of the pool's that no other Service holds. */
  private hasValidAddress(service: Service): boolean {
    const ip = service.status?.loadBalancer?.ingress?.[0]?.ip;
    return !!ip && this.pool.contains(ip) && !this.addressesInUse(service).has(ip);
  }

  private addressesInUse(except: Service): Set<string> {
    const inUse = new Set([...this.allocated].filter(([uid]) => uid !== except.metadata.uid).map(([, ip]) => ip));
    for (const other of this.services.list()) {
      if (other.metadata.uid === except.metadata.uid) continue;
      for (const ingress of other.status?.loadBalancer?.ingress ?? []) if (ingress.ip) inUse.add(ingress.ip);
    }
    return inUse;
  }

  private async ensure(service: Service, hasFinalizer: boolean): Promise<void> {
    this.events.event(typed(service), 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer');
    if (!hasFinalizer) await this.setFinalizers(service, [...(service.metadata.finalizers ?? []), LOAD_BALANCER_CLEANUP_FINALIZER]);
    let ip: string;
    try {
      ip = this.pool.allocate(this.addressesInUse(service), service.spec?.loadBalancerIP || undefined);
    } catch (error) {
      throw new Error(`failed to ensure load balancer: ${(error as Error).message}`);
    }
    this.allocated.set(service.metadata.uid!, ip);
    this.events.event(typed(service), 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer');
    await this.setIngress(service, [{ ip, ipMode: 'VIP' }]);
  }

  private async cleanUp(service: Service): Promise<void> {
    this.events.event(typed(service), 'Normal', 'DeletingLoadBalancer', 'Deleting load balancer');
    this.events.event(typed(service), 'Normal', 'DeletedLoadBalancer', 'Deleted load balancer');
    this.allocated.delete(service.metadata.uid!);
    await this.setFinalizers(service, (service.metadata.finalizers ?? []).filter((f) => f !== LOAD_BALANCER_CLEANUP_FINALIZER));
    if (!service.metadata.deletionTimestamp && service.status?.loadBalancer?.ingress?.length) await this.setIngress(service, null);
  }

  private async setFinalizers(service: Service, finalizers: string[]): Promise<void> {
    const patch = { metadata: { finalizers: finalizers.length ? finalizers : null, resourceVersion: service.metadata.resourceVersion } };
    this.tracker.written(metaNamespaceKey(service), await this.ctx.client.patch(resources.services, service.metadata.namespace!, service.metadata.name!, patch, 'merge'));
  }

  private async setIngress(service: Service, ingress: LoadBalancerIngress[] | null): Promise<void> {
    const patch = { status: { loadBalancer: { ingress } } };
    this.tracker.written(metaNamespaceKey(service), await this.ctx.client.patch(resources.services, service.metadata.namespace!, service.metadata.name!, patch, 'merge', { subresource: 'status' }));
  }
}

/** wantsLoadBalancer, for this controller: type LoadBalancer and no loadBalancerClass naming another one. */
function wantsLoadBalancer(service: Service): boolean {
  return service.spec?.type === 'LoadBalancer' && !service.spec.loadBalancerClass;
}

function typed(service: Service): KubeObject {
  return { ...service, apiVersion: 'v1', kind: 'Service' };
}
