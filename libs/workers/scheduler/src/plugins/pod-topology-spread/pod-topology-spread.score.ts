import { CycleContext, ScorePlugin, SKIP } from '../../framework/plugin.types';
import type { NodeInfo } from '../../framework/node-info';
import { MAX_NODE_SCORE } from '../../framework/types';
import type { LabelSelector, Pod } from '../../framework/types';
import { countsFor } from './domain-counts';
import { countMatchingPods, hasAllTopologyKeys, SpreadConstraint, spreadConstraints, systemDefaultConstraints } from './spread-constraint';

const HOSTNAME = 'kubernetes.io/hostname';
const STATE_KEY = 'PreScorePodTopologySpread';

interface PreScoreState {
  constraints: SpreadConstraint[];
  /** Per constraint: topology value → matching pods in that domain, over every node that counts (empty for hostname). */
  counts: Map<string, number>[];
  /** Per constraint: log(number of domains + 2), upstream's topologyNormalizingWeight. */
  weights: number[];
  ignored: Set<string>;
}

/**
 * ScheduleAnyway constraints: fewer matching pods in the node's domain scores higher. Nodes missing a
 * topology key score 0. Scores are reversed min-max as upstream's NormalizeScore.
 */
export class PodTopologySpreadScoring implements ScorePlugin {
  readonly name = 'PodTopologySpread';
  readonly weight = 2;

  /** `defaultSelector` gives the pods a pod's Services and controller select (upstream's DefaultSelector), or null. */
  constructor(private readonly defaultSelector?: (pod: Pod) => LabelSelector | null) {}

  /**
   * Counts matching pods per domain of the feasible nodes. With the pod's own constraints, nodes
   * missing a topology key are ignored (score 0); with system defaults they only skip that constraint.
   */
  preScore(ctx: CycleContext, feasible: NodeInfo[]): typeof SKIP | null {
    const constraints = this.constraintsFor(ctx.pod);
    if (constraints.length === 0) return SKIP;
    const requireAll = Boolean(ctx.pod.spec.topologySpreadConstraints?.length);
    // Hostname domains are one node each: score() counts them on the node itself, so only the other
    // constraints are summed per domain (DomainCounts, kept across cycles); here only their domains
    // among the feasible nodes are collected, for the weights.
    const domainIndexes = constraints.flatMap((constraint, i) => (constraint.topologyKey === HOSTNAME ? [] : [i]));
    const domains = constraints.map(() => new Set<string>());
    const ignored = new Set<string>();
    for (const nodeInfo of feasible) {
      const labels = nodeInfo.labels;
      if (requireAll && !hasAllTopologyKeys(constraints, labels)) {
        ignored.add(nodeInfo.name);
        continue;
      }
      for (const i of domainIndexes) {
        const value = labels[constraints[i].topologyKey];
        if (value !== undefined) domains[i].add(value);
      }
    }
    const weights = constraints.map((c, i) => Math.log((c.topologyKey === HOSTNAME ? feasible.length - ignored.size : domains[i].size) + 2));
    const counts = constraints.map((constraint, i) =>
      domainIndexes.includes(i) ? countsFor(ctx.snapshot, constraint, requireAll ? constraints : null, ctx.pod).totals : new Map<string, number>(),
    );
    ctx.state.set(STATE_KEY, { constraints, counts, weights, ignored } satisfies PreScoreState);
    return null;
  }

  private constraintsFor(pod: Pod): SpreadConstraint[] {
    if (pod.spec.topologySpreadConstraints?.length || !this.defaultSelector) return spreadConstraints(pod, 'ScheduleAnyway');
    const selector = this.defaultSelector(pod);
    return selector ? spreadConstraints(pod, 'ScheduleAnyway', systemDefaultConstraints(selector)) : [];
  }

  score(ctx: CycleContext, nodeInfo: NodeInfo): number {
    const state = ctx.state.get(STATE_KEY) as PreScoreState;
    if (state.ignored.has(nodeInfo.name)) return 0;
    const labels = nodeInfo.labels;
    let score = 0;
    for (let i = 0; i < state.constraints.length; i++) {
      const constraint = state.constraints[i];
      const value = labels[constraint.topologyKey];
      if (value === undefined) continue;
      const count = constraint.topologyKey === HOSTNAME ? countMatchingPods(constraint, ctx.pod, nodeInfo) : state.counts[i].get(value) ?? 0;
      score += count * state.weights[i] + (constraint.maxSkew - 1);
    }
    return Math.round(score);
  }

  normalize(ctx: CycleContext, scores: number[], feasible: NodeInfo[]): void {
    const state = ctx.state.get(STATE_KEY) as PreScoreState;
    let min = Number.MAX_SAFE_INTEGER;
    let max = 0;
    feasible.forEach((node, i) => {
      if (state.ignored.has(node.name)) return;
      min = Math.min(min, scores[i]);
      max = Math.max(max, scores[i]);
    });
    feasible.forEach((node, i) => {
      if (state.ignored.has(node.name)) scores[i] = 0;
      else if (max === 0) scores[i] = MAX_NODE_SCORE;
      else scores[i] = Math.trunc((MAX_NODE_SCORE * (max + min - scores[i])) / max);
    });
  }
}
