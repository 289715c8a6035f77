import { builtinResources } from '@drydock/registry';
import type { CollectionKey } from '@drydock/storage';
import { MemoryObjectStore } from '@drydock/testing';
import type { KubeObject } from '@drydock/util';
import type { WatchSource } from '../watch/watch-source';
import { listObjects } from './list.handler';

const configMaps = builtinResources().find((d) => d.resource === 'configmaps' && d.group === '')!;

/** A watch cache at `revision` whose ring starts at `floor`; `reaches` says whether a wait for a newer revision succeeds. */
function fakeCache(state: { revision: number; floor: number; reaches: boolean }, objects: KubeObject[]) {
  const waits: number[] = [];
  const served: number[] = [];
  const cache: WatchSource = {
    get revision() {
      return state.revision;
    },
    waitForRevision: async (revision) => {
      waits.push(revision);
      return revision <= state.revision || state.reaches;
    },
    listAt: (_filter: CollectionKey, revision: number) => {
      if (revision > state.revision || revision < state.floor) return undefined;
      served.push(revision);
      return objects;
    },
    snapshot: () => ({ items: objects, revision: state.revision }),
    watch: () => ({ close: () => undefined }),
  };
  return { cache, waits, served };
}

async function setUp(state = { revision: 10, floor: 5, reaches: false }) {
  const store = new MemoryObjectStore();
  const objects: KubeObject[] = [];
  for (const name of ['a', 'b', 'c']) {
    objects.push(await store.create({ cluster: 'default', resource: 'configmaps', namespace: 'default', name }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' } }));
  }
  let storeLists = 0;
  const list = store.list.bind(store);
  store.list = (...args) => {
    storeLists++;
    return list(...args);
  };
  const fake = fakeCache(state, objects);
  const run = (query: string) => listObjects(store, configMaps, 'default', 'default', new URLSearchParams(query), fake.cache);
  return { store, run, ...fake, storeLists: () => storeLists };
}

describe('lists served from the watch cache', () => {
  it('answers resourceVersion=0 from the cache as it is, whole, whatever the limit', async () => {
    const { run, storeLists, served } = await setUp();
    const page = await run('resourceVersion=0&limit=1');
    expect(page.resourceVersion).toBe('10');
    expect(page.continueToken).toBeUndefined();
    expect(page.items).toHaveLength(3);
    expect(served).toEqual([10]);
    expect(storeLists()).toBe(0);
  });

  it('answers a consistent read once the cache reached the store`s revision, paged', async () => {
    const { run, store, waits, storeLists } = await setUp({ revision: 3, floor: 0, reaches: false });
    const page = await run('limit=2');
    expect(waits).toEqual([await store.currentRevision()]);
    expect(page.items.map((o) => o.metadata.name)).toEqual(['a', 'b']);
    expect(page.continueToken).toBeDefined();
    expect(storeLists()).toBe(0);
  });

  it('reads PostgreSQL when the cache does not reach the store`s revision in time', async () => {
    const { run, storeLists } = await setUp({ revision: 1, floor: 0, reaches: false });
    expect((await run('')).resourceVersion).toBe('3');
    expect(storeLists()).toBe(1);
  });

  it('is 504 Timeout when a NotOlderThan revision is not reached in time', async () => {
    const { run } = await setUp();
    await expect(run('resourceVersion=50&resourceVersionMatch=NotOlderThan')).rejects.toMatchObject({ code: 504, reason: 'Timeout', message: 'Too large resource version: 50, current: 10' });
  });

  it('serves an exact revision the ring covers from the cache, and one it no longer covers from PostgreSQL', async () => {
    const { run, served, storeLists } = await setUp();
    expect((await run('resourceVersion=7&resourceVersionMatch=Exact')).resourceVersion).toBe('7');
    expect((await run('resourceVersion=8&limit=2')).resourceVersion).toBe('8');
    expect(served).toEqual([7, 8]);
    expect(storeLists()).toBe(0);
    await run('resourceVersion=2&resourceVersionMatch=Exact');
    expect(storeLists()).toBe(1);
  });
});
