import { LOGICAL_CLUSTER_ANNOTATION, type KubeObject } from '@drydock/util';
import { AllClustersInformer } from './all-clusters-informer';
import { FakeKubeClient } from './fake-kube-client';
import { resources } from './resources';
import type { Informer } from './shared-informer';

/** A pod as the server's store of every cluster holds it: its cluster in the annotation the wildcard answers carry. */
const pod = (cluster: string, name: string): KubeObject => ({ metadata: { name, namespace: 'default', annotations: { [LOGICAL_CLUSTER_ANNOTATION]: cluster } }, spec: {} });

async function eventually(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 3000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function recorded(view: Informer): string[] {
  const seen: string[] = [];
  view.addEventHandler({ onAdd: (o) => seen.push(`add ${o.metadata.name}`), onUpdate: (_old, o) => seen.push(`update ${o.metadata.name}`), onDelete: (o) => seen.push(`delete ${o.metadata.name}`) });
  return seen;
}

describe('AllClustersInformer', () => {
  let all: FakeKubeClient;
  let informer: AllClustersInformer;

  beforeEach(async () => {
    all = new FakeKubeClient();
    for (const [cluster, name] of [['default', 'a'], ['lab', 'b'], ['lab', 'c']]) await all.create(resources.pods, 'default', pod(cluster, name));
    informer = new AllClustersInformer(all, resources.pods, { log: () => undefined });
  });

  afterEach(() => informer.stop());

  it('gives each cluster a view of its own objects over one list and one watch for all', async () => {
    const lab = informer.viewOf('lab');
    const main = informer.viewOf('default');
    const [labSeen, mainSeen] = [recorded(lab), recorded(main)];
    lab.start();
    main.start();
    await eventually(() => lab.hasSynced() && main.hasSynced(), 'both views synced');
    expect(lab.list().map((o) => o.metadata.name).sort()).toEqual(['b', 'c']);
    expect(main.get('default', 'a')).toMatchObject({ kind: 'Pod', apiVersion: 'v1', metadata: { name: 'a' } });
    expect(main.get('default', 'a')?.metadata.annotations).toBeUndefined();
    expect(labSeen.sort()).toEqual(['add b', 'add c']);
    expect(mainSeen).toEqual(['add a']);
    // No request of a cluster's own: a view is synced by the list of every cluster.
    expect(all.calls.filter((call) => !call.startsWith('create'))).toEqual(['list pods', 'watch pods 4']);
    expect(all.openWatches()).toBe(1);

    // Events go to their cluster's view only, untagged.
    await all.create(resources.pods, 'default', pod('lab', 'd'));
    await all.delete(resources.pods, 'default', 'a');
    await eventually(() => labSeen.length === 3 && mainSeen.length === 2, 'the events');
    expect(labSeen[2]).toBe('add d');
    expect(mainSeen[1]).toBe('delete a');
    expect(lab.get('default', 'd')?.metadata.annotations).toBeUndefined();
  });

  it('a view started later hears every object of its cluster first, then changes; a stopped one hears nothing more', async () => {
    const main = informer.viewOf('default');
    main.start();
    await eventually(() => main.hasSynced(), 'default synced');
    const lab = informer.viewOf('lab');
    const labSeen = recorded(lab);
    expect(labSeen).toEqual([]);
    lab.start();
    await eventually(() => lab.hasSynced(), 'lab synced');
    expect(labSeen.sort()).toEqual(['add b', 'add c']);
    await lab.stop();
    await all.create(resources.pods, 'default', pod('lab', 'e'));
    await all.create(resources.pods, 'default', pod('default', 'f'));
    await eventually(() => main.get('default', 'f') !== undefined, 'f in default');
    expect(labSeen).toHaveLength(2);
    expect(all.openWatches()).toBe(1);
  });

  it('a relist of every cluster (410) brings each view to its cluster\'s objects, reporting what changed', async () => {
    const lab = informer.viewOf('lab');
    const labSeen = recorded(lab);
    lab.start();
    await eventually(() => lab.hasSynced(), 'lab synced');
    // Changes whose events are lost: the watch cannot resume past them (410) and relists.
    all.silently(resources.pods, 'default', 'c', undefined);
    all.silently(resources.pods, 'default', 'b', { ...pod('lab', 'b'), spec: { changed: true } });
    all.compact();
    await eventually(() => labSeen.includes('delete c') && labSeen.includes('update b'), 'the relist');
    expect(lab.get('default', 'b')?.spec).toEqual({ changed: true });
    expect(lab.list().map((o) => o.metadata.name)).toEqual(['b']);
  });

  it('a view of a cluster that had no objects when the informer listed is synced at once and hears them as they come', async () => {
    const main = informer.viewOf('default');
    main.start();
    await eventually(() => main.hasSynced(), 'default synced');
    const fresh = informer.viewOf('fresh');
    const seen = recorded(fresh);
    fresh.start();
    await eventually(() => fresh.hasSynced(), 'fresh synced');
    expect(fresh.list()).toEqual([]);
    await all.create(resources.pods, 'default', pod('fresh', 'x'));
    await all.update(resources.pods, { ...pod('fresh', 'x'), spec: { changed: true } });
    await eventually(() => seen.length === 2, 'the add and the update');
    expect(seen).toEqual(['add x', 'update x']);
    expect(fresh.get('default', 'x')?.spec).toEqual({ changed: true });
    expect(main.list().map((o) => o.metadata.name)).toEqual(['a']);
    expect(all.calls.filter((call) => call.startsWith('list'))).toEqual(['list pods']);
  });

  it('views of a stopped informer never sync, and hear nothing', async () => {
    const lab = informer.viewOf('lab');
    const seen = recorded(lab);
    all.failNext.set('list', new Error('down'));
    lab.start();
    await informer.stop();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(lab.hasSynced()).toBe(false);
    expect(seen).toEqual([]);
  });
});
