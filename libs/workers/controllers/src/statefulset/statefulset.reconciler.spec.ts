import { createClock, KubeObject } from '@drydock/util';
import { FakeKubeClient, resources, SharedInformerFactory } from '@drydock/client';
import type { ControllerContext } from '../controller-context';
import type { Pod } from '../util/workload.types';
import { StatefulSetReconciler } from './statefulset.reconciler';

const statefulSet = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web', namespace: 'ns', generation: 1 }, spec: { replicas: 3, serviceName: 'web', selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } };
const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

async function setUp(spec: Record<string, unknown> = {}) {
  const client = new FakeKubeClient();
  await client.create(resources.statefulsets, 'ns', { ...statefulSet, spec: { ...statefulSet.spec, ...spec } });
  const informers = new SharedInformerFactory(client, { log: () => undefined });
  const events: string[] = [];
  const ctx: ControllerContext = { client, informers, clock: createClock(1), log: () => undefined, eventsFor: () => ({ event: (_o, _t, reason, message) => events.push(`${reason} ${message}`) }) };
  const reconciler = new StatefulSetReconciler(ctx);
  informers.start();
  await informers.waitForCacheSync(5000);
  const podNames = async () => (await client.list<Pod>(resources.pods, { namespace: 'ns' })).items.map((pod) => pod.metadata.name).sort();
  const markReady = async (name: string) => {
    const pod = await client.get<Pod>(resources.pods, 'ns', name);
    await client.update(resources.pods, { ...pod!, status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] } } as KubeObject);
  };
  const sync = async () => { await reconciler.sync('ns/web'); await settle(); };
  return { client, informers, events, podNames, markReady, sync };
}

describe('StatefulSetReconciler (FakeKubeClient)', () => {
  it('creates one ordinal per sync with OrderedReady and waits for each pod to be Running and Ready', async () => {
    const { informers, events, podNames, markReady, sync } = await setUp();
    await sync();
    await sync();
    expect(await podNames()).toEqual(['web-0']);
    await markReady('web-0');
    await settle();
    await sync();
    expect(await podNames()).toEqual(['web-0', 'web-1']);
    expect(events).toEqual(['SuccessfulCreate create Pod web-0 in StatefulSet web successful', 'SuccessfulCreate create Pod web-1 in StatefulSet web successful']);
    await informers.stop();
  });

  it('creates every ordinal at once with Parallel', async () => {
    const { informers, podNames, sync } = await setUp({ podManagementPolicy: 'Parallel' });
    await sync();
    expect(await podNames()).toEqual(['web-0', 'web-1', 'web-2']);
    await informers.stop();
  });

  it('records one ControllerRevision and reports it as current and update revision', async () => {
    const { client, informers, sync } = await setUp({ podManagementPolicy: 'Parallel' });
    await sync();
    await sync();
    const revisions = (await client.list<KubeObject & { revision?: number }>(resources.controllerrevisions, { namespace: 'ns' })).items;
    expect(revisions.map((r) => r.revision)).toEqual([1]);
    const status = (await client.get<KubeObject & { status?: Record<string, unknown> }>(resources.statefulsets, 'ns', 'web'))!.status;
    expect(status).toMatchObject({ replicas: 3, updatedReplicas: 3, currentRevision: revisions[0].metadata.name, updateRevision: revisions[0].metadata.name, observedGeneration: 1 });
    await informers.stop();
  });
});

describe('StatefulSetReconciler with a failed pod', () => {
  it('deletes it with RecreatingFailedPod and creates it again under the same name', async () => {
    const { client, informers, events, podNames, sync } = await setUp({ replicas: 1 });
    await sync();
    const pod = await client.get<Pod>(resources.pods, 'ns', 'web-0');
    await client.update(resources.pods, { ...pod!, status: { phase: 'Failed' } } as KubeObject);
    await settle();
    await sync();
    expect(events).toContain('RecreatingFailedPod StatefulSet ns/web is recreating failed Pod web-0');
    expect(events).toContain('SuccessfulDelete delete Pod web-0 in StatefulSet web successful');
    await sync();
    expect(await podNames()).toEqual(['web-0']);
    expect((await client.get<Pod>(resources.pods, 'ns', 'web-0'))!.metadata.uid).not.toBe(pod!.metadata.uid);
    await informers.stop();
  });
});
