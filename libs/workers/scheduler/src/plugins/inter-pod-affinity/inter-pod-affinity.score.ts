import { CycleContext, ScorePlugin, SKIP } from '../../framework/plugin.types';
import type { NodeInfo, PodInfo } from '../../framework/node-info';
import { MAX_NODE_SCORE, Pod, PodAffinityTerm, WeightedPodAffinityTerm } from '../../framework/types';
import { affinitySignature, NamespaceLabels, termMatches } from './affinity-term';

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
    const key = affinitySignature(ctx.pod, 'ipa-score');
    const scores: TopologyScores = new Map();
    for (const nodeInfo of nodes) {
      const contributions = nodeInfo.memo(key, () => this.nodeContributions(nodeInfo, ctx.pod, preferred));
      for (const { term, weight } of contributions) add(scores, term, weight, nodeInfo.labels);
    }
    if (scores.size === 0) return SKIP;
    ctx.state.set(SCORE_KEY, scores);
    return null;
  }

  /** The weighted terms this node's pods contribute to the incoming pod's score (pure in the node's pods). */
  private nodeContributions(nodeInfo: NodeInfo, incoming: Pod, preferred: { term: PodAffinityTerm; weight: number }[]): { term: PodAffinityTerm; weight: number }[] {
    const contributions: { term: PodAffinityTerm; weight: number }[] = [];
    for (const existing of nodeInfo.pods.values()) {
      if (preferred.length === 0 && !existing.hasAffinity) continue;
      for (const entry of preferred) if (termMatches(entry.term, incoming, existing.pod, this.namespaceLabels)) contributions.push(entry);
      if (existing.hasAffinity) this.addExistingPodTerms(contributions, existing, incoming);
    }
    return contributions;
  }

  private addExistingPodTerms(contributions: { term: PodAffinityTerm; weight: number }[], existing: PodInfo, incoming: Pod): void {
    const affinity = existing.pod.spec.affinity;
    for (const term of existing.requiredAffinityTerms) if (termMatches(term, existing.pod, incoming, this.namespaceLabels)) contributions.push({ term, weight: HARD_POD_AFFINITY_WEIGHT });
    const terms = [...weighted(affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution, 1), ...weighted(affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution, -1)];
    for (const entry of terms) if (termMatches(entry.term, existing.pod, incoming, this.namespaceLabels)) contributions.push(entry);
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
