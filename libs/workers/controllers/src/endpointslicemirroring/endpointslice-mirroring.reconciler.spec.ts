import { resources } from '@drydock/client';
import type { EndpointSlice } from '../util/network.types';
import { fakeContext, settle, testService } from '../util/network-test-fixtures';
import { EndpointSliceMirroringReconciler } from './endpointslice-mirroring.reconciler';

const endpoints = (labels: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'external', namespace: 'ns', labels }, subsets: [{ addresses: [{ ip: '192.0.2.1' }], ports: [{ port: 80, protocol: 'TCP' }] }] });

async function setUp(selector: Record<string, string> | undefined, labels?: Record<string, string>) {
  const { client, informers, ctx } = fakeContext();
  await client.create(resources.services, 'ns', testService('external', { selector }));
  await client.create(resources.endpoints, 'ns', endpoints(labels));
  const reconciler = new EndpointSliceMirroringReconciler(ctx);
  informers.start();
  await informers.waitForCacheSync(5000);
  const slices = async () => (await client.list<EndpointSlice>(resources.endpointslices, { namespace: 'ns' })).items;
  return { client, informers, reconciler, slices };
}

describe('EndpointSliceMirroringReconciler', () => {
  it('mirrors the Endpoints of a selector-less Service, and removes the mirror once the Service gets a selector', async () => {
    const { client, informers, reconciler, slices } = await setUp(undefined);
    await reconciler.sync('ns/external');
    expect((await slices()).map((s) => s.endpoints.map((e) => e.addresses[0]))).toEqual([['192.0.2.1']]);
    await client.patch(resources.services, 'ns', 'external', { spec: { selector: { app: 'x' } } }, 'merge');
    await settle();
    await reconciler.sync('ns/external');
    expect(await slices()).toEqual([]);
    await informers.stop();
  });

  it('mirrors nothing for a Service with a selector or Endpoints labelled skip-mirror', async () => {
    for (const [selector, labels] of [[{ app: 'external' }, {}], [undefined, { 'endpointslice.kubernetes.io/skip-mirror': 'true' }]] as const) {
      const { informers, reconciler, slices } = await setUp(selector as Record<string, string> | undefined, labels);
      await reconciler.sync('ns/external');
      expect(await slices()).toEqual([]);
      await informers.stop();
    }
  });
});
