import { resources } from '@drydock/client';
import type { EndpointSlice } from '../util/network.types';
import { fakeContext, settle, testPod, testService } from '../util/network-test-fixtures';
import { StaleInformerCacheError } from '../util/write-tracker';
import { EndpointSliceReconciler } from './endpointslice.reconciler';

async function setUp(podCount: number) {
  const { client, informers, ctx, events } = fakeContext();
  await client.create(resources.nodes, '', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' } });
  await client.create(resources.services, 'ns', testService('web'));
  for (let i = 0; i < podCount; i++) await client.create(resources.pods, 'ns', testPod(`web-${i}`, 'web', `10.244.${Math.floor(i / 250)}.${i % 250}`));
  const reconciler = new EndpointSliceReconciler(ctx);
  informers.start();
  await informers.waitForCacheSync(5000);
  const slices = async () => (await client.list<EndpointSlice>(resources.endpointslices, { namespace: 'ns' })).items;
  return { client, informers, reconciler, events, slices };
}

describe('EndpointSliceReconciler', () => {
  it('creates slices of at most 100 endpoints with the trigger-time annotation', async () => {
    const { informers, reconciler, slices } = await setUp(120);
    await reconciler.sync('ns/web');
    const created = await slices();
    expect(created.map((s) => s.endpoints.length).sort()).toEqual([100, 20]);
    expect(created.every((s) => /^web-/.test(s.metadata.name!) && s.metadata.annotations?.['endpoints.kubernetes.io/last-change-trigger-time'])).toBe(true);
    await informers.stop();
  });

  it('refuses to write from a cache that has not seen its last writes, and writes nothing more once it has', async () => {
    const { client, informers, reconciler, slices } = await setUp(3);
    client.held.add('endpointslices');
    await reconciler.sync('ns/web');
    const writes = () => client.calls.filter((call) => /^(create|update|delete) endpointslices/.test(call)).length;
    expect(writes()).toBe(1);
    await expect(reconciler.sync('ns/web')).rejects.toThrow(StaleInformerCacheError);
    client.release();
    await settle();
    await reconciler.sync('ns/web');
    expect(writes()).toBe(1);
    expect(await slices()).toHaveLength(1);
    await informers.stop();
  });

  it('follows a pod deletion', async () => {
    const { client, informers, reconciler, slices } = await setUp(3);
    await reconciler.sync('ns/web');
    await settle();
    await client.delete(resources.pods, 'ns', 'web-1');
    await settle();
    await reconciler.sync('ns/web');
    expect((await slices())[0].endpoints.map((e) => e.targetRef?.name)).toEqual(['web-0', 'web-2']);
    await informers.stop();
  });
});
