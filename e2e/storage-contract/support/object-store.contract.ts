import { maxWriteRequestBytes, type ObjectStore } from '@drydock/storage';
import { configMap, configMapKey, rejectionOf, revisionOf } from './fixtures';

export interface ContractSubject {
  store: ObjectStore;
  close(): Promise<void>;
}

/**
 * The behaviour every ObjectStore must have (kine's model: one suite, every backend). Each test
 * uses its own resource name, so tests share one empty store without seeing each other's objects.
 */
export function describeObjectStoreContract(name: string, open: () => Promise<ContractSubject>): void {
  describe(`${name}: the ObjectStore contract`, () => {
    let subject: ContractSubject;
    let store: ObjectStore;
    let counter = 0;
    const resource = () => `things${++counter}.contract.test`;

    beforeAll(async () => {
      subject = await open();
      store = subject.store;
    });
    afterAll(() => subject?.close());

    describeWrites(() => store, resource);
    describeReads(() => store, resource);
    describeChangeLog(() => store, resource);
  });
}

function describeWrites(storeOf: () => ObjectStore, resource: () => string): void {
  it('create returns the stored object with resourceVersion, uid and the caller fields', async () => {
    const key = configMapKey('a', 'ns1', resource());
    const created = await storeOf().create(key, configMap(key, { x: '1' }));
    expect(created.data).toEqual({ x: '1' });
    expect(created.metadata.name).toBe('a');
    expect(revisionOf(created)).toBeGreaterThan(0);
    expect(created.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(await storeOf().get(key)).toEqual(created);
  });

  it('create keeps a uid the caller set', async () => {
    const key = configMapKey('a', 'ns1', resource());
    const object = configMap(key);
    object.metadata.uid = 'given-uid';
    expect((await storeOf().create(key, object)).metadata.uid).toBe('given-uid');
  });

  it('create of a taken key fails with AlreadyExists and writes nothing', async () => {
    const key = configMapKey('a', 'ns1', resource());
    const first = await storeOf().create(key, configMap(key, { v: '1' }));
    const before = await storeOf().currentRevision();
    expect((await rejectionOf(storeOf().create(key, configMap(key, { v: '2' })))).code).toBe('AlreadyExists');
    expect(await storeOf().currentRevision()).toBe(before);
    expect(await storeOf().get(key)).toEqual(first);
  });

  it('update with the current resourceVersion succeeds at a new, higher revision', async () => {
    const key = configMapKey('a', 'ns1', resource());
    const created = await storeOf().create(key, configMap(key, { v: '1' }));
    const updated = await storeOf().update(key, { ...created, data: { v: '2' } }, { expectedRevision: revisionOf(created) });
    expect(revisionOf(updated)).toBeGreaterThan(revisionOf(created));
    expect(updated.metadata.uid).toBe(created.metadata.uid);
    expect(await storeOf().get(key)).toEqual(updated);
  });

  it('update with a stale resourceVersion fails with Conflict and changes nothing', async () => {
    const key = configMapKey('a', 'ns1', resource());
    const created = await storeOf().create(key, configMap(key, { v: '1' }));
    const updated = await storeOf().update(key, { ...created, data: { v: '2' } });
    const failure = await rejectionOf(storeOf().update(key, { ...created, data: { v: '3' } }, { expectedRevision: revisionOf(created) }));
    expect(failure.code).toBe('Conflict');
    expect(await storeOf().get(key)).toEqual(updated);
  });

  it('update without a resourceVersion is unconditional', async () => {
    const key = configMapKey('a', 'ns1', resource());
    await storeOf().create(key, configMap(key, { v: '1' }));
    await storeOf().update(key, configMap(key, { v: '2' }));
    const last = await storeOf().update(key, configMap(key, { v: '3' }));
    expect((await storeOf().get(key))?.data).toEqual({ v: '3' });
    expect(last.metadata.uid).toBeDefined();
  });

  it("a create or update past etcd's 1.5 MiB request limit fails with TooLarge and writes nothing; one just under it is stored", async () => {
    const key = configMapKey('a', 'ns1', resource());
    // The request counted is the key and the object as JSON; the value fills all but 1 KiB of the limit.
    const fits = await storeOf().create(key, configMap(key, { v: 'x'.repeat(maxWriteRequestBytes - 1024) }));
    const before = await storeOf().currentRevision();
    const tooLarge = { v: 'é'.repeat(maxWriteRequestBytes / 2) }; // 1.5 MiB of UTF-8 in half as many characters
    expect(await rejectionOf(storeOf().update(key, configMap(key, tooLarge)))).toMatchObject({ code: 'TooLarge', message: 'etcdserver: request is too large' });
    expect((await rejectionOf(storeOf().create(configMapKey('b', 'ns1', key.resource), configMap(key, tooLarge)))).code).toBe('TooLarge');
    expect(await storeOf().currentRevision()).toBe(before);
    expect(await storeOf().get(key)).toEqual(fits);
    expect(await storeOf().get(configMapKey('b', 'ns1', key.resource))).toBeNull();
  });

  it('update of a missing object fails with NotFound', async () => {
    const key = configMapKey('missing', 'ns1', resource());
    expect((await rejectionOf(storeOf().update(key, configMap(key)))).code).toBe('NotFound');
  });

  it('update carrying a different uid fails with Conflict (the uid of an object never changes)', async () => {
    const key = configMapKey('a', 'ns1', resource());
    const created = await storeOf().create(key, configMap(key));
    const other = { ...created, metadata: { ...created.metadata, uid: 'someone-else' } };
    expect((await rejectionOf(storeOf().update(key, other))).code).toBe('Conflict');
  });

  it('delete returns the last state with the deletion revision and removes the object', async () => {
    const key = configMapKey('a', 'ns1', resource());
    const created = await storeOf().create(key, configMap(key, { v: '1' }));
    const deleted = await storeOf().delete(key);
    expect(deleted.data).toEqual({ v: '1' });
    expect(revisionOf(deleted)).toBe(await storeOf().currentRevision());
    expect(revisionOf(deleted)).toBeGreaterThan(revisionOf(created));
    expect(await storeOf().get(key)).toBeNull();
    expect((await rejectionOf(storeOf().delete(key))).code).toBe('NotFound');
  });

  it('delete honours the uid and resourceVersion preconditions', async () => {
    const key = configMapKey('a', 'ns1', resource());
    const created = await storeOf().create(key, configMap(key));
    expect((await rejectionOf(storeOf().delete(key, { expectedUid: 'other' }))).code).toBe('Conflict');
    expect((await rejectionOf(storeOf().delete(key, { expectedRevision: revisionOf(created) - 1 }))).code).toBe('Conflict');
    expect(await storeOf().get(key)).toEqual(created);
    await storeOf().delete(key, { expectedUid: created.metadata.uid, expectedRevision: revisionOf(created) });
    expect(await storeOf().get(key)).toBeNull();
  });

  it('a create after a delete makes a new object with a new uid', async () => {
    const key = configMapKey('a', 'ns1', resource());
    const first = await storeOf().create(key, configMap(key));
    await storeOf().delete(key);
    const second = await storeOf().create(key, configMap(key));
    expect(second.metadata.uid).not.toBe(first.metadata.uid);
  });
}

function describeReads(storeOf: () => ObjectStore, resource: () => string): void {
  it('objects handed in or returned are copies: mutating them does not change what is stored', async () => {
    const key = configMapKey('a', 'ns1', resource());
    const input = configMap(key, { v: '1' });
    const created = await storeOf().create(key, input);
    (input.data as Record<string, string>).v = 'changed';
    (created.data as Record<string, string>).v = 'changed';
    const read = await storeOf().get(key);
    (read!.data as Record<string, string>).v = 'changed';
    expect((await storeOf().get(key))?.data).toEqual({ v: '1' });
  });

  it('an update replaces the whole object: fields left out are gone', async () => {
    const key = configMapKey('a', 'ns1', resource());
    await storeOf().create(key, { ...configMap(key, { v: '1' }), extra: { kept: false } });
    const updated = await storeOf().update(key, configMap(key, { v: '2' }));
    expect(updated.extra).toBeUndefined();
    expect((await storeOf().get(key))?.extra).toBeUndefined();
  });

  it('get of a missing object returns null', async () => {
    expect(await storeOf().get(configMapKey('nothing', 'ns1', resource()))).toBeNull();
  });

  it('list returns a collection ordered by namespace then name (byte order), one namespace or all', async () => {
    const r = resource();
    const keys = [['b', 'z'], ['a', 'y'], ['a', 'Y'], ['', 'cluster-scoped'], ['a-b', 'x'], ['a', 'x-1']].map(([ns, name]) => configMapKey(name, ns, r));
    for (const key of keys) await storeOf().create(key, configMap(key));
    await storeOf().create(configMapKey('other', 'a', resource()), configMap(configMapKey('other', 'a')));
    const all = await storeOf().list({ cluster: 'default', resource: r });
    expect(all.items.map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['/cluster-scoped', 'a/Y', 'a/x-1', 'a/y', 'a-b/x', 'b/z']);
    const inA = await storeOf().list({ cluster: 'default', resource: r, namespace: 'a' });
    expect(inA.items.map((o) => o.metadata.name)).toEqual(['Y', 'x-1', 'y']);
    expect((await storeOf().list({ cluster: 'other', resource: r })).items).toEqual([]);
  });

  it('list pages with limit and after, with no item lost or repeated', async () => {
    const r = resource();
    for (let i = 0; i < 23; i++) {
      const key = configMapKey(`item-${String(i).padStart(2, '0')}`, i % 2 ? 'odd' : 'even', r);
      await storeOf().create(key, configMap(key));
    }
    const seen: string[] = [];
    let after: { namespace: string; name: string } | undefined;
    let pages = 0;
    do {
      const page = await storeOf().list({ cluster: 'default', resource: r }, { limit: 5, after });
      seen.push(...page.items.map((o) => `${o.metadata.namespace}/${o.metadata.name}`));
      after = page.next;
      pages++;
      expect(page.items.length).toBeLessThanOrEqual(5);
    } while (after);
    expect(pages).toBe(5);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(23);
  });

  it('a page that ends exactly at the last item has no next', async () => {
    const r = resource();
    for (const name of ['a', 'b']) await storeOf().create(configMapKey(name, 'ns', r), configMap(configMapKey(name, 'ns', r)));
    const page = await storeOf().list({ cluster: 'default', resource: r, namespace: 'ns' }, { limit: 2 });
    expect(page.items).toHaveLength(2);
    expect(page.next).toBeUndefined();
  });

  it('list reports the revision it was read at, also when the collection is empty', async () => {
    const r = resource();
    const key = configMapKey('a', 'ns', r);
    const created = await storeOf().create(key, configMap(key));
    const list = await storeOf().list({ cluster: 'default', resource: r });
    expect(list.revision).toBeGreaterThanOrEqual(revisionOf(created));
    expect(list.revision).toBe(await storeOf().currentRevision());
    const empty = await storeOf().list({ cluster: 'default', resource: resource() });
    expect(empty).toEqual({ items: [], revision: await storeOf().currentRevision() });
  });
}

function describeChangeLog(storeOf: () => ObjectStore, resource: () => string): void {
  it('every write appears once in changesSince, in revision order, with its type and object', async () => {
    const key = configMapKey('a', 'ns', resource());
    const start = await storeOf().currentRevision();
    const created = await storeOf().create(key, configMap(key, { v: '1' }));
    const updated = await storeOf().update(key, configMap(key, { v: '2' }));
    const deleted = await storeOf().delete(key);
    const changes = await storeOf().changesSince(start, 100);
    expect(changes.map((c) => c.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
    expect(changes.map((c) => c.revision)).toEqual([start + 1, start + 2, start + 3]);
    expect(changes.map((c) => c.object)).toEqual([created, updated, deleted]);
    expect(changes[0].key).toEqual(key);
    expect(await storeOf().changesSince(start, 2)).toHaveLength(2);
  });

  it('compaction drops older changes; changesSince before the compacted revision fails with Compacted', async () => {
    const key = configMapKey('a', 'ns', resource());
    await storeOf().create(key, configMap(key));
    const middle = revisionOf(await storeOf().update(key, configMap(key)));
    await storeOf().update(key, configMap(key));
    await storeOf().compact(middle);
    expect(await storeOf().compactedRevision()).toBe(middle - 1);
    expect((await rejectionOf(storeOf().changesSince(middle - 2, 10))).code).toBe('Compacted');
    const kept = await storeOf().changesSince(middle - 1, 10);
    expect(kept[0].revision).toBe(middle);
    expect(kept.map((c) => c.revision)).toEqual(kept.map((_, i) => middle + i));
  });
}
