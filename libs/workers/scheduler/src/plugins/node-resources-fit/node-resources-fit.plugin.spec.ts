import { contextFor, makeNode, makePod, nodeInfoOf } from '../../framework/testing';
import { leastRequestedScore, NodeResourcesFitPlugin } from './node-resources-fit.plugin';

describe('NodeResourcesFit', () => {
  const plugin = new NodeResourcesFitPlugin();

  it('admits a pod whose requests fit what is left', () => {
    const node = nodeInfoOf(makeNode('n', { cpu: '2' }), [makePod('a', { cpu: '1' })]);
    expect(plugin.filter(contextFor(makePod('p', { cpu: '1' })), node)).toBeNull();
  });

  it('reports every insufficient resource; full but big enough is resolvable', () => {
    const node = nodeInfoOf(makeNode('n', { cpu: '2', memory: '2Gi' }), [makePod('a', { cpu: '1500m', memory: '1Gi' })]);
    expect(plugin.filter(contextFor(makePod('p', { cpu: '1', memory: '2Gi' })), node)).toEqual({ code: 'Unschedulable', reasons: ['Insufficient cpu', 'Insufficient memory'], plugin: 'NodeResourcesFit' });
  });

  it('marks a request larger than the whole node as unresolvable', () => {
    const node = nodeInfoOf(makeNode('n', { cpu: '4' }));
    expect(plugin.filter(contextFor(makePod('p', { cpu: '64' })), node)?.code).toBe('UnschedulableAndUnresolvable');
  });

  it('counts pods against allocatable pods', () => {
    const node = nodeInfoOf(makeNode('n', { pods: 1 }), [makePod('a')]);
    expect(plugin.filter(contextFor(makePod('p')), node)?.reasons).toEqual(['Too many pods']);
  });

  it('scores the emptier node higher (LeastAllocated on non-zero requests)', () => {
    const empty = nodeInfoOf(makeNode('e', { cpu: '4', memory: '16Gi' }));
    const busy = nodeInfoOf(makeNode('b', { cpu: '4', memory: '16Gi' }), [makePod('a', { cpu: '2', memory: '8Gi' })]);
    const ctx = contextFor(makePod('p', { cpu: '1', memory: '4Gi' }));
    expect(plugin.score(ctx, empty)).toBe(75);
    expect(plugin.score(ctx, busy)).toBe(25);
    expect(leastRequestedScore(5, 4)).toBe(0);
  });
});
