import { decodeKubernetesProtobuf } from '@drydock/protobuf';
import { EtcdKeySpace, type KeyEvent, kvService, RevisionError, UndecodableValueError } from '@drydock/etcd';
import { openTestStore, TestStore } from '@drydock/testing';
import { configMap, configMapKey, eventually } from './support/fixtures';

jest.setTimeout(60_000);

/** The store read and written as etcd's key space (the etcd endpoint's core), on a real PostgreSQL. */
describe('etcd key space over the store', () => {
  let opened: TestStore;
  let space: EtcdKeySpace;
  const key = (text: string) => Buffer.from(text);
  const prefix = (text: string) => ({ key: key(text), rangeEnd: Buffer.concat([key(text.slice(0, -1)), Buffer.from([text.charCodeAt(text.length - 1) + 1])]) });

  type Message = Record<string, unknown>;
  type Unary = (call: unknown, callback: (error: unknown, response: Message) => void) => void;
  const txnOn = (service: ReturnType<typeof kvService>) => (request: Message) => new Promise<Message>((resolve, reject) => (service['Txn'] as Unary)({ request }, (error, response) => (error ? reject(error) : resolve(response))));
  let txn: (request: Message) => Promise<Message>;

  beforeAll(async () => {
    opened = await openTestStore();
    space = new EtcdKeySpace(opened.store, opened.hub, () => [{ resource: 'configmaps', namespaced: true }, { resource: 'nodes', namespaced: false }]);
    txn = txnOn(kvService(space));
  });
  afterAll(async () => {
    await opened?.close();
  });

  it('lists objects under kube-apiserver\'s keys, in byte order, with protobuf values and their resourceVersions', async () => {
    const stored = await opened.store.create(configMapKey('b', 'etcd-a'), configMap(configMapKey('b', 'etcd-a'), { x: '1' }));
    await opened.store.create(configMapKey('a', 'etcd-a'), configMap(configMapKey('a', 'etcd-a')));
    await opened.store.create({ cluster: 'default', resource: 'nodes', namespace: '', name: 'etcd-node' }, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'etcd-node' } });
    await space.catchUp();
    const kvs = space.range(prefix('/registry/configmaps/etcd-a/'));
    expect(kvs.map((kv) => kv.key.toString())).toEqual(['/registry/configmaps/etcd-a/a', '/registry/configmaps/etcd-a/b']);
    expect(kvs[1].modRevision).toBe(Number(stored.metadata.resourceVersion));
    expect(decodeKubernetesProtobuf(kvs[1].value)).toMatchObject({ kind: 'ConfigMap', data: { x: '1' } });
    expect(space.range({ key: key('/registry/minions/etcd-node') })).toHaveLength(1);
  });

  it('compares and swaps: a put or delete on a stale mod revision fails, and a create on a taken key', async () => {
    const cas = key('/registry/configmaps/etcd-cas/swap');
    const value = (data: string) => Buffer.from(JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: {}, data: { data } }));
    const when = (mod: number, then: Message) => txn({ compare: [{ result: 'EQUAL', target: 'MOD', key: cas, mod_revision: String(mod) }], success: [then] });
    const created = await when(0, { request_put: { key: cas, value: value('1') } });
    expect(created['succeeded']).toBe(true);
    const createdAt = Number((created['header'] as Message)['revision']);
    expect((await when(0, { request_put: { key: cas, value: value('again') } }))['succeeded']).toBe(false);
    const updated = await when(createdAt, { request_put: { key: cas, value: value('2') } });
    expect(updated['succeeded']).toBe(true);
    expect((await when(createdAt, { request_put: { key: cas, value: value('stale') } }))['succeeded']).toBe(false);
    expect((await opened.store.get(configMapKey('swap', 'etcd-cas')))?.['data']).toEqual({ data: '2' });
    expect((await when(createdAt, { request_delete_range: { key: cas } }))['succeeded']).toBe(false);
    expect((await when(Number((updated['header'] as Message)['revision']), { request_delete_range: { key: cas } }))['succeeded']).toBe(true);
    expect(await opened.store.get(configMapKey('swap', 'etcd-cas'))).toBeNull();
  });

  it('applies a txn that writes several keys as one step: no write of the API server falls between its compares and its writes', async () => {
    const a = configMapKey('a', 'etcd-atomic');
    await opened.store.create(a, configMap(a, { v: '0' }));
    let racing = true;
    // The API server's own writes (the group-committed store), one every millisecond or two.
    const writer = (async () => {
      for (let i = 1; racing; i++) {
        await opened.store.update(a, configMap(a, { v: String(i) }));
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    })();
    const checked: Array<{ seen: number; revision: number }> = [];
    try {
      for (let round = 0; round < 40 || checked.length < 5; round++) {
        if (round > 400) throw new Error(`only ${checked.length} of 400 txns succeeded`);
        await space.catchUp();
        const seen = space.range({ key: key('/registry/configmaps/etcd-atomic/a') })[0].modRevision;
        const answer = await txn({
          compare: [{ result: 'EQUAL', target: 'MOD', key: key('/registry/configmaps/etcd-atomic/a'), mod_revision: String(seen) }],
          success: [{ request_put: { key: key('etcd-atomic/saw'), value: key(String(seen)) } }, { request_put: { key: key('etcd-atomic/also'), value: key(String(seen)) } }],
        });
        if (answer['succeeded']) checked.push({ seen, revision: Number((answer['header'] as Message)['revision']) });
      }
    } finally {
      racing = false;
      await writer;
    }
    // Each successful txn's two puts took consecutive revisions, and `a` did not change from the compare to them.
    // (An earlier txn's puts may also fall in that range: the writer need not have written `a` between two rounds.)
    const changes = await opened.store.changesSince(checked[0].seen - 1, 100_000);
    for (const { seen, revision } of checked) {
      const between = changes.filter((change) => change.revision > seen && change.revision <= revision);
      expect(between.filter((change) => change.key.name === 'a')).toEqual([]);
      expect(between.slice(-2).map((change) => [change.revision, change.key.name])).toEqual([[revision - 1, 'etcd-atomic/saw'], [revision, 'etcd-atomic/also']]);
    }
  });

  it('writes all of a txn or nothing: a request that cannot be stored leaves the writes before it undone', async () => {
    const first = key('etcd-all-or-nothing/first');
    await expect(txn({ success: [{ request_put: { key: first, value: key('1') } }, { request_put: { key: key('/registry/configmaps/default/junk'), value: key('garbage') } }] })).rejects.toMatchObject({ details: expect.stringContaining('not a Kubernetes object') });
    await space.catchUp();
    expect(space.range({ key: first })).toEqual([]);
  });

  it('puts JSON or protobuf as the object under the key, and deletes it, as writes the store\'s watchers see', async () => {
    const seen: KeyEvent[] = [];
    const watch = space.watch(prefix('/registry/configmaps/etcd-b/'), 0, (events) => seen.push(...events));
    const revision = await space.put(key('/registry/configmaps/etcd-b/put'), Buffer.from(JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: {}, data: { via: 'etcd' } })));
    const object = await opened.store.get(configMapKey('put', 'etcd-b'));
    expect(object).toMatchObject({ metadata: { name: 'put', namespace: 'etcd-b', resourceVersion: String(revision) }, data: { via: 'etcd' } });
    await space.catchUp();
    const { deleted } = await space.deleteRange({ key: key('/registry/configmaps/etcd-b/put') });
    expect(deleted).toHaveLength(1);
    expect(await opened.store.get(configMapKey('put', 'etcd-b'))).toBeNull();
    await eventually(() => seen.length === 2, 10_000, 'the PUT and the DELETE');
    watch.close();
    expect(seen.map((event) => [event.type, event.kv.key.toString()])).toEqual([['PUT', '/registry/configmaps/etcd-b/put'], ['DELETE', '/registry/configmaps/etcd-b/put']]);
  });

  it('keeps a key outside every resource as a key of its own, and refuses a value that is no object on a resource\'s key', async () => {
    await space.put(key('foo'), key('bar'));
    await space.catchUp();
    expect(space.range({ key: key('foo') }).map((kv) => kv.value.toString())).toEqual(['bar']);
    await expect(space.put(key('/registry/configmaps/default/junk'), key('garbage'))).rejects.toBeInstanceOf(UndecodableValueError);
  });

  it('answers the txn shapes etcd clients send: compares on create, mod, version and value, else branches, ranges, several keys', async () => {
    // A second endpoint over the same store (a second API server): its txns race this one's in the store itself.
    const otherTxn = txnOn(kvService(new EtcdKeySpace(opened.store, opened.hub, () => [])));
    const leader = key('txn/election/leader');
    // concurrency.Election.Campaign: If(CreateRevision(k) == 0).Then(Put(k, me)).Else(Get(k)); of two campaigns one wins.
    const campaign = (me: string, on = txn, at = leader) => on({ compare: [{ result: 'EQUAL', target: 'CREATE', key: at, create_revision: '0' }], success: [{ request_put: { key: at, value: key(me) } }], failure: [{ request_range: { key: at } }] });
    for (let round = 0; round < 5; round++) {
      const races = await Promise.all([campaign('a', txn, key(`txn-race/${round}`)), campaign('b', otherTxn, key(`txn-race/${round}`))]);
      expect(races.map((race) => race['succeeded']).sort()).toEqual([false, true]);
    }
    const [a, b] = await Promise.all([campaign('a'), campaign('b')]);
    expect([a['succeeded'], b['succeeded']].sort()).toEqual([false, true]);
    const loser = (a['succeeded'] ? b : a)['responses'] as Message[];
    expect(((loser[0]['response_range'] as Message)['kvs'] as Array<{ value: Buffer }>)[0].value.toString()).toBe(a['succeeded'] ? 'a' : 'b');
    // A value compare: a missing key has no value to equal (etcd's applyCompare), an equal value swaps.
    const counter = key('txn/counter');
    const swapValue = (from: string, to: string) => txn({ compare: [{ result: 'EQUAL', target: 'VALUE', key: counter, value: key(from) }], success: [{ request_put: { key: counter, value: key(to), prev_kv: true } }, { request_range: { key: counter } }] });
    expect((await swapValue('', '1'))['succeeded']).toBe(false);
    await space.put(counter, key('1'));
    const swapped = await swapValue('1', '2');
    expect(swapped['succeeded']).toBe(true);
    const [putResponse, rangeResponse] = swapped['responses'] as Message[];
    expect(((putResponse['response_put'] as Message)['prev_kv'] as { value: Buffer }).value.toString()).toBe('1');
    expect(((rangeResponse['response_range'] as Message)['kvs'] as Array<{ value: Buffer }>)[0].value.toString()).toBe('2');
    expect((await swapValue('1', '3'))['succeeded']).toBe(false);
    // Version and mod compares with other results; a branch that writes two keys and deletes one.
    await space.catchUp();
    const mod = space.range({ key: counter })[0].modRevision;
    const several = await txn({
      compare: [{ result: 'GREATER', target: 'VERSION', key: counter, version: '0' }, { result: 'LESS', target: 'MOD', key: counter, mod_revision: String(mod + 1) }, { result: 'NOT_EQUAL', target: 'MOD', key: key('txn/absent'), mod_revision: '5' }],
      success: [{ request_put: { key: key('txn/x'), value: key('x') } }, { request_put: { key: key('txn/y'), value: key('y') } }, { request_delete_range: { key: counter } }],
    });
    expect(several['succeeded']).toBe(true);
    await space.catchUp();
    expect(space.range({ key: key('txn/'), rangeEnd: key('txn0') }).map((kv) => `${kv.key}=${kv.value}`)).toEqual([`txn/election/leader=${a['succeeded'] ? 'a' : 'b'}`, 'txn/x=x', 'txn/y=y']);
  });

  it('reads at an earlier revision, and refuses a future one', async () => {
    const first = await opened.store.create(configMapKey('timed', 'etcd-c'), configMap(configMapKey('timed', 'etcd-c'), { v: '1' }));
    await opened.store.update(configMapKey('timed', 'etcd-c'), configMap(configMapKey('timed', 'etcd-c'), { v: '2' }));
    await space.catchUp();
    const then = space.range({ key: key('/registry/configmaps/etcd-c/timed') }, Number(first.metadata.resourceVersion));
    expect(decodeKubernetesProtobuf(then[0].value)).toMatchObject({ data: { v: '1' } });
    expect(() => space.range({ key: key('/registry/configmaps/etcd-c/timed') }, space.revision + 10)).toThrow(RevisionError);
  });
});
