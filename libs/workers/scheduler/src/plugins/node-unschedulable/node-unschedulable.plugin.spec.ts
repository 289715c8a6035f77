import { contextFor, makeNode, makePod, nodeInfoOf } from '../../framework/testing';
import { NodeUnschedulablePlugin } from './node-unschedulable.plugin';

describe('NodeUnschedulable', () => {
  const plugin = new NodeUnschedulablePlugin();
  const cordoned = nodeInfoOf(makeNode('n', { unschedulable: true }));

  it('rejects a cordoned node as unresolvable with upstream wording', () => {
    expect(plugin.filter(contextFor(makePod('p')), cordoned)).toEqual({ code: 'UnschedulableAndUnresolvable', reasons: ['node(s) were unschedulable'], plugin: 'NodeUnschedulable' });
  });

  it('admits a pod tolerating the unschedulable taint, and any pod on a schedulable node', () => {
    const tolerant = makePod('p', { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] });
    expect(plugin.filter(contextFor(tolerant), cordoned)).toBeNull();
    expect(plugin.filter(contextFor(makePod('p')), nodeInfoOf(makeNode('m')))).toBeNull();
  });
});
