import { resources } from '@drydock/client';
import type { Service } from '../util/network.types';
import { fakeContext, settle, testService } from '../util/network-test-fixtures';
import { ServiceLoadBalancerReconciler } from './service-load-balancer.reconciler';

async function setUp(pool?: string) {
  const { client, informers, ctx, events } = fakeContext();
  const reconciler = new ServiceLoadBalancerReconciler(ctx, pool);
  informers.start();
  await informers.waitForCacheSync(5000);
  const create = async (name: string, spec: Service['spec'] = {}) => { await client.create(resources.services, 'ns', testService(name, { type: 'LoadBalancer', ...spec })); await settle(); };
  const get = (name: string) => client.get<Service>(resources.services, 'ns', name);
  return { client, informers, reconciler, events, create, get };
}

describe('ServiceLoadBalancerReconciler', () => {
  it('gives each LoadBalancer Service the next free address of the pool, behind the cleanup finalizer', async () => {
    const { informers, reconciler, events, create, get } = await setUp('172.18.255.200-172.18.255.210');
    await create('web');
    await create('api');
    await reconciler.sync('ns/web');
    await settle();
    await reconciler.sync('ns/api');
    const web = await get('web');
    expect(web?.metadata.finalizers).toEqual(['service.kubernetes.io/load-balancer-cleanup']);
    expect(web?.status?.loadBalancer?.ingress).toEqual([{ ip: '172.18.255.200', ipMode: 'VIP' }]);
    expect((await get('api'))?.status?.loadBalancer?.ingress).toEqual([{ ip: '172.18.255.201', ipMode: 'VIP' }]);
    expect(events.slice(0, 2)).toEqual(['EnsuringLoadBalancer Ensuring load balancer', 'EnsuredLoadBalancer Ensured load balancer']);
    await settle();
    await reconciler.sync('ns/web');
    expect(events).toHaveLength(4);
    await informers.stop();
  });

  it('releases the address and the finalizer when the Service stops being a LoadBalancer', async () => {
    const { client, informers, reconciler, events, create, get } = await setUp();
    await create('web');
    await reconciler.sync('ns/web');
    await settle();
    await client.patch(resources.services, 'ns', 'web', { spec: { type: 'ClusterIP' } }, 'merge');
    await settle();
    await reconciler.sync('ns/web');
    const web = await get('web');
    expect(web?.metadata.finalizers).toBeUndefined();
    expect(web?.status?.loadBalancer?.ingress).toBeUndefined();
    expect(events.slice(2)).toEqual(['DeletingLoadBalancer Deleting load balancer', 'DeletedLoadBalancer Deleted load balancer']);
    await informers.stop();
  });

  it('reports a requested address outside the pool, and leaves Services of another loadBalancerClass alone', async () => {
    const { informers, reconciler, events, create, get } = await setUp('10.1.0.1-10.1.0.2');
    await create('pinned', { loadBalancerIP: '10.9.9.9' });
    await expect(reconciler.sync('ns/pinned')).rejects.toThrow('failed to ensure load balancer: requested IP 10.9.9.9 is not in the load balancer pool 10.1.0.1-10.1.0.2');
    expect(events).toContain('SyncLoadBalancerFailed Error syncing load balancer: failed to ensure load balancer: requested IP 10.9.9.9 is not in the load balancer pool 10.1.0.1-10.1.0.2');
    await create('other', { loadBalancerClass: 'example.com/lb' });
    await reconciler.sync('ns/other');
    expect((await get('other'))?.metadata.finalizers).toBeUndefined();
    await informers.stop();
  });
});
