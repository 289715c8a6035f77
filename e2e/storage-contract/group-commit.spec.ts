import { Pool } from 'pg';
import { quietPool } from './support/quiet-pool';
import { PostgresObjectStore, sql, withStorePriority } from '@drydock/storage';
import type { KubeObject } from '@drydock/util';
import { CLUSTER, configMap, configMapKey, rejectionOf, revisionOf } from './support/fixtures';
import { openTestStore, TestStore } from '@drydock/testing';

// Real PostgreSQL: allow for a slow disk (the project's testTimeout is not applied by Jest 30).
jest.setTimeout(60_000);

describe('group commit: revisions and preconditions under concurrency', () => {
  let opened: TestStore;
  const extraPools: Pool[] = [];
  let resourceCounter = 0;
  const resource = () => `things${++resourceCounter}.concurrency.test`;

  /** Stores on pools of their own: their batches commit concurrently from different connections. */
  function independentStores(count: number): PostgresObjectStore[] {
    return Array.from({ length: count }, () => {
      const pool = quietPool(opened.database.url);
      extraPools.push(pool);
      return new PostgresObjectStore(pool);
    });
  }

  beforeAll(async () => {
    opened = await openTestStore();
  });
  afterAll(async () => {
    await Promise.all(extraPools.map((pool) => pool.end()));
    await opened?.close();
  });

  it('revisions are unique, gap-free and match the change log when many connections write at once', async () => {
    const stores = independentStores(6);
    const r = resource();
    const start = await opened.store.currentRevision();
    const writes = Array.from({ length: 600 }, (_, i) => {
      const key = configMapKey(`item-${i}`, 'ns', r);
      return stores[i % stores.length].create(key, configMap(key));
    });
    const revisions = (await Promise.all(writes)).map(revisionOf).sort((a, b) => a - b);
    expect(revisions).toEqual(Array.from({ length: 600 }, (_, i) => start + 1 + i));
    expect(await opened.store.currentRevision()).toBe(start + 600);
    const changes = await opened.store.changesSince(start, 1000);
    expect(changes.map((c) => c.revision)).toEqual(revisions);
    expect(changes.every((c) => revisionOf(c.object) === c.revision)).toBe(true);
  });

  it('concurrent writes from one store leave in far fewer batches than writes', async () => {
    const pool = quietPool(opened.database.url, 10);
    extraPools.push(pool);
    const store = new PostgresObjectStore(pool);
    const r = resource();
    await Promise.all(Array.from({ length: 300 }, (_, i) => store.create(configMapKey(`x${i}`, 'ns', r), configMap(configMapKey(`x${i}`, 'ns', r)))));
    expect(store.writeStats.operations).toBe(300);
    expect(store.writeStats.batches).toBeLessThan(30);
    expect(store.writeStats.largestBatch).toBeGreaterThan(1);
  });

  it('of many writers holding the same resourceVersion, exactly one wins each round', async () => {
    const stores = [...independentStores(4), opened.store];
    const key = configMapKey('contended', 'ns', resource());
    let current = await opened.store.create(key, configMap(key, { round: '0' }));
    for (let round = 1; round <= 10; round++) {
      const expectedRevision = revisionOf(current);
      const attempts = Array.from({ length: 20 }, (_, i) =>
        stores[i % stores.length].update(key, configMap(key, { round: String(round), writer: String(i) }), { expectedRevision }).then(
          (object) => ({ object }),
          (error) => ({ error }),
        ),
      );
      const outcomes = await Promise.all(attempts);
      const winners = outcomes.filter((o): o is { object: KubeObject } => 'object' in o);
      expect(winners).toHaveLength(1);
      expect(outcomes.filter((o) => 'error' in o && (o.error as { code?: string }).code === 'Conflict')).toHaveLength(19);
      current = winners[0].object;
      expect(await opened.store.get(key)).toEqual(current);
    }
  });

  it('a read-modify-write retry loop of increments from many concurrent writers loses none', async () => {
    const stores = [...independentStores(4), opened.store];
    const key = configMapKey('counter', 'ns', resource());
    await opened.store.create(key, configMap(key, { count: '0' }));
    const increment = async (store: PostgresObjectStore) => {
      for (;;) {
        const object = (await store.get(key))!;
        const next = { ...object, data: { count: String(Number((object.data as { count: string }).count) + 1) } };
        try {
          return await store.update(key, next, { expectedRevision: revisionOf(object) });
        } catch (error) {
          if ((error as { code?: string }).code !== 'Conflict') throw error;
        }
      }
    };
    const writers = Array.from({ length: 16 }, async (_, w) => {
      for (let i = 0; i < 15; i++) await increment(stores[w % stores.length]);
    });
    await Promise.all(writers);
    expect((await opened.store.get(key))?.data).toEqual({ count: '240' });
  });

  it('in one batch, a failed op consumes no revision and does not fail the others', async () => {
    const r = resource();
    const op = (type: string, name: string, extra: object = {}) => ({ type, cluster: 'default', resource: r, namespace: 'ns', name, ...extra });
    const ops = [
      op('create', 'a', { object: configMap(configMapKey('a', 'ns', r)) }),
      op('create', 'a', { object: configMap(configMapKey('a', 'ns', r)) }),
      op('update', 'missing', { object: configMap(configMapKey('missing', 'ns', r)) }),
      op('update', 'a', { object: configMap(configMapKey('a', 'ns', r)), expectedRevision: 1 }),
      op('delete', 'missing'),
      op('create', 'b', { object: configMap(configMapKey('b', 'ns', r)) }),
      op('delete', 'a', { expectedUid: 'not-it' }),
      op('delete', 'a'),
    ];
    const start = await opened.store.currentRevision();
    const rows = (await opened.pool.query(sql.write, [JSON.stringify(ops)])).rows;
    expect(rows.map((row) => row.op_status)).toEqual(['ok', 'AlreadyExists', 'NotFound', 'Conflict', 'NotFound', 'ok', 'Conflict', 'ok']);
    expect(rows.filter((row) => row.op_status === 'ok').map((row) => Number(row.op_revision))).toEqual([start + 1, start + 2, start + 3]);
    expect(rows.filter((row) => row.op_status === 'ok').map((row) => row.op_object.metadata.resourceVersion)).toEqual([start + 1, start + 2, start + 3].map(String));
    expect(await opened.store.currentRevision()).toBe(start + 3);
  });

  it('an op the database rejects fails alone; the rest of its batch is written', async () => {
    const r = resource();
    const good = Array.from({ length: 5 }, (_, i) => configMapKey(`good-${i}`, 'ns', r));
    const bad = configMapKey('bad', 'ns', r);
    const badObject = configMap(bad, { nul: 'a\u0000b' });
    const results = await Promise.allSettled([
      ...good.slice(0, 2).map((key) => opened.store.create(key, configMap(key))),
      opened.store.create(bad, badObject),
      ...good.slice(2).map((key) => opened.store.create(key, configMap(key))),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect((await opened.store.list({ cluster: 'default', resource: r })).items).toHaveLength(5);
  });

  it('lists 10,000 objects in pages of 500 in well under a second', async () => {
    const r = resource();
    await Promise.all(Array.from({ length: 10_000 }, (_, i) => {
      const key = configMapKey(`object-${String(i).padStart(5, '0')}`, `ns-${i % 10}`, r);
      return opened.store.create(key, configMap(key, { payload: 'x'.repeat(200) }));
    }));
    const started = performance.now();
    let after: { namespace: string; name: string } | undefined;
    let count = 0;
    do {
      const page = await opened.store.list({ cluster: 'default', resource: r }, { limit: 500, after });
      count += page.items.length;
      after = page.next;
    } while (after);
    const elapsed = performance.now() - started;
    expect(count).toBe(10_000);
    expect(elapsed).toBeLessThan(1000);
    console.log(`listed 10,000 objects in pages of 500 in ${elapsed.toFixed(0)} ms`);
  });

  it('the priority lane and the group commits do not wait for a pool every connection of which is taken', async () => {
    const shared = new Pool({ connectionString: opened.database.url, max: 2, connectionTimeoutMillis: 300 });
    const reservedPool = quietPool(opened.database.url, 2);
    shared.on('error', () => undefined);
    extraPools.push(shared, reservedPool);
    const store = new PostgresObjectStore(shared, { reservedPool });
    const r = resource();
    const key = configMapKey('lease', 'ns', r);
    await store.create(key, configMap(key));
    const held = await Promise.all([shared.connect(), shared.connect()]);
    try {
      expect((await rejectionOf(store.get(key))).message).toMatch(/timeout exceeded when trying to connect/);
      expect(revisionOf((await withStorePriority(() => store.get(key)))!)).toBeGreaterThan(0);
      expect((await withStorePriority(() => store.list({ cluster: CLUSTER, resource: r, namespace: 'ns' }))).items).toHaveLength(1);
      const other = configMapKey('bulk', 'ns', r);
      const written = await store.create(other, configMap(other));
      expect((await store.changesSince(revisionOf(written) - 1, 10)).map((change) => change.revision)).toEqual([revisionOf(written)]);
    } finally {
      held.forEach((client) => client.release());
    }
  });

  it('rejects writes with a malformed key before they reach the database', async () => {
    const failure = await rejectionOf(opened.store.create({ cluster: 'default', resource: 'x', namespace: undefined as unknown as string, name: 'a' }, configMap(configMapKey('a'))));
    expect(failure.message).toMatch(/invalid object key/);
  });
});
