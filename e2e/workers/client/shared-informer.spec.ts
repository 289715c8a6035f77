import { resources, SharedInformerFactory } from '@drydock/client';
import type { KubeObject } from '@drydock/util';
import { eventually, useDrydock } from '../support/use-drydock';

const pod = (name: string, nodeName = ''): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels: { app: 'informed' } },
  spec: { ...(nodeName ? { nodeName } : {}), containers: [{ name: 'main', image: 'nginx' }] },
});

const nodeNameOf = (object: KubeObject) => (object.spec as { nodeName?: string }).nodeName ?? '';

describe('SharedInformer against a real Drydock', () => {
  const drydock = useDrydock({ name: 'client' });
  let factory: SharedInformerFactory;

  beforeAll(async () => {
    const client = drydock().client();
    await client.create(resources.namespaces, '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'informed' } });
    for (let i = 0; i < 7; i++) await client.create(resources.configmaps, 'informed', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `before-${i}` } });
  });

  afterEach(() => factory?.stop());

  it('lists existing objects across pages, then sees adds, updates and deletes with the cache and index following', async () => {
    const client = drydock().client('informer-e2e');
    factory = new SharedInformerFactory(client, { namespace: 'informed' });
    const pods = factory.informerFor(resources.pods, { indexers: { nodeName: (p) => [nodeNameOf(p)] } });
    const seen: string[] = [];
    pods.addEventHandler({
      onAdd: (p) => seen.push(`add ${p.metadata.name}`),
      onUpdate: (old, p) => seen.push(`update ${p.metadata.name} ${nodeNameOf(old)}->${nodeNameOf(p)}`),
      onDelete: (p) => seen.push(`delete ${p.metadata.name}`),
    });
    factory.start();
    expect(await factory.waitForCacheSync(10_000)).toBe(true);

    await client.create(resources.pods, 'informed', pod('web-1'));
    await eventually('web-1 in the cache', () => pods.get('informed', 'web-1') !== undefined);
    await client.createSubresource(resources.pods, 'informed', 'web-1', 'binding', { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'web-1' }, target: { apiVersion: 'v1', kind: 'Node', name: 'node-a' } });
    await eventually('web-1 indexed on node-a', () => pods.byIndex('nodeName', 'node-a').length === 1);
    await client.delete(resources.pods, 'informed', 'web-1', { gracePeriodSeconds: 0 });
    await eventually('web-1 gone from the cache', () => pods.get('informed', 'web-1') === undefined);

    expect(seen[0]).toBe('add web-1');
    expect(seen).toContain('update web-1 ->node-a');
    expect(seen[seen.length - 1]).toBe('delete web-1');
    expect(pods.byIndex('nodeName', 'node-a')).toEqual([]);
    expect(pods.get('informed', 'web-1')).toBeUndefined();
  });

  it('pages the initial list and fills kind and apiVersion on cached objects', async () => {
    const client = drydock().client();
    factory = new SharedInformerFactory(client, { pageSize: 3 });
    const configMaps = factory.informerFor(resources.configmaps, { namespace: 'informed' });
    factory.start();
    expect(await factory.waitForCacheSync(10_000)).toBe(true);
    const names = configMaps.list('informed').map((c) => c.metadata.name);
    expect(names).toEqual(expect.arrayContaining(['before-0', 'before-1', 'before-2', 'before-3', 'before-4', 'before-5', 'before-6']));
    expect(new Set(names).size).toBe(names.length);
    expect(configMaps.get('informed', 'before-3')).toMatchObject({ kind: 'ConfigMap', apiVersion: 'v1' });
    expect(Number(configMaps.lastSyncResourceVersion())).toBeGreaterThan(0);
  });

  it('two factories see the same writes; a cluster-scoped informer keys by name', async () => {
    const client = drydock().client();
    factory = new SharedInformerFactory(client);
    const namespaces = factory.informerFor(resources.namespaces);
    factory.start();
    expect(await factory.waitForCacheSync(10_000)).toBe(true);
    expect(namespaces.get('', 'informed')).toBeDefined();
    await client.create(resources.namespaces, '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'late' } });
    await eventually('namespace late', () => namespaces.get('', 'late') !== undefined);
  });
});
