import type { ResourceRef } from '@drydock/client';
import { StatusError, type KubeObject } from '@drydock/util';
import type { GraphqlContext } from '../graphql-context';
import { ObjectLoader } from './object-loader';

const nodes: ResourceRef = { group: '', version: 'v1', resource: 'nodes', kind: 'Node', namespaced: false };
const secrets: ResourceRef = { group: '', version: 'v1', resource: 'secrets', kind: 'Secret', namespaced: true };
const named = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Node', metadata: { name } });

/** A context whose REST reads are counted: `listable` says whether the caller may list, `gettable` which names it may get. */
function contextWith(objects: string[], listable: boolean, gettable: (name: string) => boolean = () => true) {
  const calls = { lists: 0, gets: 0 };
  const forbidden = (name: string) => StatusError.forbidden({ group: '', resource: 'nodes' }, name, 'RBAC');
  const context = {
    loader: {
      list: async () => {
        calls.lists++;
        if (!listable) throw forbidden('');
        return objects.map(named);
      },
    },
    kube: {
      get: async (_ref: ResourceRef, _namespace: string | undefined, name: string) => {
        calls.gets++;
        if (!gettable(name)) throw forbidden(name);
        return objects.includes(name) ? named(name) : null; // as CallerKube.get answers a 404
      },
    },
  } as unknown as GraphqlContext;
  return { context, calls };
}

const names = Array.from({ length: 20 }, (_, i) => `node-${i}`);

describe('the relations object loader', () => {
  it("reads many names of one kind in a tick with the request's one list, when the caller may list them", async () => {
    const { context, calls } = contextWith(names.slice(0, 19), true);
    const loader = new ObjectLoader(context);
    const found = await Promise.all(names.map((name) => loader.get(nodes, undefined, name)));
    expect(found.map((object) => object?.metadata.name ?? null)).toEqual([...names.slice(0, 19), null]);
    expect(calls).toEqual({ lists: 1, gets: 0 });
  });

  it('gets each object when the list is Forbidden, so each answers for itself', async () => {
    const { context, calls } = contextWith(names, false, (name) => name !== 'node-3');
    const loader = new ObjectLoader(context);
    const found = await Promise.allSettled(names.map((name) => loader.get(secrets, 'blue', name)));
    expect(calls).toEqual({ lists: 1, gets: 20 });
    expect(found.filter((result) => result.status === 'rejected').map((result) => String((result as PromiseRejectedResult).reason.message))).toEqual(['nodes "node-3" is forbidden: RBAC']);
  });

  it('gets a few names without listing', async () => {
    const { context, calls } = contextWith(names, true);
    const loader = new ObjectLoader(context);
    await Promise.all(names.slice(0, 3).map((name) => loader.get(nodes, undefined, name)));
    expect(calls).toEqual({ lists: 0, gets: 3 });
  });
});
