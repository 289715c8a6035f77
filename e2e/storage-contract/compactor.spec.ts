import { Compactor, PostgresObjectStore, StoreError, WatchHub } from '@drydock/storage';
import { quietPool } from './support/quiet-pool';
import { configMap, configMapKey, rejectionOf } from './support/fixtures';
import { openTestStore, TestStore } from '@drydock/testing';

// Real PostgreSQL: allow for a slow disk (the project's testTimeout is not applied by Jest 30).
jest.setTimeout(60_000);

describe('compactor', () => {
  let opened: TestStore;

  beforeAll(async () => {
    opened = await openTestStore();
  });
  afterAll(() => opened?.close());

  async function write(count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      const key = configMapKey(`o${Math.random().toString(36).slice(2)}`, 'ns', 'compacted');
      await opened.store.create(key, configMap(key));
    }
  }

  it('keeps the change log of the last keepMs and drops what is older', async () => {
    let now = 1_000_000;
    const compactor = new Compactor(opened.store, { keepMs: 300_000, now: () => now });
    await write(3);
    const atFirstSample = await opened.store.currentRevision();
    expect(await compactor.runOnce()).toBeUndefined();
    await write(4);
    now += 200_000;
    const atSecondSample = await opened.store.currentRevision();
    expect(await compactor.runOnce()).toBeUndefined();
    await write(2);
    now += 100_000;
    expect(await compactor.runOnce()).toBe(atFirstSample);
    expect(await opened.store.compactedRevision()).toBe(atFirstSample);
    expect((await rejectionOf(opened.store.changesSince(atFirstSample - 1, 10))).code).toBe('Compacted');
    expect((await opened.store.changesSince(atFirstSample, 100)).length).toBe((await opened.store.currentRevision()) - atFirstSample);
    now += 200_000;
    expect(await compactor.runOnce()).toBe(atSecondSample);
  });

  it('a watch hub already past the compacted revision keeps serving watches from its ring', async () => {
    expect(await opened.hub.waitForLatest(5000)).toBe(true);
    const from = opened.hub.revision;
    await write(3);
    const current = await opened.store.currentRevision();
    await opened.hub.waitForRevision(current, 5000);
    await opened.store.compact(current + 1);
    expect(await opened.store.compactedRevision()).toBe(current);
    const seen: number[] = [];
    opened.hub.watch({ cluster: 'default', resource: 'compacted' }, from, (events) => seen.push(...events.map((e) => e.revision)));
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual([from + 1, from + 2, from + 3]);
    await write(1);
    await opened.hub.waitForRevision(current + 1, 5000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen.at(-1)).toBe(current + 1);
  });

  it('a watch hub that falls behind compaction reloads its state and tells its watchers to relist', async () => {
    const hubPool = quietPool(opened.database.url, 1);
    const hub = new WatchHub(new PostgresObjectStore(hubPool), { onError: () => undefined });
    try {
      await hub.start();
      const dropped: StoreError[] = [];
      const seen: number[] = [];
      hub.watch({ cluster: 'default', resource: 'compacted' }, hub.revision, (events) => seen.push(...events.map((e) => e.revision)), (error) => dropped.push(error));
      const held = await hubPool.connect(); // the hub cannot read the change log meanwhile
      await write(3);
      const current = await opened.store.currentRevision();
      await opened.store.compact(current + 1);
      held.release();
      expect(await hub.waitForRevision(current, 5000)).toBe(true);
      expect(dropped.map((error) => error.code)).toEqual(['Compacted']);
      expect(seen).toEqual([]);
      const snapshot = hub.snapshot({ cluster: 'default', resource: 'compacted' });
      expect(snapshot.items.length).toBe((await opened.store.list({ cluster: 'default', resource: 'compacted' })).items.length);
      expect(snapshot.revision).toBe(current);
    } finally {
      await hub.stop();
      await hubPool.end();
    }
  });
});
