import type { KubeObject } from '@drydock/util';
import { listAtRevision } from './list-at-revision';
import { ObjectIndex } from './object-index';
import type { ChangeEvent, ObjectKey } from './store.types';

const key = (namespace: string, name: string, resource = 'pods'): ObjectKey => ({ cluster: 'default', resource, namespace, name });
const object = (k: ObjectKey, rv: number): KubeObject => ({ metadata: { name: k.name, namespace: k.namespace, resourceVersion: String(rv) } });
const pods = { cluster: 'default', resource: 'pods' };

/** An index at revision 3 holding a/x, a/y and b/z, and the events that move it on, with their `previous` as the hub sets it. */
function history(): { index: ObjectIndex; events: ChangeEvent[] } {
  const index = new ObjectIndex();
  [key('a', 'x'), key('a', 'y'), key('b', 'z')].forEach((k, i) => index.set(k, object(k, i + 1)));
  const events: ChangeEvent[] = [];
  const push = (type: ChangeEvent['type'], k: ObjectKey) => {
    const event: ChangeEvent = { revision: 4 + events.length, type, key: k, object: object(k, 4 + events.length) };
    const previous = index.apply(event);
    if (type !== 'ADDED') event.previous = previous;
    events.push(event);
  };
  push('MODIFIED', key('a', 'x'));
  push('DELETED', key('a', 'y'));
  push('ADDED', key('a', 'w'));
  push('MODIFIED', key('a', 'x'));
  push('ADDED', key('c', 'q', 'services'));
  return { index, events };
}

const names = (items: Iterable<KubeObject> | undefined) => [...(items ?? [])].map((o) => `${o.metadata.namespace}/${o.metadata.name}@${o.metadata.resourceVersion}`);

describe('listAtRevision', () => {
  it('undoes the newer events: modified objects as they were, deleted ones back, created ones gone, in key order', () => {
    const { index, events } = history();
    expect(names(listAtRevision(index.entries(pods), events, pods))).toEqual(['a/x@1', 'a/y@2', 'b/z@3']);
    expect(names(listAtRevision(index.entries(pods), events.slice(2), pods))).toEqual(['a/x@4', 'b/z@3']);
  });

  it('starts after a cursor, also with restored objects, and keeps to a namespace', () => {
    const { index, events } = history();
    const after = { namespace: 'a', name: 'x' };
    expect(names(listAtRevision(index.entries(pods, after), events, pods, after))).toEqual(['a/y@2', 'b/z@3']);
    const inA = { ...pods, namespace: 'a' };
    expect(names(listAtRevision(index.entries(inA, { namespace: 'a', name: 'w' }), events, inA, { namespace: 'a', name: 'w' }))).toEqual(['a/x@1', 'a/y@2']);
  });

  it('cannot answer when an event lacks the object it replaced', () => {
    const { index, events } = history();
    delete events[1].previous;
    expect(listAtRevision(index.entries(pods), events, pods)).toBeUndefined();
  });
});
