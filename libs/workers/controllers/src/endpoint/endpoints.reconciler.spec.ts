import { resources } from '@drydock/client';
import type { Endpoints } from '../util/network.types';
import { fakeContext, settle, testPod, testService } from '../util/network-test-fixtures';
import { EndpointsReconciler } from './endpoints.reconciler';

async function setUp(objects: { services?: object[]; pods?: object[]; nodes?: object[] }) {
  const { client, informers, ctx, events } = fakeContext();
  for (const service of objects.services ?? []) await client.create(resources.services, 'ns', service as never);
  for (const pod of objects.pods ?? []) await client.create(resources.pods, 'ns', pod as never);
  const reconciler = new EndpointsReconciler(ctx);
  informers.start();
  await informers.waitForCacheSync(5000);
  return { client, informers, reconciler, events, endpoints: () => client.get<Endpoints>(resources.endpoints, 'ns', 'web') };
}

describe('EndpointsReconciler', () => {
  it('lists ready pods as addresses and unready ones as notReadyAddresses, on the resolved target port', async () => {
    const { informers, reconciler, endpoints } = await setUp({
      services: [testService('web')],
      pods: [testPod('web-1', 'web', '10.244.1.2'), testPod('web-2', 'web', '10.244.1.3', { ready: false }), testPod('other', 'db', '10.244.1.4')],
    });
    await reconciler.sync('ns/web');
    const created = await endpoints();
    expect(created?.metadata.labels).toEqual({ app: 'web' });
    expect(created?.metadata.annotations?.['endpoints.kubernetes.io/last-change-trigger-time']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    expect(created?.subsets).toEqual([{
      addresses: [{ ip: '10.244.1.2', nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'ns', name: 'web-1', uid: expect.any(String) } }],
      notReadyAddresses: [{ ip: '10.244.1.3', nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'ns', name: 'web-2', uid: expect.any(String) } }],
      ports: [{ port: 8080, protocol: 'TCP' }],
    }]);
    await informers.stop();
  });

  it('publishes unready pods as ready with publishNotReadyAddresses, and labels a headless Service', async () => {
    const { informers, reconciler, endpoints } = await setUp({
      services: [testService('web', { clusterIP: 'None', publishNotReadyAddresses: true, ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 'web' }] })],
      pods: [testPod('web-1', 'web', '10.244.1.3', { ready: false, ports: [{ name: 'web', containerPort: 8000 }] }), testPod('web-2', 'web', '10.244.1.4', { ports: [{ name: 'other', containerPort: 9000 }] })],
    });
    await reconciler.sync('ns/web');
    const created = await endpoints();
    expect(created?.metadata.labels).toEqual({ app: 'web', 'service.kubernetes.io/headless': '' });
    expect(created?.subsets?.map((s) => [s.addresses?.map((a) => a.ip), s.notReadyAddresses, s.ports])).toEqual([[['10.244.1.3'], undefined, [{ name: 'http', port: 8000, protocol: 'TCP' }]]]);
    await informers.stop();
  });

  it('leaves a Service without a selector alone, and deletes the Endpoints of a deleted Service', async () => {
    const { client, informers, reconciler, endpoints } = await setUp({ services: [testService('web', { selector: undefined })], pods: [testPod('web-1', 'web', '10.244.1.2')] });
    await client.create(resources.endpoints, 'ns', { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web' }, subsets: [{ addresses: [{ ip: '192.0.2.1' }], ports: [{ port: 80 }] }] });
    await settle();
    await reconciler.sync('ns/web');
    expect((await endpoints())?.subsets).toEqual([{ addresses: [{ ip: '192.0.2.1' }], ports: [{ port: 80 }] }]);
    await client.delete(resources.services, 'ns', 'web');
    await settle();
    await reconciler.sync('ns/web');
    expect(await endpoints()).toBeNull();
    await informers.stop();
  });

  it('does not write again when nothing changed, and drops a pod that was deleted', async () => {
    const { client, informers, reconciler, endpoints } = await setUp({ services: [testService('web')], pods: [testPod('web-1', 'web', '10.244.1.2'), testPod('web-2', 'web', '10.244.1.3')] });
    await reconciler.sync('ns/web');
    await settle();
    const writes = () => client.calls.filter((call) => /^(create|update) endpoints/.test(call)).length;
    await reconciler.sync('ns/web');
    expect(writes()).toBe(1);
    await client.delete(resources.pods, 'ns', 'web-2');
    await settle();
    await reconciler.sync('ns/web');
    expect((await endpoints())?.subsets?.[0].addresses?.map((a) => a.ip)).toEqual(['10.244.1.2']);
    expect((await endpoints())?.metadata.annotations).toBeUndefined();
    await informers.stop();
  });
});
