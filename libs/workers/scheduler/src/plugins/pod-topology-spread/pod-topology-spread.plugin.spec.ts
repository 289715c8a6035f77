import { snapshotOf } from '../../framework/snapshot';
import { contextFor, makeNode, makePod, nodeInfoOf } from '../../framework/testing';
import type { Pod, TopologySpreadConstraint } from '../../framework/types';
import { ERR_REASON_CONSTRAINTS_NOT_MATCH, ERR_REASON_NODE_LABEL_NOT_MATCH, PodTopologySpreadPlugin } from './pod-topology-spread.plugin';

const web = (name: string) => makePod(name, {}, { app: 'web' });
const constraint = (whenUnsatisfiable: TopologySpreadConstraint['whenUnsatisfiable'], maxSkew = 1): TopologySpreadConstraint => ({ maxSkew, topologyKey: 'zone', whenUnsatisfiable, labelSelector: { matchLabels: { app: 'web' } } });

function nodes() {
  const a = nodeInfoOf(makeNode('a', { labels: { zone: 'z1' } }), [web('w1'), web('w2')]);
  const b = nodeInfoOf(makeNode('b', { labels: { zone: 'z2' } }), [web('w3')]);
  const unlabeled = nodeInfoOf(makeNode('u'));
  return { a, b, unlabeled, snapshot: snapshotOf([a, b, unlabeled]) };
}

function podWith(c: TopologySpreadConstraint): Pod {
  return makePod('p', { topologySpreadConstraints: [c] }, { app: 'web' });
}

describe('PodTopologySpread filter', () => {
  it('rejects a domain where placing the pod would exceed maxSkew', () => {
    const cluster = nodes();
    const plugin = new PodTopologySpreadPlugin();
    const ctx = contextFor(podWith(constraint('DoNotSchedule')), cluster.snapshot);
    expect(plugin.preFilter(ctx)).toBeNull();
    expect(plugin.filter(ctx, cluster.a)).toEqual({ code: 'Unschedulable', reasons: [ERR_REASON_CONSTRAINTS_NOT_MATCH], plugin: 'PodTopologySpread' });
    expect(plugin.filter(ctx, cluster.b)).toBeNull();
    expect(plugin.filter(ctx, cluster.unlabeled)?.reasons).toEqual([ERR_REASON_NODE_LABEL_NOT_MATCH]);
  });

  it('allows the skew when maxSkew is larger, and skips pods without hard constraints', () => {
    const cluster = nodes();
    const plugin = new PodTopologySpreadPlugin();
    const ctx = contextFor(podWith(constraint('DoNotSchedule', 2)), cluster.snapshot);
    plugin.preFilter(ctx);
    expect(plugin.filter(ctx, cluster.a)).toBeNull();
    expect(plugin.preFilter(contextFor(podWith(constraint('ScheduleAnyway')), cluster.snapshot))).toBe('skip');
  });
});

describe('PodTopologySpread score', () => {
  it('scores the emptier domain higher and unlabeled nodes 0', () => {
    const cluster = nodes();
    const plugin = new PodTopologySpreadPlugin();
    const ctx = contextFor(podWith(constraint('ScheduleAnyway')), cluster.snapshot);
    const feasible = [cluster.a, cluster.b, cluster.unlabeled];
    expect(plugin.preScore(ctx, feasible)).toBeNull();
    const scores = feasible.map((node) => plugin.score(ctx, node));
    plugin.normalize(ctx, scores, feasible);
    expect(scores[1]).toBe(100);
    expect(scores[0]).toBeLessThan(scores[1]);
    expect(scores[2]).toBe(0);
  });
});

describe('PodTopologySpread system defaults', () => {
  it('spreads pods without constraints by the selector of their owners, softly', () => {
    const cluster = nodes();
    const plugin = new PodTopologySpreadPlugin(() => ({ matchLabels: { app: 'web' } }));
    const ctx = contextFor(web('new'), cluster.snapshot);
    const feasible = [cluster.a, cluster.b];
    expect(plugin.preFilter(ctx)).toBe('skip');
    expect(plugin.preScore(ctx, feasible)).toBeNull();
    const scores = feasible.map((node) => plugin.score(ctx, node));
    plugin.normalize(ctx, scores, feasible);
    expect(scores[1]).toBeGreaterThan(scores[0]);
  });

  it('has no defaults without an owner selector', () => {
    const plugin = new PodTopologySpreadPlugin(() => null);
    expect(plugin.preScore(contextFor(web('new'), nodes().snapshot), [])).toBe('skip');
  });
});
