import type { KubeObject } from '@drydock/util';
import { FakeKubeClient } from './fake-kube-client';
import { resources } from './resources';
import { SharedInformer } from './shared-informer';
import { SharedInformerFactory } from './shared-informer-factory';

const pod = (name: string, nodeName?: string, namespace = 'default'): KubeObject => ({ metadata: { name, namespace }, spec: nodeName ? { nodeName } : {} });

async function eventually(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 3000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function recordingInformer(client: FakeKubeClient) {
  const seen: string[] = [];
  const informer = new SharedInformer(client, resources.pods, {
    indexers: { nodeName: (object) => [(object.spec as { nodeName?: string }).nodeName ?? ''] },
    log: () => undefined,
  });
  informer.addEventHandler({
    onAdd: (object) => seen.push(`add ${object.metadata.name}`),
    onUpdate: (old, object) => seen.push(`update ${old.metadata.name} ${old.metadata.resourceVersion}->${object.metadata.resourceVersion}`),
    onDelete: (object) => seen.push(`delete ${object.metadata.name}`),
  });
  return { informer, seen };
}

describe('SharedInformer', () => {
  let client: FakeKubeClient;
  let informer: SharedInformer;
  let seen: string[];

  beforeEach(async () => {
    client = new FakeKubeClient();
    await client.create(resources.pods, 'default', pod('a', 'node-1'));
    await client.create(resources.pods, 'other', pod('b', 'node-2', 'other'));
    ({ informer, seen } = recordingInformer(client));
  });

  afterEach(() => informer.stop());

  it('lists into the cache, reports adds and syncs; the cache answers get, list by namespace and byIndex', async () => {
    expect(informer.hasSynced()).toBe(false);
    informer.start();
    await eventually(() => informer.hasSynced(), 'sync');
    expect(seen.sort()).toEqual(['add a', 'add b']);
    expect(informer.get('default', 'a')?.metadata.name).toBe('a');
    expect(informer.get('default', 'a')).toMatchObject({ kind: 'Pod', apiVersion: 'v1' });
    expect(informer.list('other').map((o) => o.metadata.name)).toEqual(['b']);
    expect(informer.list()).toHaveLength(2);
    expect(informer.byIndex('nodeName', 'node-2').map((o) => o.metadata.name)).toEqual(['b']);
    expect(client.calls).toContain('watch pods 3');
  });

  it('applies watch events to the cache and its indexes, reporting adds, updates and deletes', async () => {
    informer.start();
    await eventually(() => informer.hasSynced(), 'sync');
    seen.length = 0;
    await client.create(resources.pods, 'default', pod('c', 'node-1'));
    await client.patch(resources.pods, 'default', 'a', { spec: { nodeName: 'node-3' } }, 'merge');
    await client.delete(resources.pods, 'other', 'b');
    await eventually(() => seen.length === 3, 'three events');
    expect(seen).toEqual(['add c', 'update a 2->5', 'delete b']);
    expect(informer.byIndex('nodeName', 'node-1').map((o) => o.metadata.name)).toEqual(['c']);
    expect(informer.byIndex('nodeName', 'node-3').map((o) => o.metadata.name)).toEqual(['a']);
    expect(informer.get('other', 'b')).toBeUndefined();
  });

  it('re-watches from the last resourceVersion seen when the stream closes, without relisting', async () => {
    informer.start();
    await eventually(() => informer.hasSynced(), 'sync');
    await client.create(resources.pods, 'default', pod('c'));
    await eventually(() => informer.get('default', 'c') !== undefined, 'c');
    client.closeWatches();
    await client.create(resources.pods, 'default', pod('d'));
    await eventually(() => informer.get('default', 'd') !== undefined, 'd after re-watch');
    expect(client.calls.filter((call) => call.startsWith('list'))).toHaveLength(1);
    expect(client.calls.filter((call) => call.startsWith('watch'))).toEqual(['watch pods 3', 'watch pods 4']);
  });

  it('relists on 410 Expired and reports what changed meanwhile, deletes included', async () => {
    informer.start();
    await eventually(() => informer.hasSynced(), 'sync');
    seen.length = 0;
    client.silently(resources.pods, 'other', 'b', undefined);
    client.silently(resources.pods, 'default', 'a', pod('a', 'node-9'));
    client.silently(resources.pods, 'default', 'e', pod('e'));
    client.compact();
    await eventually(() => seen.length === 3, 'the relist differences');
    expect(seen.sort()).toEqual(['add e', 'delete b', 'update a 2->4']);
    expect(informer.byIndex('nodeName', 'node-9').map((o) => o.metadata.name)).toEqual(['a']);
    expect(client.calls.filter((call) => call.startsWith('list'))).toHaveLength(2);
  });

  it('tells a handler added after sync of every cached object', async () => {
    informer.start();
    await eventually(() => informer.hasSynced(), 'sync');
    const late: string[] = [];
    informer.onAdd((object) => late.push(object.metadata.name!));
    expect(late.sort()).toEqual(['a', 'b']);
  });

  it('keeps going when a handler throws', async () => {
    informer.onAdd(() => {
      throw new Error('handler bug');
    });
    informer.start();
    await eventually(() => informer.hasSynced(), 'sync');
    await client.create(resources.pods, 'default', pod('c'));
    await eventually(() => seen.includes('add c'), 'add c');
  });

  it('with a resync period, tells handlers onUpdate(object, object) of every cached object again', async () => {
    const resyncing = new SharedInformer(client, resources.pods, { resyncPeriodMs: 20, log: () => undefined });
    const updates: string[] = [];
    resyncing.onUpdate((old, object) => old === object && updates.push(object.metadata.name!));
    resyncing.start();
    await eventually(() => updates.filter((name) => name === 'a').length >= 2, 'two resyncs');
    expect(updates).toEqual(expect.arrayContaining(['a', 'b']));
    await resyncing.stop();
  });

  it('retries a failed list with back-off', async () => {
    client.failNext.set('list', new Error('connection refused'));
    informer.start();
    await eventually(() => informer.hasSynced(), 'sync after the retry');
    expect(client.calls.filter((call) => call.startsWith('list'))).toHaveLength(2);
  });
});

describe('SharedInformerFactory', () => {
  it('shares one informer per resource and selection, and waits for all caches', async () => {
    const client = new FakeKubeClient();
    await client.create(resources.nodes, '', { metadata: { name: 'n1' } });
    const factory = new SharedInformerFactory(client, { log: () => undefined });
    const pods = factory.informerFor(resources.pods);
    expect(factory.informerFor(resources.pods)).toBe(pods);
    expect(factory.informerFor(resources.pods, { namespace: 'kube-system' })).not.toBe(pods);
    const nodes = factory.informerFor(resources.nodes, { indexers: { name: (o) => [o.metadata.name!] } });
    factory.informerFor(resources.nodes, { indexers: { name: () => ['ignored'], other: () => ['x'] } });
    factory.start();
    expect(await factory.waitForCacheSync(3000)).toBe(true);
    expect(nodes.byIndex('name', 'n1')).toHaveLength(1);
    expect(nodes.byIndex('other', 'x')).toHaveLength(1);
    await factory.stop();
    expect(client.openWatches()).toBe(0);
  });

  it('waitForCacheSync answers false when a cache cannot sync in time', async () => {
    const client = new FakeKubeClient();
    client.list = () => new Promise(() => undefined);
    const factory = new SharedInformerFactory(client, { log: () => undefined });
    factory.informerFor(resources.pods);
    factory.start();
    expect(await factory.waitForCacheSync(50)).toBe(false);
    void factory.stop();
  });
});
