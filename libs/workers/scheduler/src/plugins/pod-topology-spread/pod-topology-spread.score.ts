import { CycleContext, ScorePlugin, SKIP } from '../../framework/plugin.types';
import type { NodeInfo } from '../../framework/node-info';
import { MAX_NODE_SCORE } from '../../framework/types';
import { countMatchingPods, hasAllTopologyKeys, nodeCounts, SpreadConstraint, spreadConstraints } from './spread-constraint';

const HOSTNAME = 'kubernetes.io/hostname';
const STATE_KEY = 'PreScorePodTopologySpread';

interface PreScoreState {
  constraints: SpreadConstraint[];
  /** Per constraint: topology value (of a feasible node) → matching pods in that domain. */
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

  preScore(ctx: CycleContext, feasible: NodeInfo[]): typeof SKIP | null {
    const constraints = spreadConstraints(ctx.pod, 'ScheduleAnyway');
    if (constraints.length === 0) return SKIP;
    const counts = constraints.map(() => new Map<string, number>());
    const ignored = new Set<string>();
    for (const nodeInfo of feasible) {
      if (!hasAllTopologyKeys(constraints, nodeInfo.labels)) ignored.add(nodeInfo.name);
      else constraints.forEach((c, i) => counts[i].set(nodeInfo.labels[c.topologyKey], 0));
    }
    const weights = constraints.map((c, i) => Math.log((c.topologyKey === HOSTNAME ? feasible.length - ignored.size : counts[i].size) + 2));
    for (const nodeInfo of ctx.snapshot.nodeInfos()) {
      if (!hasAllTopologyKeys(constraints, nodeInfo.labels)) continue;
      constraints.forEach((constraint, i) => {
        const value = nodeInfo.labels[constraint.topologyKey];
        if (constraint.topologyKey === HOSTNAME || !counts[i].has(value) || !nodeCounts(constraint, ctx.pod, nodeInfo)) return;
        counts[i].set(value, counts[i].get(value)! + countMatchingPods(constraint, ctx.pod, nodeInfo));
      });
    }
    ctx.state.set(STATE_KEY, { constraints, counts, weights, ignored } satisfies PreScoreState);
    return null;
  }

  score(ctx: CycleContext, nodeInfo: NodeInfo): number {
    const state = ctx.state.get(STATE_KEY) as PreScoreState;
    if (state.ignored.has(nodeInfo.name)) return 0;
    let score = 0;
    state.constraints.forEach((constraint, i) => {
      const count = constraint.topologyKey === HOSTNAME ? countMatchingPods(constraint, ctx.pod, nodeInfo) : state.counts[i].get(nodeInfo.labels[constraint.topologyKey]) ?? 0;
      score += count * state.weights[i] + (constraint.maxSkew - 1);
    });
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
