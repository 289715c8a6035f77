import { ApiError } from '@drydock/client';
import type { KubeObject } from '@drydock/util';
import type { CallerKube } from '../kube/caller-kube';
import type { KubeRequest } from '../kube/kube-api.client';
import { ClusterLoader } from '../loaders/cluster.loader';
import { AccessReviewer } from './access-reviewer';

const namespace = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
const forbidden = () => new ApiError(403, 'Forbidden', 'forbidden', { kind: 'Status', code: 403, reason: 'Forbidden' });

/** A caller bound to `verb resource` in the namespaces of `grants` (`list pods` in blue: 'list|pods|blue'). */
function fakeKube(grants: string[], objects: Record<string, KubeObject[]> = {}) {
  const reviews: string[] = [];
  const lists: string[] = [];
  const allowed = (verb: string, resource: string, ns = '') => grants.includes(`${verb}|${resource}|${ns}`);
  const kube = {
    raw: async (request: KubeRequest) => {
      const attributes = (request.body as { spec: { resourceAttributes: { verb: string; resource: string; namespace?: string } } }).spec.resourceAttributes;
      reviews.push(`${attributes.verb}|${attributes.resource}|${attributes.namespace ?? ''}`);
      return { status: { allowed: allowed(attributes.verb, attributes.resource, attributes.namespace) } };
    },
    list: async (ref: { resource: string }, query: { namespace?: string } = {}) => {
      lists.push(`${ref.resource}|${query.namespace ?? ''}`);
      if (!allowed('list', ref.resource, query.namespace)) throw forbidden();
      return { items: (objects[ref.resource] ?? []).filter((o) => !query.namespace || o.metadata.namespace === query.namespace), resourceVersion: '1' };
    },
  } as unknown as CallerKube;
  return { kube, reviews, lists };
}

const user = { name: 'alice', groups: ['system:authenticated'] };

describe('AccessReviewer', () => {
  it('asks each distinct question once per operation and words a denial as the verb and resource RBAC refuses', async () => {
    const { kube, reviews } = fakeKube(['get|pods|blue']);
    const access = new AccessReviewer(kube, user);
    const answers = await Promise.all([
      access.can({ verb: 'get', resource: 'pods', namespace: 'blue' }),
      access.can({ verb: 'delete', resource: 'pods', namespace: 'blue' }),
      access.can({ verb: 'get', resource: 'pods', namespace: 'blue' }),
    ]);
    expect(answers).toEqual([{ allowed: true }, { allowed: false, reason: 'you cannot delete pods in blue (RBAC)' }, { allowed: true }]);
    await access.can({ verb: 'delete', resource: 'pods', namespace: 'blue' });
    expect(reviews).toEqual(['get|pods|blue', 'delete|pods|blue']);
  });

  it('gives a caller who may list namespaces every namespace, and others only what the directory grants them', async () => {
    const admin = fakeKube(['list|namespaces|'], { namespaces: [namespace('blue'), namespace('green')] });
    expect((await new AccessReviewer(admin.kube, user, () => [namespace('blue')]).reachableNamespaces()).map((n) => n.metadata.name)).toEqual(['blue', 'green']);
    const member = fakeKube(['list|pods|blue']);
    expect((await new AccessReviewer(member.kube, user, () => [namespace('blue')]).reachableNamespaces()).map((n) => n.metadata.name)).toEqual(['blue']);
    expect(member.lists).toEqual([]);
    expect(await new AccessReviewer(member.kube, user).reachableNamespaces()).toEqual([]);
  });
});

describe('the loader for a caller bound to some namespaces', () => {
  const pod = (name: string, ns: string): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns } });
  const objects = { pods: [pod('a', 'blue'), pod('b', 'green'), pod('c', 'red')] };

  it('answers an all-namespaces list RBAC refuses with the lists of the namespaces the caller can reach, merged', async () => {
    const { kube, lists } = fakeKube(['list|pods|blue', 'list|pods|red'], objects);
    const loader = new ClusterLoader(kube, Infinity, async () => ['blue', 'red']);
    expect((await loader.list({ group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespaced: true })).map((p) => p.metadata.name)).toEqual(['a', 'c']);
    expect(lists).toEqual(['pods|', 'pods|blue', 'pods|red']);
  });

  it('stays Forbidden when the caller can reach no namespace, and never widens a cluster-scoped list', async () => {
    const { kube } = fakeKube([], objects);
    const loader = new ClusterLoader(kube, Infinity, async () => []);
    await expect(loader.list({ group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespaced: true })).rejects.toMatchObject({ code: 403 });
    await expect(new ClusterLoader(kube, Infinity, async () => ['blue']).list({ group: '', version: 'v1', resource: 'nodes', kind: 'Node', namespaced: false })).rejects.toMatchObject({ code: 403 });
  });
});
