import { CycleContext, ScorePlugin, SKIP } from '../../framework/plugin.types';
import type { NodeInfo, PodInfo } from '../../framework/node-info';
import { MAX_NODE_SCORE, Pod, PodAffinityTerm, WeightedPodAffinityTerm } from '../../framework/types';
import { NamespaceLabels, termMatches } from './affinity-term';

/** Upstream's default hardPodAffinityWeight: an existing pod's required affinity counts as a preference of 1. */
export const HARD_POD_AFFINITY_WEIGHT = 1;
const SCORE_KEY = 'PreScoreInterPodAffinity';

/** topologyKey → value → summed weight. */
type TopologyScores = Map<string, Map<string, number>>;

function add(scores: TopologyScores, term: PodAffinityTerm, weight: number, labels: Record<string, string>): void {
  const value = labels[term.topologyKey];
  if (value === undefined) return;
  let byValue = scores.get(term.topologyKey);
  if (!byValue) scores.set(term.topologyKey, (byValue = new Map()));
  byValue.set(value, (byValue.get(value) ?? 0) + weight);
}

/**
 * Preferred inter-pod affinity scoring: the incoming pod's preferred terms (+/− weight for every
 * matching existing pod's domain), and the existing pods' required (hard weight) and preferred terms
 * that select the incoming pod. Min-max normalised to 0..100.
 */
export class InterPodAffinityScoring implements ScorePlugin {
  readonly name = 'InterPodAffinity';
  readonly weight = 2;

  constructor(protected readonly namespaceLabels?: NamespaceLabels) {}

  preScore(ctx: CycleContext): typeof SKIP | null {
    const affinity = ctx.pod.spec.affinity;
    const preferred = [...weighted(affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution, 1), ...weighted(affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution, -1)];
    const nodes = preferred.length > 0 ? ctx.snapshot.nodeInfos() : ctx.snapshot.havePodsWithAffinity();
    const scores: TopologyScores = new Map();
    for (const nodeInfo of nodes) {
      const labels = nodeInfo.labels;
      for (const existing of nodeInfo.pods.values()) {
        if (preferred.length === 0 && !existing.hasAffinity) continue;
        for (const { term, weight } of preferred) if (termMatches(term, ctx.pod, existing.pod, this.namespaceLabels)) add(scores, term, weight, labels);
        this.addExistingPodTerms(scores, existing, ctx.pod, labels);
      }
    }
    if (scores.size === 0) return SKIP;
    ctx.state.set(SCORE_KEY, scores);
    return null;
  }

  private addExistingPodTerms(scores: TopologyScores, existing: PodInfo, incoming: Pod, labels: Record<string, string>): void {
    const affinity = existing.pod.spec.affinity;
    for (const term of existing.requiredAffinityTerms) if (termMatches(term, existing.pod, incoming, this.namespaceLabels)) add(scores, term, HARD_POD_AFFINITY_WEIGHT, labels);
    const terms = [...weighted(affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution, 1), ...weighted(affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution, -1)];
    for (const { term, weight } of terms) if (termMatches(term, existing.pod, incoming, this.namespaceLabels)) add(scores, term, weight, labels);
  }

  score(ctx: CycleContext, nodeInfo: NodeInfo): number {
    const scores = ctx.state.get(SCORE_KEY) as TopologyScores;
    let total = 0;
    for (const [key, byValue] of scores) {
      const value = nodeInfo.labels[key];
      if (value !== undefined) total += byValue.get(value) ?? 0;
    }
    return total;
  }

  normalize(_ctx: CycleContext, scores: number[]): void {
    if (scores.length === 0) return;
    const min = Math.min(...scores);
    const diff = Math.max(...scores) - min;
    for (let i = 0; i < scores.length; i++) scores[i] = diff > 0 ? Math.trunc((MAX_NODE_SCORE * (scores[i] - min)) / diff) : 0;
  }
}

function weighted(terms: WeightedPodAffinityTerm[] | undefined, sign: 1 | -1): { term: PodAffinityTerm; weight: number }[] {
  return (terms ?? []).filter((t) => t.weight !== 0).map((t) => ({ term: t.podAffinityTerm, weight: sign * t.weight }));
}
