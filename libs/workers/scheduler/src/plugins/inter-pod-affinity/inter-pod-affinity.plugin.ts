import { CycleContext, FilterPlugin, SKIP } from '../../framework/plugin.types';
import type { NodeInfo } from '../../framework/node-info';
import type { Pod, PodAffinityTerm, Rejection } from '../../framework/types';
import { affinitySignature, increment, NamespaceLabels, termMatches, TopologyCounts, topologyPair } from './affinity-term';
import { InterPodAffinityScoring } from './inter-pod-affinity.score';

export const ERR_REASON_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";
export const ERR_REASON_AFFINITY = "node(s) didn't match pod affinity rules";
export const ERR_REASON_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";

const STATE_KEY = 'PreFilterInterPodAffinity';

interface PreFilterState {
  existingAntiAffinityCounts: TopologyCounts;
  affinityCounts: TopologyCounts;
  antiAffinityCounts: TopologyCounts;
}

/**
 * Required pod affinity and anti-affinity, both the incoming pod's and the existing pods' (symmetry),
 * counted per topology domain once per cycle (PreFilter) so Filter is a few map reads per node.
 * Scoring (preferred terms) is in InterPodAffinityScoring. Weight 2.
 */
export class InterPodAffinityPlugin extends InterPodAffinityScoring implements FilterPlugin {
  constructor(namespaceLabels?: NamespaceLabels) {
    super(namespaceLabels);
  }

  preFilter(ctx: CycleContext): typeof SKIP | null {
    const info = ctx.podInfo;
    const state: PreFilterState = {
      existingAntiAffinityCounts: this.existingAntiAffinityCounts(ctx),
      affinityCounts: new Map(),
      antiAffinityCounts: new Map(),
    };
    if (info.requiredAffinityTerms.length + info.requiredAntiAffinityTerms.length > 0) this.countIncomingTerms(ctx, state);
    else if (state.existingAntiAffinityCounts.size === 0) return SKIP;
    ctx.state.set(STATE_KEY, state);
    return null;
  }

  filter(ctx: CycleContext, nodeInfo: NodeInfo): Rejection | null {
    const state = ctx.state.get(STATE_KEY) as PreFilterState;
    const labels = nodeInfo.labels;
    if (!this.satisfiesAffinity(ctx, state, labels)) return { code: 'UnschedulableAndUnresolvable', reasons: [ERR_REASON_AFFINITY], plugin: this.name };
    if (anyCounted(state.antiAffinityCounts, ctx.podInfo.requiredAntiAffinityTerms, labels)) return { code: 'Unschedulable', reasons: [ERR_REASON_ANTI_AFFINITY], plugin: this.name };
    if (anyPairCounted(state.existingAntiAffinityCounts, labels)) return { code: 'Unschedulable', reasons: [ERR_REASON_EXISTING_ANTI_AFFINITY], plugin: this.name };
    return null;
  }

  /** Existing pods whose required anti-affinity selects the incoming pod, per topology domain of their node. */
  private existingAntiAffinityCounts(ctx: CycleContext): TopologyCounts {
    const counts: TopologyCounts = new Map();
    const key = affinitySignature(ctx.pod, 'ipa-existing-anti');
    for (const nodeInfo of ctx.snapshot.havePodsWithRequiredAntiAffinity()) {
      const topologyKeys = nodeInfo.memo(key, () => {
        const keys: string[] = [];
        for (const existing of nodeInfo.pods.values()) {
          for (const term of existing.requiredAntiAffinityTerms) if (termMatches(term, existing.pod, ctx.pod, this.namespaceLabels)) keys.push(term.topologyKey);
        }
        return keys;
      });
      for (const topologyKey of topologyKeys) increment(counts, topologyKey, nodeInfo.labels);
    }
    return counts;
  }

  /** Existing pods the incoming pod's required terms select, per topology domain of their node. */
  private countIncomingTerms(ctx: CycleContext, state: PreFilterState): void {
    const { requiredAffinityTerms, requiredAntiAffinityTerms } = ctx.podInfo;
    const key = affinitySignature(ctx.pod, 'ipa-required');
    for (const nodeInfo of ctx.snapshot.nodeInfos()) {
      const matches = nodeInfo.memo(key, () => ({
        affinity: requiredAffinityTerms.map((term) => countMatching(nodeInfo, term, ctx.pod, this.namespaceLabels)),
        anti: requiredAntiAffinityTerms.map((term) => countMatching(nodeInfo, term, ctx.pod, this.namespaceLabels)),
      }));
      requiredAffinityTerms.forEach((term, i) => matches.affinity[i] > 0 && increment(state.affinityCounts, term.topologyKey, nodeInfo.labels, matches.affinity[i]));
      requiredAntiAffinityTerms.forEach((term, i) => matches.anti[i] > 0 && increment(state.antiAffinityCounts, term.topologyKey, nodeInfo.labels, matches.anti[i]));
    }
  }

  /**
   * Every required affinity term has a matching pod in the node's domain; or, for the first pod of a
   * group that selects itself, no pod matches anywhere yet and the node has all the topology keys.
   */
  private satisfiesAffinity(ctx: CycleContext, state: PreFilterState, labels: Record<string, string>): boolean {
    const terms = ctx.podInfo.requiredAffinityTerms;
    let podsExist = true;
    for (const term of terms) {
      const value = labels[term.topologyKey];
      if (value === undefined) return false;
      if ((state.affinityCounts.get(topologyPair(term.topologyKey, value)) ?? 0) <= 0) podsExist = false;
    }
    if (podsExist) return true;
    return state.affinityCounts.size === 0 && terms.every((term) => termMatches(term, ctx.pod, ctx.pod, this.namespaceLabels));
  }
}

function countMatching(nodeInfo: NodeInfo, term: PodAffinityTerm, owner: Pod, namespaceLabels?: NamespaceLabels): number {
  let count = 0;
  for (const existing of nodeInfo.pods.values()) if (termMatches(term, owner, existing.pod, namespaceLabels)) count++;
  return count;
}

function anyCounted(counts: TopologyCounts, terms: PodAffinityTerm[], labels: Record<string, string>): boolean {
  if (counts.size === 0) return false;
  return terms.some((term) => {
    const value = labels[term.topologyKey];
    return value !== undefined && (counts.get(topologyPair(term.topologyKey, value)) ?? 0) > 0;
  });
}

function anyPairCounted(counts: TopologyCounts, labels: Record<string, string>): boolean {
  if (counts.size === 0) return false;
  for (const [key, value] of Object.entries(labels)) {
    if ((counts.get(topologyPair(key, value)) ?? 0) > 0) return true;
  }
  return false;
}
