import { listObjects, ListPage } from '@drydock/api';
import { builtinResources } from '@drydock/registry';
import type { ObjectStore } from '@drydock/storage';
import { openTestStore, TestStore } from '@drydock/testing';
import { KubeObject, StatusError } from '@drydock/util';
import { rejectionOf } from './support/fixtures';

// Real PostgreSQL: allow for a slow disk (the project's testTimeout is not applied by Jest 30).
jest.setTimeout(60_000);

const pods = builtinResources().find((d) => d.group === '' && d.resource === 'pods')!;
const namespaces = ['ns-a', 'ns-b', 'ns-c'];

function pod(namespace: string, i: number): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `p-${String((i * 7) % 20).padStart(2, '0')}`, namespace, labels: { app: i % 2 ? 'a' : 'b', tier: `t${i % 3}` } },
    spec: { nodeName: `n${i % 4}`, containers: [{ name: 'c', image: 'nginx' }] },
    status: { phase: i % 5 ? 'Running' : 'Pending' },
  };
}

describe('lists served from the watch cache', () => {
  let opened: TestStore;
  /** The store with its list() counted: a list the cache serves never reads PostgreSQL's objects. */
  let store: ObjectStore;
  let storeLists = 0;

  /** Every page of a list, following continue tokens, from the cache (`cached`) or from PostgreSQL. */
  async function pages(query: Record<string, string>, namespace: string, cached: boolean): Promise<ListPage[]> {
    const result: ListPage[] = [];
    let token: string | undefined;
    do {
      const params = new URLSearchParams({ ...query, ...(token ? { continue: token } : {}) });
      const page = await listObjects(store, pods, 'default', namespace, params, cached ? opened.hub : undefined);
      result.push(page);
      token = page.continueToken;
    } while (token);
    return result;
  }

  const names = (page: ListPage) => page.items.map((o) => `${o.metadata.namespace}/${o.metadata.name}`);

  beforeAll(async () => {
    opened = await openTestStore();
    store = Object.assign(Object.create(opened.store) as ObjectStore, {
      list: (...args: Parameters<ObjectStore['list']>) => {
        storeLists++;
        return opened.store.list(...args);
      },
    });
    // Created out of key order, in several namespaces, with a resource beside them that must not leak in.
    for (const i of [...Array(20).keys()].reverse()) {
      for (const namespace of namespaces) {
        const object = pod(namespace, i);
        await opened.store.create({ cluster: 'default', resource: 'pods', namespace, name: object.metadata.name! }, object);
      }
    }
    await opened.store.create({ cluster: 'default', resource: 'services', namespace: 'ns-a', name: 'p-00' }, { metadata: { name: 'p-00', namespace: 'ns-a' } });
    expect(await opened.hub.waitForLatest(10_000)).toBe(true);
  });
  afterAll(async () => {
    await opened?.close();
  });

  const queries: Record<string, string>[] = [
    {},
    { limit: '7' },
    { limit: '1000' },
    { labelSelector: 'app=a' },
    { labelSelector: 'app=a,tier!=t1', limit: '4' },
    { fieldSelector: 'spec.nodeName=n1', limit: '3' },
    { fieldSelector: 'metadata.namespace!=ns-c,status.phase=Running', labelSelector: 'tier in (t0,t2)', limit: '5' },
    { labelSelector: 'app=nothing', limit: '2' },
  ];

  it.each(queries.flatMap((query) => ['', 'ns-b'].map((namespace) => [JSON.stringify(query), namespace, query] as const)))(
    'pages %s in namespace "%s" exactly as PostgreSQL does: items, order, continue tokens, resourceVersion',
    async (_, namespace, query) => {
      storeLists = 0;
      const fromCache = await pages(query, namespace, true);
      expect(storeLists).toBe(0);
      const fromStore = await pages(query, namespace, false);
      expect(storeLists).toBeGreaterThan(0);
      expect(fromCache).toEqual(fromStore);
      expect(fromCache.flatMap(names).length).toBeGreaterThanOrEqual(query.labelSelector === 'app=nothing' ? 0 : 1);
    },
  );

  it('takes a continue token from either side: the pages are the same', async () => {
    const first = await listObjects(store, pods, 'default', '', new URLSearchParams({ limit: '25' }), opened.hub);
    const next = new URLSearchParams({ limit: '25', continue: first.continueToken! });
    expect(await listObjects(store, pods, 'default', '', next, opened.hub)).toEqual(await listObjects(store, pods, 'default', '', next));
  });

  it('answers resourceVersion=0 with the whole collection from the cache, whatever the limit (as upstream`s cacher)', async () => {
    storeLists = 0;
    const page = await listObjects(store, pods, 'default', '', new URLSearchParams({ resourceVersion: '0', limit: '5', labelSelector: 'app=a' }), opened.hub);
    expect(storeLists).toBe(0);
    const all = await pages({ labelSelector: 'app=a' }, '', false);
    expect(page).toEqual({ items: all[0].items, resourceVersion: String(opened.hub.revision) });
    expect(page.items).toHaveLength(30);
  });

  it('continues a list at its own revision: later writes do not show in its next pages', async () => {
    const first = await listObjects(store, pods, 'default', 'ns-c', new URLSearchParams({ limit: '5' }), opened.hub);
    const whole = await listObjects(store, pods, 'default', 'ns-c', new URLSearchParams(), opened.hub);
    expect(first.resourceVersion).toBe(whole.resourceVersion);
    const key = (name: string) => ({ cluster: 'default', resource: 'pods', namespace: 'ns-c', name });
    const later = whole.items[10];
    await opened.store.update(key(later.metadata.name!), { ...later, metadata: { ...later.metadata, labels: { app: 'changed' } } });
    await opened.store.delete(key(whole.items[12].metadata.name!));
    await opened.store.create(key('p-99'), pod('ns-c', 99));
    expect(await opened.hub.waitForLatest(10_000)).toBe(true);
    storeLists = 0;
    const rest: ListPage[] = [];
    for (let token = first.continueToken; token; token = rest.at(-1)!.continueToken) {
      rest.push(await listObjects(store, pods, 'default', 'ns-c', new URLSearchParams({ limit: '5', continue: token }), opened.hub));
    }
    expect(storeLists).toBe(0);
    expect(rest.every((page) => page.resourceVersion === whole.resourceVersion)).toBe(true);
    expect([...first.items, ...rest.flatMap((page) => page.items)]).toEqual(whole.items);
  });

  it('answers a continue token older than the compaction window with 410 Gone, from the cache as from PostgreSQL', async () => {
    const first = await listObjects(store, pods, 'default', '', new URLSearchParams({ limit: '2' }), opened.hub);
    await opened.store.create({ cluster: 'default', resource: 'configmaps', namespace: 'ns-a', name: 'moved-on' }, { metadata: { name: 'moved-on', namespace: 'ns-a' } });
    expect(await opened.hub.waitForLatest(10_000)).toBe(true);
    await opened.store.compact((await opened.store.currentRevision()) + 1);
    const next = new URLSearchParams({ limit: '2', continue: first.continueToken! });
    for (const cache of [opened.hub, undefined]) {
      const error = (await rejectionOf(listObjects(store, pods, 'default', '', next, cache))) as unknown as StatusError;
      expect(error).toBeInstanceOf(StatusError);
      expect(error.toStatus()).toMatchObject({ code: 410, reason: 'Expired', message: expect.stringMatching(/^The provided continue parameter is too old to display a consistent list result/) });
    }
  });
});
