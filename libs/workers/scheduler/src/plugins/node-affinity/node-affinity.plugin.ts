import { matchesNodeSelectorTerm, matchesRequiredNodeAffinity } from '@drydock/kube';
import { defaultNormalizeScore } from '../../framework/normalize';
import { CycleContext, FilterPlugin, ScorePlugin, SKIP } from '../../framework/plugin.types';
import type { NodeInfo } from '../../framework/node-info';
import type { Node, Pod, Rejection } from '../../framework/types';

export const ERR_REASON_NODE_AFFINITY = "node(s) didn't match Pod's node affinity/selector";
const REJECTION: Rejection = { code: 'UnschedulableAndUnresolvable', reasons: [ERR_REASON_NODE_AFFINITY], plugin: 'NodeAffinity' };

/** The pod's nodeSelector and required node affinity, both of which must hold (upstream's RequiredNodeAffinity). */
export function podMatchesNodeAffinity(pod: Pod, node: Node): boolean {
  return matchesRequiredNodeAffinity(pod.spec, node);
}

/** Filter: nodeSelector + required node affinity. Score: sum of matching preferred terms' weights. Weight 2. */
export class NodeAffinityPlugin implements FilterPlugin, ScorePlugin {
  readonly name = 'NodeAffinity';
  readonly weight = 2;

  preFilter(ctx: CycleContext): typeof SKIP | null {
    const spec = ctx.pod.spec;
    const hasSelector = spec.nodeSelector && Object.keys(spec.nodeSelector).length > 0;
    return hasSelector || spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution ? null : SKIP;
  }

  filter(ctx: CycleContext, nodeInfo: NodeInfo): Rejection | null {
    return nodeInfo.node && podMatchesNodeAffinity(ctx.pod, nodeInfo.node) ? null : REJECTION;
  }

  preScore(ctx: CycleContext): typeof SKIP | null {
    return ctx.pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.length ? null : SKIP;
  }

  score(ctx: CycleContext, nodeInfo: NodeInfo): number {
    let total = 0;
    for (const term of ctx.pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) {
      if (term.weight !== 0 && nodeInfo.node && matchesNodeSelectorTerm(term.preference, nodeInfo.node)) total += term.weight;
    }
    return total;
  }

  normalize(_ctx: CycleContext, scores: number[]): void {
    defaultNormalizeScore(scores, false);
  }
}
