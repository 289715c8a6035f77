import { AsyncLocalStorage } from 'node:async_hooks';
import type { Pool } from 'pg';
import { quietPool } from './support/quiet-pool';
import { ALL_CLUSTERS, ChangeEvent, PostgresObjectStore, StoreError, WatchHub } from '@drydock/storage';
import type { KubeObject } from '@drydock/util';
import { configMap, configMapKey, eventually, revisionOf } from './support/fixtures';
import { openTestStore, TestStore } from '@drydock/testing';

// Real PostgreSQL: allow for a slow disk (the project's testTimeout is not applied by Jest 30).
jest.setTimeout(60_000);

describe('watch hub', () => {
  let opened: TestStore;
  const pools: Pool[] = [];
  const hubs: WatchHub[] = [];
  let resourceCounter = 0;
  const resource = () => `things${++resourceCounter}.watch.test`;

  function independentStores(count: number): PostgresObjectStore[] {
    return Array.from({ length: count }, () => {
      const pool = quietPool(opened.database.url, 3);
      pools.push(pool);
      return new PostgresObjectStore(pool);
    });
  }

  async function startHub(options: ConstructorParameters<typeof WatchHub>[1] = {}): Promise<WatchHub> {
    const hub = new WatchHub(opened.store, { onError: () => undefined, ...options });
    hubs.push(hub);
    await hub.start();
    return hub;
  }

  /** Creates, updates and deletes objects of `r` from several connections at once. */
  async function churn(stores: PostgresObjectStore[], r: string, perStore: number): Promise<void> {
    await Promise.all(stores.map(async (store, s) => {
      for (let i = 0; i < perStore; i++) {
        const key = configMapKey(`s${s}-${i % 7}`, `ns${i % 3}`, r);
        const existing = await store.get(key);
        if (!existing) await store.create(key, configMap(key, { i: String(i) })).catch(() => undefined);
        else if (i % 5 === 0) await store.delete(key).catch(() => undefined);
        else await store.update(key, configMap(key, { i: String(i) })).catch(() => undefined);
      }
    }));
  }

  beforeAll(async () => {
    opened = await openTestStore();
  });
  afterAll(async () => {
    await Promise.all(hubs.map((hub) => hub.stop()));
    await Promise.all(pools.map((pool) => pool.end()));
    await opened?.close();
  });

  it('a watcher started at R sees every later change exactly once, in order, while many connections write', async () => {
    const r = resource();
    const hub = opened.hub;
    const start = hub.revision;
    const seen: ChangeEvent[] = [];
    const handle = hub.watch({ cluster: 'default', resource: r }, start, (events) => seen.push(...events));
    await churn(independentStores(8), r, 40);
    const end = await opened.store.currentRevision();
    expect(await hub.waitForRevision(end, 10_000)).toBe(true);
    await eventually(() => (seen.at(-1)?.revision ?? 0) >= end, 5000, 'the last event');
    handle.close();
    const expected = await opened.store.changesSince(start, 100_000);
    expect(seen.map((e) => e.revision)).toEqual(expected.map((e) => e.revision));
    expect(seen.map((e) => e.revision)).toEqual(Array.from({ length: end - start }, (_, i) => start + 1 + i));
    expect(seen.map((e) => [e.type, e.object])).toEqual(expected.map((e) => [e.type, e.object]));
  });

  it('watchers joining while writes flow each get exactly the events after their start revision', async () => {
    const r = resource();
    const hub = opened.hub;
    const watchers: { from: number; seen: number[] }[] = [];
    const writing = churn(independentStores(4), r, 60);
    for (let i = 0; i < 10; i++) {
      await new Promise((resolve) => setTimeout(resolve, 15));
      const watcher = { from: hub.revision, seen: [] as number[] };
      watchers.push(watcher);
      hub.watch({ cluster: 'default', resource: r }, watcher.from, (events) => watcher.seen.push(...events.map((e) => e.revision)));
    }
    await writing;
    const end = await opened.store.currentRevision();
    await hub.waitForRevision(end, 10_000);
    await new Promise((resolve) => setImmediate(resolve));
    for (const watcher of watchers) {
      const expected = (await opened.store.changesSince(watcher.from, 100_000)).map((e) => e.revision);
      expect(watcher.seen).toEqual(expected);
    }
  });

  it('two hubs (two API server processes) deliver the same events in the same order', async () => {
    const r = resource();
    const second = await startHub();
    const from = Math.max(opened.hub.revision, second.revision);
    const first: ChangeEvent[] = [];
    const other: ChangeEvent[] = [];
    opened.hub.watch({ cluster: 'default', resource: r }, from, (events) => first.push(...events));
    second.watch({ cluster: 'default', resource: r }, from, (events) => other.push(...events));
    await churn(independentStores(4), r, 25);
    const end = await opened.store.currentRevision();
    await Promise.all([opened.hub.waitForRevision(end, 10_000), second.waitForRevision(end, 10_000)]);
    await eventually(() => first.length === end - from && other.length === end - from, 2000, 'both streams');
    expect(other.map((e) => [e.revision, e.type, e.object, e.previous])).toEqual(first.map((e) => [e.revision, e.type, e.object, e.previous]));
  });

  it('a watch sees only its collection: resource, cluster and (when given) namespace', async () => {
    const r = resource();
    const all: ChangeEvent[] = [];
    const inA: ChangeEvent[] = [];
    const from = opened.hub.revision;
    opened.hub.watch({ cluster: 'default', resource: r }, from, (events) => all.push(...events));
    opened.hub.watch({ cluster: 'default', resource: r, namespace: 'a' }, from, (events) => inA.push(...events));
    for (const [ns, name, res, cluster] of [['a', 'x', r, 'default'], ['b', 'y', r, 'default'], ['a', 'z', resource(), 'default'], ['a', 'w', r, 'other']]) {
      await opened.store.create({ cluster, resource: res, namespace: ns, name }, configMap(configMapKey(name, ns)));
    }
    await opened.hub.waitForRevision(await opened.store.currentRevision(), 5000);
    await eventually(() => all.length === 2, 2000, 'two events');
    expect(all.map((e) => e.key.name)).toEqual(['x', 'y']);
    expect(inA.map((e) => e.key.name)).toEqual(['x']);
  });

  it('a watch of every cluster sees the resource in each cluster, keyed by its cluster, and goes on across a restore', async () => {
    const r = resource();
    const seen: ChangeEvent[] = [];
    const errors: StoreError[] = [];
    opened.hub.watch({ cluster: ALL_CLUSTERS, resource: r }, opened.hub.revision, (events) => seen.push(...events), (error) => errors.push(error));
    for (const [name, res, cluster] of [['x', r, 'default'], ['y', r, 'lab'], ['z', resource(), 'lab'], ['w', r, 'bobs']]) {
      await opened.store.create({ cluster, resource: res, namespace: 'a', name }, configMap(configMapKey(name, 'a')));
    }
    await opened.hub.waitForRevision(await opened.store.currentRevision(), 5000);
    await eventually(() => seen.length === 3, 2000, 'three events');
    expect(seen.map((e) => `${e.key.cluster}/${e.key.name}`)).toEqual(['default/x', 'lab/y', 'bobs/w']);
    // The list of every cluster: each entry with its key, clusters in name order.
    expect(opened.hub.snapshotEntries({ cluster: ALL_CLUSTERS, resource: r }).entries.map((entry) => `${entry.key.cluster}/${entry.key.name}`)).toEqual(['bobs/w', 'default/x', 'lab/y']);
    // A restore of one cluster ends that cluster's watches (410, as etcd's restore), not this one: a restore writes a
    // change row per object, which it follows; it may even resume from before.
    const lab: StoreError[] = [];
    opened.hub.watch({ cluster: 'lab', resource: r }, opened.hub.revision, () => undefined, (error) => lab.push(error));
    const before = opened.hub.revision;
    opened.hub.expireCluster('lab', before);
    expect(lab.map((error) => error.code)).toEqual(['Compacted']);
    await opened.store.create({ cluster: 'lab', resource: r, namespace: 'a', name: 'v' }, configMap(configMapKey('v', 'a')));
    await eventually(() => seen.length === 4, 2000, 'the event after the restore');
    expect(errors).toEqual([]);
    const resumed: ChangeEvent[] = [];
    opened.hub.watch({ cluster: ALL_CLUSTERS, resource: r }, before - 1, (events) => resumed.push(...events));
    await eventually(() => resumed.some((event) => event.key.name === 'v'), 2000, 'a resumed watch of every cluster');
  });

  it('MODIFIED and DELETED events carry the previous object, also for objects that existed before the hub started', async () => {
    const r = resource();
    const key = configMapKey('a', 'ns', r);
    const created = await opened.store.create(key, configMap(key, { v: '1' }));
    const hub = await startHub();
    const seen: ChangeEvent[] = [];
    hub.watch({ cluster: 'default', resource: r }, hub.revision, (events) => seen.push(...events));
    const updated = await opened.store.update(key, configMap(key, { v: '2' }));
    const deleted = await opened.store.delete(key);
    const recreated = await opened.store.create(key, configMap(key, { v: '3' }));
    await eventually(() => seen.length === 3, 5000, 'three events');
    expect(seen.map((e) => e.type)).toEqual(['MODIFIED', 'DELETED', 'ADDED']);
    expect(seen[0].previous).toEqual(created);
    expect(seen[0].object).toEqual(updated);
    expect(seen[1].previous).toEqual(updated);
    expect(seen[1].object).toEqual(deleted);
    expect(seen[2].previous).toBeUndefined();
    expect(seen[2].object).toEqual(recreated);
  });

  it('a watch resumes from an older revision still in the ring by replaying the events after it', async () => {
    const r = resource();
    const key = configMapKey('a', 'ns', r);
    const first = await opened.store.create(key, configMap(key));
    const second = await opened.store.update(key, configMap(key, { v: '2' }));
    const third = await opened.store.update(key, configMap(key, { v: '3' }));
    await opened.hub.waitForRevision(revisionOf(third), 5000);
    const seen: ChangeEvent[] = [];
    opened.hub.watch({ cluster: 'default', resource: r }, revisionOf(first), (events) => seen.push(...events));
    expect(seen).toEqual([]); // delivered asynchronously, never inside watch()
    await eventually(() => seen.length === 2, 2000, 'the replay');
    expect(seen.map((e) => e.object)).toEqual([second, third]);
  });

  it('a watch from a revision older than the ring fails with Compacted', async () => {
    const hub = await startHub({ ring: { minAgeMs: 0, minEvents: 5, maxEvents: 5 } });
    const start = hub.revision;
    const r = resource();
    for (let i = 0; i < 12; i++) await opened.store.create(configMapKey(`o${i}`, 'ns', r), configMap(configMapKey(`o${i}`, 'ns', r)));
    await hub.waitForRevision(start + 12, 5000);
    expect(hub.oldestRevision).toBe(start + 7);
    expect(() => hub.watch({ cluster: 'default', resource: r }, start + 6, () => undefined)).toThrow(expect.objectContaining({ code: 'Compacted' }));
    const seen: number[] = [];
    hub.watch({ cluster: 'default', resource: r }, start + 7, (events) => seen.push(...events.map((e) => e.revision)));
    await eventually(() => seen.length === 5, 2000, 'the replay');
    expect(seen).toEqual([start + 8, start + 9, start + 10, start + 11, start + 12]);
  });

  it('a snapshot followed by a watch from its revision reproduces the store exactly, while writes flow', async () => {
    const r = resource();
    const collection = { cluster: 'default', resource: r };
    const writing = churn(independentStores(4), r, 50);
    await new Promise((resolve) => setTimeout(resolve, 40));
    const snapshot = opened.hub.snapshot(collection);
    const state = new Map<string, KubeObject>(snapshot.items.map((o) => [`${o.metadata.namespace}/${o.metadata.name}`, o]));
    let duplicates = 0;
    let last = snapshot.revision;
    opened.hub.watch(collection, snapshot.revision, (events) => {
      for (const event of events) {
        if (event.revision <= last) duplicates++;
        last = event.revision;
        const id = `${event.key.namespace}/${event.key.name}`;
        if (event.type === 'DELETED') state.delete(id);
        else state.set(id, event.object);
      }
    });
    await writing;
    await opened.hub.waitForRevision(await opened.store.currentRevision(), 10_000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(duplicates).toBe(0);
    const listed = await opened.store.list(collection);
    expect([...state.values()].sort((a, b) => `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`)))
      .toEqual([...listed.items].sort((a, b) => `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`)));
  });

  it('the reader keeps reading while pages of the change log come back full', async () => {
    const hub = await startHub({ readBatchSize: 3, pollIntervalMs: 60_000 });
    const r = resource();
    const from = hub.revision;
    const seen: number[] = [];
    hub.watch({ cluster: 'default', resource: r }, from, (events) => seen.push(...events.map((e) => e.revision)));
    await Promise.all(Array.from({ length: 40 }, (_, i) => opened.store.create(configMapKey(`o${i}`, 'ns', r), configMap(configMapKey(`o${i}`, 'ns', r)))));
    const end = await opened.store.currentRevision();
    expect(await hub.waitForRevision(end, 5000)).toBe(true);
    await eventually(() => seen.length === end - from, 2000, 'every event');
    expect(seen).toEqual(Array.from({ length: end - from }, (_, i) => from + 1 + i));
  });

  it('notifications wake the hub without waiting for the safety poll', async () => {
    const hub = await startHub({ pollIntervalMs: 60_000 });
    const r = resource();
    const started = Date.now();
    const written = await opened.store.create(configMapKey('a', 'ns', r), configMap(configMapKey('a', 'ns', r)));
    expect(await hub.waitForRevision(revisionOf(written), 5000)).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('the safety poll keeps the hub current when its LISTEN connection is lost, and it listens again', async () => {
    const hub = await startHub({ pollIntervalMs: 100 });
    await opened.pool.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN drydock_changes' AND datname = current_database()`);
    const r = resource();
    const written = await opened.store.create(configMapKey('a', 'ns', r), configMap(configMapKey('a', 'ns', r)));
    expect(await hub.waitForRevision(revisionOf(written), 5000)).toBe(true);
    const runningHubs = 1 + hubs.length;
    const listeners = async () =>
      (await opened.pool.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE query = 'LISTEN drydock_changes' AND datname = current_database()`)).rows[0].n;
    const deadline = Date.now() + 5000;
    while ((await listeners()) < runningHubs && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await listeners()).toBe(runningHubs);
  });

  it('watchers hear events outside the async context of whoever woke the reader (a request\'s user never reaches the API server\'s own loops)', async () => {
    const requestUser = new AsyncLocalStorage<string>();
    // The LISTEN connection opened during one request, the reader woken by another's wait for its write.
    const hub = await requestUser.run('alice', () => startHub({ pollIntervalMs: 60_000 }));
    const r = resource();
    const heardAs: (string | undefined)[] = [];
    hub.watch({ cluster: 'default', resource: r }, hub.revision, (events) => events.forEach(() => heardAs.push(requestUser.getStore())));
    await requestUser.run('bob', async () => {
      const written = await opened.store.create(configMapKey('a', 'ns', r), configMap(configMapKey('a', 'ns', r)));
      expect(await hub.waitForRevision(revisionOf(written), 5000)).toBe(true);
    });
    await eventually(() => heardAs.length === 1, 5000, 'the event');
    expect(heardAs).toEqual([undefined]);
  });

  it('backs off after failed change-log reads instead of reading (and reporting) once per waiter, and catches up once reads work', async () => {
    // The API server after a database stall: every consistent read and watch start wakes the reader, and
    // each wake read the log again and reported its failure at once (a core spent logging the same error).
    const [store] = independentStores(1);
    const failures: unknown[] = [];
    const hub = new WatchHub(store, { onError: (error) => failures.push(error), pollIntervalMs: 60_000 });
    hubs.push(hub);
    await hub.start();
    const failing = jest.spyOn(store, 'changesSince').mockRejectedValue(new Error('Query read timeout'));
    const r = resource();
    const written = await opened.store.create(configMapKey('a', 'ns', r), configMap(configMapKey('a', 'ns', r)));
    const waits: Promise<boolean>[] = [];
    const until = Date.now() + 600;
    while (Date.now() < until) {
      waits.push(hub.waitForRevision(revisionOf(written), 50));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(waits.length).toBeGreaterThan(50);
    // 50 ms doubling: reads at about 0, 50, 150, 350 ms (and the LISTEN wake); one per waiter before.
    expect(failing.mock.calls.length).toBeLessThanOrEqual(8);
    expect(failures.length).toBe(failing.mock.calls.length);
    failing.mockRestore();
    expect(await hub.waitForRevision(revisionOf(written), 5000)).toBe(true);
  });

  it('when it falls behind compaction, a watcher that watches again from its onError is ended once and follows the reloaded cache', async () => {
    // The API server's own followers (credential cleanup) watch again from onError. Ended while the hub walked
    // its watcher sets, the new watch joined the set being walked and was ended and re-made for ever: an
    // API server that stopped answering after a PostgreSQL stall (issue #16).
    const [store] = independentStores(1);
    const hub = new WatchHub(store, { onError: () => undefined, pollIntervalMs: 60_000 });
    hubs.push(hub);
    await hub.start();
    const r = resource();
    const seen: ChangeEvent[] = [];
    let ended = 0;
    const follow = (): void => {
      hub.watch({ cluster: 'default', resource: r }, hub.revision, (events) => seen.push(...events), () => {
        ended++;
        if (ended < 50) follow();
      });
    };
    follow();
    jest.spyOn(store, 'changesSince').mockRejectedValueOnce(new StoreError('Compacted', 'revision 1 has been compacted'));
    const first = await opened.store.create(configMapKey('a', 'ns', r), configMap(configMapKey('a', 'ns', r)));
    expect(await hub.waitForRevision(revisionOf(first), 5000)).toBe(true);
    expect(ended).toBe(1);
    // Re-made from the reloaded cache: the reload held the first object; the next change is an event.
    expect(hub.snapshot({ cluster: 'default', resource: r }).items.map((item) => item.metadata.name)).toEqual(['a']);
    await opened.store.create(configMapKey('b', 'ns', r), configMap(configMapKey('b', 'ns', r)));
    await eventually(() => seen.some((event) => event.key.name === 'b'), 5000, 'the event after the reload');
    expect(ended).toBe(1);
  });

  it('waitForLatest waits until the cache holds every write committed before the call', async () => {
    const hub = await startHub({ pollIntervalMs: 60_000 });
    const r = resource();
    const written = await opened.store.create(configMapKey('a', 'ns', r), configMap(configMapKey('a', 'ns', r)));
    expect(await hub.waitForLatest(5000)).toBe(true);
    expect(hub.revision).toBeGreaterThanOrEqual(revisionOf(written));
    expect(hub.snapshot({ cluster: 'default', resource: r }).items).toEqual([written]);
  });

  it('waitForRevision resolves false when the revision is not reached in time', async () => {
    expect(await opened.hub.waitForRevision(opened.hub.revision + 1000, 100)).toBe(false);
    expect(await opened.hub.waitForRevision(opened.hub.revision, 100)).toBe(true);
  });

  it('a closed watch receives nothing more', async () => {
    const r = resource();
    const seen: ChangeEvent[] = [];
    const watchersBefore = opened.hub.stats().watchers;
    const handle = opened.hub.watch({ cluster: 'default', resource: r }, opened.hub.revision, (events) => seen.push(...events));
    expect(opened.hub.stats().watchers).toBe(watchersBefore + 1);
    await opened.store.create(configMapKey('a', 'ns', r), configMap(configMapKey('a', 'ns', r)));
    await eventually(() => seen.length === 1, 5000, 'the first event');
    handle.close();
    expect(opened.hub.stats().watchers).toBe(watchersBefore);
    const later = await opened.store.create(configMapKey('b', 'ns', r), configMap(configMapKey('b', 'ns', r)));
    await opened.hub.waitForRevision(revisionOf(later), 5000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen).toHaveLength(1);
  });
});
