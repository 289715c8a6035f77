import { decodeKubernetesProtobuf } from '@drydock/protobuf';
import { EtcdKeySpace, type KeyEvent, RevisionError, UndecodableValueError } from '@drydock/etcd';
import { openTestStore, TestStore } from '@drydock/testing';
import { configMap, configMapKey, eventually } from './support/fixtures';

jest.setTimeout(60_000);

/** The store read and written as etcd's key space (the etcd endpoint's core), on a real PostgreSQL. */
describe('etcd key space over the store', () => {
  let opened: TestStore;
  let space: EtcdKeySpace;
  const key = (text: string) => Buffer.from(text);
  const prefix = (text: string) => ({ key: key(text), rangeEnd: Buffer.concat([key(text.slice(0, -1)), Buffer.from([text.charCodeAt(text.length - 1) + 1])]) });

  beforeAll(async () => {
    opened = await openTestStore();
    space = new EtcdKeySpace(opened.store, opened.hub, () => [{ resource: 'configmaps', namespaced: true }, { resource: 'nodes', namespaced: false }]);
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

  it('compares and swaps in one store write: a put or delete on a stale mod revision fails, and a create on a taken key', async () => {
    const cas = key('/registry/configmaps/etcd-cas/swap');
    const value = (data: string) => Buffer.from(JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: {}, data: { data } }));
    const created = await space.putIf(cas, value('1'), 0);
    expect(created).toBeGreaterThan(0);
    expect(await space.putIf(cas, value('again'), 0)).toBeUndefined();
    const updated = await space.putIf(cas, value('2'), created!);
    expect(updated).toBeGreaterThan(created!);
    expect(await space.putIf(cas, value('stale'), created!)).toBeUndefined();
    expect((await opened.store.get(configMapKey('swap', 'etcd-cas')))?.['data']).toEqual({ data: '2' });
    await space.catchUp();
    expect(await space.deleteIf(cas, created!)).toBeUndefined();
    expect((await space.deleteIf(cas, updated!))?.deleted).toHaveLength(1);
    expect(await opened.store.get(configMapKey('swap', 'etcd-cas'))).toBeNull();
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

  it('reads at an earlier revision, and refuses a future one', async () => {
    const first = await opened.store.create(configMapKey('timed', 'etcd-c'), configMap(configMapKey('timed', 'etcd-c'), { v: '1' }));
    await opened.store.update(configMapKey('timed', 'etcd-c'), configMap(configMapKey('timed', 'etcd-c'), { v: '2' }));
    await space.catchUp();
    const then = space.range({ key: key('/registry/configmaps/etcd-c/timed') }, Number(first.metadata.resourceVersion));
    expect(decodeKubernetesProtobuf(then[0].value)).toMatchObject({ data: { v: '1' } });
    expect(() => space.range({ key: key('/registry/configmaps/etcd-c/timed') }, space.revision + 10)).toThrow(RevisionError);
  });
});
