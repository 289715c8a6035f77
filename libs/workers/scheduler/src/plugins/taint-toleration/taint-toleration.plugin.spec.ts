import { contextFor, makeNode, makePod, nodeInfoOf } from '../../framework/testing';
import { TaintTolerationPlugin } from './taint-toleration.plugin';

describe('TaintToleration', () => {
  const plugin = new TaintTolerationPlugin();
  const controlPlane = nodeInfoOf(makeNode('cp', { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }));

  it('rejects an untolerated NoSchedule taint naming key and value', () => {
    expect(plugin.filter(contextFor(makePod('p')), controlPlane)).toEqual({
      code: 'UnschedulableAndUnresolvable',
      reasons: ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'],
      plugin: 'TaintToleration',
    });
    const gpu = nodeInfoOf(makeNode('g', { taints: [{ key: 'gpu', value: 'true', effect: 'NoExecute' }] }));
    expect(plugin.filter(contextFor(makePod('p')), gpu)?.reasons).toEqual(['node(s) had untolerated taint {gpu: true}']);
  });

  it('admits tolerated taints and ignores PreferNoSchedule when filtering', () => {
    const pod = makePod('p', { tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] });
    expect(plugin.filter(contextFor(pod), controlPlane)).toBeNull();
    const soft = nodeInfoOf(makeNode('s', { taints: [{ key: 'x', effect: 'PreferNoSchedule' }] }));
    expect(plugin.filter(contextFor(makePod('p')), soft)).toBeNull();
  });

  it('scores nodes with fewer untolerated PreferNoSchedule taints higher (reverse-normalised)', () => {
    const ctx = contextFor(makePod('p'));
    const nodes = [nodeInfoOf(makeNode('clean')), nodeInfoOf(makeNode('one', { taints: [{ key: 'x', effect: 'PreferNoSchedule' }] })), nodeInfoOf(makeNode('two', { taints: [{ key: 'x', effect: 'PreferNoSchedule' }, { key: 'y', effect: 'PreferNoSchedule' }] }))];
    const scores = nodes.map((node) => plugin.score(ctx, node));
    plugin.normalize(ctx, scores);
    expect(scores).toEqual([100, 50, 0]);
  });
});
