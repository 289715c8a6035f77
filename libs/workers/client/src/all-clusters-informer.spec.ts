import { LOGICAL_CLUSTER_ANNOTATION, type KubeObject } from '@drydock/util';
import type { KubeClient } from './client.types';
import { AllClustersInformer } from './all-clusters-informer';
import { FakeKubeClient } from './fake-kube-client';
import { resources } from './resources';
import type { Informer } from './shared-informer';

/** A pod as the server's store of every cluster holds it: its cluster in the annotation the wildcard answers carry. */
const pod = (cluster: string, name: string): KubeObject => ({ metadata: { name, namespace: 'default', annotations: { [LOGICAL_CLUSTER_ANNOTATION]: cluster } }, spec: {} });

/** One cluster's client over the same fake: its list is that cluster's objects alone, untagged (as `/clusters/<name>` answers). */
function clusterClient(all: FakeKubeClient, cluster: string, calls: string[]): KubeClient {
  return {
    list: async (ref: Parameters<KubeClient['list']>[0], options: Parameters<KubeClient['list']>[1]) => {
      calls.push(`list ${cluster}`);
      const page = await all.list(ref, options);
      const items = page.items.filter((item) => item.metadata.annotations?.[LOGICAL_CLUSTER_ANNOTATION] === cluster);
      for (const item of items) delete item.metadata.annotations;
      return { ...page, items: items as never };
    },
  } as unknown as KubeClient;
}

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
  let lists: string[];

  beforeEach(async () => {
    all = new FakeKubeClient();
    lists = [];
    for (const [cluster, name] of [['default', 'a'], ['lab', 'b'], ['lab', 'c']]) await all.create(resources.pods, 'default', pod(cluster, name));
    informer = new AllClustersInformer(all, (cluster) => clusterClient(all, cluster, lists), resources.pods, { log: () => undefined });
  });

  afterEach(() => informer.stop());

  it("gives each cluster a view of its own objects, synced by that cluster's list, over one watch for all", async () => {
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
    expect(lists.sort()).toEqual(['list default', 'list lab']);
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
});
