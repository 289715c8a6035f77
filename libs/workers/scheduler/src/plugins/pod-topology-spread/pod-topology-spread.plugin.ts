import { CycleContext, FilterPlugin, SKIP } from '../../framework/plugin.types';
import type { NodeInfo } from '../../framework/node-info';
import { labelSelectorMatcher } from '@drydock/kube';
import type { Rejection } from '../../framework/types';
import { countMatchingPods, hasAllTopologyKeys, nodeCounts, SpreadConstraint, spreadConstraints } from './spread-constraint';
import { PodTopologySpreadScoring } from './pod-topology-spread.score';

export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
export const ERR_REASON_NODE_LABEL_NOT_MATCH = `${ERR_REASON_CONSTRAINTS_NOT_MATCH} (missing required label)`;

const STATE_KEY = 'PreFilterPodTopologySpread';

interface PreFilterState {
  constraints: SpreadConstraint[];
  /** Per constraint: topology value → matching pods. */
  counts: Map<string, number>[];
  /** Per constraint: the smallest count over its domains (0 when fewer than minDomains domains exist). */
  minMatch: number[];
  /** Per constraint: 1 when the incoming pod matches its own selector. */
  selfMatch: number[];
}

/**
 * DoNotSchedule constraints: placing the pod must keep (matching pods in the node's domain + self −
 * the global minimum) ≤ maxSkew. Counts are gathered once per cycle. Scoring is in the base class. Weight 2.
 */
export class PodTopologySpreadPlugin extends PodTopologySpreadScoring implements FilterPlugin {
  preFilter(ctx: CycleContext): typeof SKIP | null {
    const constraints = spreadConstraints(ctx.pod, 'DoNotSchedule');
    if (constraints.length === 0) return SKIP;
    const counts = constraints.map(() => new Map<string, number>());
    for (const nodeInfo of ctx.snapshot.nodeInfos()) {
      if (!hasAllTopologyKeys(constraints, nodeInfo.labels)) continue;
      constraints.forEach((constraint, i) => {
        if (!nodeCounts(constraint, ctx.pod, nodeInfo)) return;
        const value = nodeInfo.labels[constraint.topologyKey];
        counts[i].set(value, (counts[i].get(value) ?? 0) + countMatchingPods(constraint, ctx.pod, nodeInfo));
      });
    }
    const minMatch = constraints.map((constraint, i) => (counts[i].size < constraint.minDomains ? 0 : Math.min(...counts[i].values())));
    const selfMatch = constraints.map((constraint) => (labelSelectorMatcher(constraint.selector)(ctx.pod.metadata.labels) ? 1 : 0));
    ctx.state.set(STATE_KEY, { constraints, counts, minMatch, selfMatch } satisfies PreFilterState);
    return null;
  }

  filter(ctx: CycleContext, nodeInfo: NodeInfo): Rejection | null {
    const state = ctx.state.get(STATE_KEY) as PreFilterState;
    const labels = nodeInfo.labels;
    for (let i = 0; i < state.constraints.length; i++) {
      const constraint = state.constraints[i];
      const value = labels[constraint.topologyKey];
      if (value === undefined) return { code: 'UnschedulableAndUnresolvable', reasons: [ERR_REASON_NODE_LABEL_NOT_MATCH], plugin: this.name };
      const skew = (state.counts[i].get(value) ?? 0) + state.selfMatch[i] - (Number.isFinite(state.minMatch[i]) ? state.minMatch[i] : 0);
      if (skew > constraint.maxSkew) return { code: 'Unschedulable', reasons: [ERR_REASON_CONSTRAINTS_NOT_MATCH], plugin: this.name };
    }
    return null;
  }
}
