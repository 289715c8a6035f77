import { ObjectIndex } from './object-index';
import { ALL_CLUSTERS, type ChangeEvent, type ObjectKey } from './store.types';

const key = (namespace: string, name: string, resource = 'pods', cluster = 'default'): ObjectKey => ({ cluster, resource, namespace, name });
const change = (type: ChangeEvent['type'], k: ObjectKey, v: string): ChangeEvent => ({ revision: 1, type, key: k, object: { metadata: { name: k.name, namespace: k.namespace, v } } });

describe('ObjectIndex', () => {
  it('applies changes and returns the object each one replaced or removed', () => {
    const index = new ObjectIndex();
    expect(index.apply(change('ADDED', key('a', 'x'), '1'))).toBeUndefined();
    expect(index.apply(change('MODIFIED', key('a', 'x'), '2'))?.metadata.v).toBe('1');
    expect(index.apply(change('DELETED', key('a', 'x'), '2'))?.metadata.v).toBe('2');
    expect(index.get(key('a', 'x'))).toBeUndefined();
  });

  it('counts each cluster\'s objects, of one resource or of all, as they come and go', () => {
    const index = new ObjectIndex();
    index.apply(change('ADDED', key('a', 'x'), '1'));
    index.apply(change('ADDED', key('a', 'y', 'services'), '1'));
    index.apply(change('MODIFIED', key('a', 'x'), '2'));
    index.apply(change('ADDED', key('a', 'x', 'pods', 'lab'), '1'));
    expect([index.count('default'), index.count('default', 'pods'), index.count('lab'), index.count('other')]).toEqual([2, 1, 1, 0]);
    index.apply(change('DELETED', key('a', 'x'), '2'));
    index.apply(change('DELETED', key('a', 'gone'), '2'));
    expect([index.count('default'), index.count('default', 'pods'), index.count('default', 'services')]).toEqual([1, 0, 1]);
  });

  it('lists a resource of every cluster cluster by cluster, each in namespace then name order, one namespace when asked', () => {
    const index = new ObjectIndex();
    for (const [ns, name, cluster] of [['b', 'a', 'lab'], ['a', 'b', 'default'], ['a', 'a', 'lab'], ['a', 'c', 'bobs']]) index.set(key(ns, name, 'pods', cluster), { metadata: { name } });
    index.set(key('a', 'other', 'services', 'lab'), { metadata: { name: 'other' } });
    const names = (namespace?: string) => [...index.entries({ cluster: ALL_CLUSTERS, resource: 'pods', namespace })].map((entry) => `${entry.key.cluster}/${entry.key.namespace}/${entry.key.name}`);
    expect(names()).toEqual(['bobs/a/c', 'default/a/b', 'lab/a/a', 'lab/b/a']);
    expect(names('b')).toEqual(['lab/b/a']);
  });

  it('lists one collection in namespace then name byte order', () => {
    const index = new ObjectIndex();
    for (const [ns, name] of [['b', 'a'], ['a', 'b'], ['a', 'B'], ['', 'node']]) index.set(key(ns, name), { metadata: { name } });
    index.set(key('a', 'other-resource', 'services'), { metadata: {} });
    index.set(key('a', 'other-cluster', 'pods', 'c2'), { metadata: {} });
    expect(index.list({ cluster: 'default', resource: 'pods' }).map((o) => o.metadata.name)).toEqual(['node', 'B', 'b', 'a']);
    expect(index.list({ cluster: 'default', resource: 'pods', namespace: 'a' }).map((o) => o.metadata.name)).toEqual(['B', 'b']);
    expect(index.list({ cluster: 'default', resource: 'nothing' })).toEqual([]);
  });

  it('pages a collection after a cursor, within a namespace after the name alone, and keeps its order through updates', () => {
    const index = new ObjectIndex();
    for (const [ns, name] of [['b', 'a'], ['a', 'c'], ['a', 'a'], ['', 'node'], ['c', 'z']]) index.set(key(ns, name), { metadata: { name } });
    const names = (collection: { namespace?: string }, after?: { namespace: string; name: string }) =>
      [...index.entries({ cluster: 'default', resource: 'pods', ...collection }, after)].map((e) => `${e.key.namespace}/${e.key.name}`);
    expect(names({}, { namespace: 'a', name: 'a' })).toEqual(['a/c', 'b/a', 'c/z']);
    expect(names({}, { namespace: 'a', name: 'b' })).toEqual(['a/c', 'b/a', 'c/z']);
    expect(names({ namespace: 'a' })).toEqual(['a/a', 'a/c']);
    expect(names({ namespace: 'a' }, { namespace: 'a', name: 'a' })).toEqual(['a/c']);
    expect(names({ namespace: 'x' })).toEqual([]);
    index.apply(change('MODIFIED', key('a', 'a'), '2'));
    index.apply(change('DELETED', key('b', 'a'), '2'));
    index.apply(change('ADDED', key('a', 'b'), '1'));
    expect(names({})).toEqual(['/node', 'a/a', 'a/b', 'a/c', 'c/z']);
    expect(index.get(key('a', 'a'))?.metadata.v).toBe('2');
  });
});
