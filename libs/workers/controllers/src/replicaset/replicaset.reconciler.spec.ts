import { createClock, KubeObject } from '@drydock/util';
import { FakeKubeClient, resources, ResourceRef, SharedInformerFactory, WatchEvent, WatchHandle, WatchOptions } from '@drydock/client';
import type { ControllerContext } from '../controller-context';
import { ReplicaSetReconciler } from './replicaset.reconciler';

/** A FakeKubeClient that names generateName objects and can hold back pod watch events (a slow cache). */
class SlowPodCacheClient extends FakeKubeClient {
  held = false;
  private readonly backlog: (() => void)[] = [];
  private sequence = 0;

  override async create<T extends KubeObject>(ref: ResourceRef, namespace: string, object: T): Promise<T> {
    const named = object.metadata.name ? object : { ...object, metadata: { ...object.metadata, name: `${object.metadata.generateName}${String(++this.sequence).padStart(5, 'x')}` } };
    return super.create(ref, namespace, named);
  }

  override watch<T extends KubeObject>(ref: ResourceRef, options: WatchOptions, onEvent: (event: WatchEvent<T>) => void): WatchHandle {
    if (ref.resource !== 'pods') return super.watch(ref, options, onEvent);
    return super.watch<T>(ref, options, (event) => (this.held ? this.backlog.push(() => onEvent(event)) : onEvent(event)));
  }

  release(): void {
    this.held = false;
    for (const deliver of this.backlog.splice(0)) deliver();
  }
}

const replicaSet = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web', namespace: 'ns' }, spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } };

async function setUp() {
  const client = new SlowPodCacheClient();
  await client.create(resources.replicasets, 'ns', replicaSet);
  const informers = new SharedInformerFactory(client, { log: () => undefined });
  const events: string[] = [];
  const ctx: ControllerContext = { client, informers, clock: createClock(1), log: () => undefined, eventsFor: () => ({ event: (_o, _t, reason, message) => events.push(`${reason} ${message}`) }) };
  const reconciler = new ReplicaSetReconciler(ctx);
  informers.start();
  await informers.waitForCacheSync(5000);
  return { client, informers, reconciler, events, podCreates: () => client.calls.filter((call) => call.startsWith('create pods')).length };
}

describe('ReplicaSetReconciler with a lagging pod cache', () => {
  it('does not create twice while its creations are not yet observed (expectations)', async () => {
    const { client, informers, reconciler, events, podCreates } = await setUp();
    client.held = true;
    await reconciler.sync('ns/web');
    expect(podCreates()).toBe(3);
    await reconciler.sync('ns/web');
    await reconciler.sync('ns/web');
    expect(podCreates()).toBe(3);
    client.release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await reconciler.sync('ns/web');
    expect(podCreates()).toBe(3);
    expect(events.filter((e) => e.startsWith('SuccessfulCreate Created pod: web-'))).toHaveLength(3);
    const rs = await client.get<KubeObject & { status?: { replicas?: number } }>(resources.replicasets, 'ns', 'web');
    expect(rs?.status?.replicas).toBe(3);
    await informers.stop();
  });

  it('creates again once the expected pods have been observed and one disappears', async () => {
    const { client, informers, reconciler, podCreates } = await setUp();
    await reconciler.sync('ns/web');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const [pod] = (await client.list(resources.pods, { namespace: 'ns' })).items;
    await client.delete(resources.pods, 'ns', pod.metadata.name!);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await reconciler.sync('ns/web');
    expect(podCreates()).toBe(4);
    await informers.stop();
  });

  it('scales down without an event for a pod someone else deleted first (404), as upstream', async () => {
    const { client, informers, reconciler, events } = await setUp();
    await reconciler.sync('ns/web');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const pods = (await client.list(resources.pods, { namespace: 'ns' })).items;
    expect(pods).toHaveLength(3);
    client.held = true;
    await client.delete(resources.pods, 'ns', pods[0].metadata.name!);
    const rs = (await client.get(resources.replicasets, 'ns', 'web'))!;
    await client.update(resources.replicasets, { ...rs, spec: { ...(rs.spec as object), replicas: 0 } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await reconciler.sync('ns/web');
    expect(client.calls.filter((call) => call.startsWith('delete pods'))).toHaveLength(4);
    expect(events.filter((event) => event.startsWith('SuccessfulDelete')).sort()).toEqual(pods.slice(1).map((pod) => `SuccessfulDelete Deleted pod: ${pod.metadata.name}`).sort());
    client.release();
    await informers.stop();
  });
});
