import { openTestStore, type TestStore } from '@drydock/testing';

// Real PostgreSQL: allow for a slow disk (the project's testTimeout is not applied by Jest 30).
jest.setTimeout(60_000);

const key = (cluster: string, name: string, resource = 'configmaps') => ({ cluster, resource, namespace: 'default', name });
const configMap = (name: string, value: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data: { value } });

describe('cluster snapshots in PostgreSQL (snapshotCluster, restoreCluster)', () => {
  let opened: TestStore;
  beforeAll(async () => {
    opened = await openTestStore();
  });
  afterAll(async () => opened?.close());

  it('copies one cluster at one revision and restores it as an etcd restore with bumped revisions: uids kept, every change a new revision', async () => {
    const { store } = opened;
    const kept = await store.create(key('lab', 'kept'), configMap('kept', 'before'));
    await store.create(key('lab', 'removed'), configMap('removed', 'x'));
    await store.create(key('other', 'elsewhere'), configMap('elsewhere', 'x'));
    const taken = await store.snapshotCluster('lab', 'snapshot-uid');
    expect(taken).toEqual({ revision: await store.currentRevision(), objects: 2 });

    await store.update(key('lab', 'kept'), { ...kept, data: { value: 'after' } });
    await store.delete(key('lab', 'removed'));
    await store.create(key('lab', 'added'), configMap('added', 'x'));
    const before = await store.currentRevision();
    const revision = await store.restoreCluster('lab', 'snapshot-uid');

    // Two objects removed (kept, added), two written (kept, removed): four changes, gap-free.
    expect(revision).toBe(before + 4);
    const changes = await store.changesSince(before, 100);
    expect(changes.map((change) => [change.revision, change.type, change.key.name])).toEqual([
      [before + 1, 'DELETED', 'added'],
      [before + 2, 'DELETED', 'kept'],
      [before + 3, 'ADDED', 'kept'],
      [before + 4, 'ADDED', 'removed'],
    ]);
    const restored = await store.get(key('lab', 'kept'));
    expect(restored?.data).toEqual({ value: 'before' });
    expect(restored?.metadata.uid).toBe(kept.metadata.uid);
    expect(restored?.metadata.resourceVersion).toBe(String(before + 3));
    expect(await store.get(key('lab', 'added'))).toBeNull();
    expect((await store.list({ cluster: 'other', resource: 'configmaps' })).items.map((o) => o.metadata.name)).toEqual(['elsewhere']);

    // Into another cluster (a clone), and the copy dropped with its snapshot.
    await store.restoreCluster('copy', 'snapshot-uid');
    expect((await store.list({ cluster: 'copy', resource: 'configmaps' })).items.map((o) => o.metadata.name)).toEqual(['kept', 'removed']);
    // A snapshot whose ClusterSnapshot object exists keeps its copy; one whose object is gone loses it.
    await store.snapshotCluster('lab', 'kept-uid');
    await store.create({ cluster: 'default', resource: 'clustersnapshots.drydock.dev', namespace: '', name: 'kept' }, { apiVersion: 'drydock.dev/v1', kind: 'ClusterSnapshot', metadata: { name: 'kept', uid: 'kept-uid' } });
    await store.dropOrphanSnapshots('clustersnapshots.drydock.dev');
    await store.restoreCluster('kept-copy', 'kept-uid');
    expect((await store.list({ cluster: 'kept-copy', resource: 'configmaps' })).items).toHaveLength(2);
    expect(await store.restoreCluster('empty', 'snapshot-uid')).toBe(await store.currentRevision());
    expect((await store.list({ cluster: 'empty', resource: 'configmaps' })).items).toEqual([]);
  });
});
