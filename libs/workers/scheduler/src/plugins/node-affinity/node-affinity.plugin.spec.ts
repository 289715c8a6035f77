import { contextFor, makeNode, makePod, nodeInfoOf } from '../../framework/testing';
import { NodeAffinityPlugin } from './node-affinity.plugin';

describe('NodeAffinity', () => {
  const plugin = new NodeAffinityPlugin();
  const ssd = nodeInfoOf(makeNode('ssd', { labels: { disk: 'ssd', zone: 'a' } }));
  const hdd = nodeInfoOf(makeNode('hdd', { labels: { disk: 'hdd', zone: 'b' } }));

  it('honours nodeSelector with upstream wording', () => {
    const ctx = contextFor(makePod('p', { nodeSelector: { disk: 'ssd' } }));
    expect(plugin.preFilter(ctx)).toBeNull();
    expect(plugin.filter(ctx, ssd)).toBeNull();
    expect(plugin.filter(ctx, hdd)).toEqual({ code: 'UnschedulableAndUnresolvable', reasons: ["node(s) didn't match Pod's node affinity/selector"], plugin: 'NodeAffinity' });
  });

  it('honours required node affinity terms (ORed) and skips pods without any', () => {
    const pod = makePod('p', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['b', 'c'] }] }] } } } });
    expect(plugin.filter(contextFor(pod), ssd)).not.toBeNull();
    expect(plugin.filter(contextFor(pod), hdd)).toBeNull();
    expect(plugin.preFilter(contextFor(makePod('q')))).toBe('skip');
  });

  it('scores preferred terms by weight, normalised to 100', () => {
    const pod = makePod('p', { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 20, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } }, { weight: 5, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] } }] } } });
    const ctx = contextFor(pod);
    expect(plugin.preScore(ctx)).toBeNull();
    const scores = [ssd, hdd].map((node) => plugin.score(ctx, node));
    expect(scores).toEqual([20, 5]);
    plugin.normalize(ctx, scores);
    expect(scores).toEqual([100, 25]);
  });
});
