import { contextFor, makeNode, makePod, nodeInfoOf } from '../../framework/testing';
import { balancedResourceScore, NodeResourcesBalancedAllocationPlugin } from './node-resources-balanced-allocation.plugin';

describe('NodeResourcesBalancedAllocation', () => {
  it('is 100 when cpu and memory are used in equal shares, less as they diverge', () => {
    expect(balancedResourceScore([2, 8], [4, 16])).toBe(100);
    expect(balancedResourceScore([4, 0], [4, 16])).toBe(50);
  });

  it('prefers the node the pod balances', () => {
    const plugin = new NodeResourcesBalancedAllocationPlugin();
    const cpuHeavy = nodeInfoOf(makeNode('c', { cpu: '4', memory: '16Gi' }), [makePod('a', { cpu: '2' })]);
    const memoryHeavy = nodeInfoOf(makeNode('m', { cpu: '4', memory: '16Gi' }), [makePod('b', { memory: '8Gi' })]);
    const ctx = contextFor(makePod('p', { memory: '8Gi' }));
    expect(plugin.score(ctx, cpuHeavy)).toBeGreaterThan(plugin.score(ctx, memoryHeavy));
  });
});
