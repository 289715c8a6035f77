import { contextFor, makeNode, makePod, nodeInfoOf } from '../../framework/testing';
import { NodeNamePlugin } from './node-name.plugin';

describe('NodeName', () => {
  const plugin = new NodeNamePlugin();
  it('admits only the named node when spec.nodeName is set', () => {
    const ctx = contextFor(makePod('p', { nodeName: 'a' }));
    expect(plugin.filter(ctx, nodeInfoOf(makeNode('a')))).toBeNull();
    expect(plugin.filter(ctx, nodeInfoOf(makeNode('b')))?.reasons).toEqual(["node(s) didn't match the requested node name"]);
    expect(plugin.filter(contextFor(makePod('q')), nodeInfoOf(makeNode('b')))).toBeNull();
  });
});
