import { resources } from '@drydock/client';
import type { KubeObject } from '@drydock/util';
import type { CallerKube } from '../kube/caller-kube';
import { ClusterLoader } from './cluster.loader';

const pod = (name: string, namespace: string, nodeName: string, owner?: string): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, uid: `${namespace}/${name}`, ownerReferences: owner ? [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: owner, uid: `rs-${owner}`, controller: true }] : undefined }, spec: { nodeName } });

function fakeKube(objects: Record<string, KubeObject[]>) {
  const calls: string[] = [];
  const kube = {
    list: async (ref: { resource: string }, query: { namespace?: string; fieldSelector?: string } = {}) => {
      calls.push(`${ref.resource}|${query.namespace ?? ''}${query.fieldSelector ? `|${query.fieldSelector}` : ''}`);
      const onNode = query.fieldSelector?.replace('spec.nodeName=', '');
      return { items: (objects[ref.resource] ?? []).filter((o) => (!query.namespace || o.metadata.namespace === query.namespace) && (!onNode || (o.spec as { nodeName?: string }).nodeName === onNode)), resourceVersion: '1' };
    },
  } as unknown as CallerKube;
  return { kube, calls };
}

describe('the per-request cluster loader', () => {
  const pods = [pod('a', 'x', 'n1', 'web'), pod('b', 'y', 'n2', 'web'), pod('c', 'x', 'n1')];

  it('serves every node\'s pods from one pod list', async () => {
    const { kube, calls } = fakeKube({ pods });
    const loader = new ClusterLoader(kube);
    const [n1, n2] = await Promise.all([loader.podsByNode().then((m) => m.get('n1')), loader.podsByNode().then((m) => m.get('n2'))]);
    expect(n1?.map((p) => p.metadata.name)).toEqual(['a', 'c']);
    expect(n2?.map((p) => p.metadata.name)).toEqual(['b']);
    expect(calls).toEqual(['pods|']);
  });

  it("asks for one node's pods with a field selector, unless the query is cluster-wide", async () => {
    const single = fakeKube({ pods });
    const one = new ClusterLoader(single.kube);
    expect((await one.podsOnNode('n1')).map((p) => p.metadata.name)).toEqual(['a', 'c']);
    await one.podsOnNode('n1');
    expect(single.calls).toEqual(['pods||spec.nodeName=n1']);
    const wide = fakeKube({ pods });
    const all = new ClusterLoader(wide.kube);
    all.widen();
    await Promise.all([all.podsOnNode('n1'), all.podsOnNode('n2')]);
    expect(wide.calls).toEqual(['pods|']);
  });

  it('cuts per-namespace lists from the all-namespaces list once a query is cluster-wide', async () => {
    const { kube, calls } = fakeKube({ pods });
    const loader = new ClusterLoader(kube);
    loader.widen();
    const [x, y] = await Promise.all([loader.list(resources.pods, 'x'), loader.list(resources.pods, 'y')]);
    expect(x.map((p) => p.metadata.name)).toEqual(['a', 'c']);
    expect(y.map((p) => p.metadata.name)).toEqual(['b']);
    expect(calls).toEqual(['pods|']);
  });

  it('batches one tick\'s lists: a namespace asked for beside all namespaces costs nothing more', async () => {
    const { kube, calls } = fakeKube({ pods });
    const loader = new ClusterLoader(kube);
    const [all, x] = await Promise.all([loader.list(resources.pods), loader.list(resources.pods, 'x')]);
    expect(all).toHaveLength(3);
    expect(x).toHaveLength(2);
    expect(calls).toEqual(['pods|']);
  });

  it('finds objects owned by a controller with one list per namespace', async () => {
    const { kube, calls } = fakeKube({ pods });
    const loader = new ClusterLoader(kube);
    expect((await loader.ownedBy(resources.pods, 'x', 'rs-web')).map((p) => p.metadata.name)).toEqual(['a']);
    expect(await loader.ownedBy(resources.pods, 'x', 'rs-other')).toEqual([]);
    expect(calls).toEqual(['pods|x']);
  });

  it('lets a subscription\'s loader forget its lists after maxAgeMs', async () => {
    const { kube, calls } = fakeKube({ pods });
    const now = jest.spyOn(Date, 'now').mockReturnValue(1_000);
    try {
      const loader = new ClusterLoader(kube, 1_000);
      await loader.list(resources.pods);
      now.mockReturnValue(1_500);
      await loader.list(resources.pods);
      now.mockReturnValue(2_600);
      await loader.list(resources.pods);
      expect(calls).toEqual(['pods|', 'pods|']);
    } finally {
      now.mockRestore();
    }
  });
});
