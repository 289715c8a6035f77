import { defaultNormalizeScore } from '../../framework/normalize';
import type { CycleContext, FilterPlugin, ScorePlugin } from '../../framework/plugin.types';
import type { NodeInfo } from '../../framework/node-info';
import type { Rejection, Taint } from '../../framework/types';
import { tolerationsTolerateTaint } from '@drydock/kube';

/** Upstream's wording: the key and value of the first untolerated taint, `{key: value}`. */
export function untoleratedTaintReason(taint: Taint): string {
  return `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;
}

const hardEffect = (taint: Taint) => taint.effect === 'NoSchedule' || taint.effect === 'NoExecute';

/**
 * Filter: a NoSchedule/NoExecute taint the pod does not tolerate rejects the node. Score: fewer
 * untolerated PreferNoSchedule taints is better (normalised in reverse). Weight 3 as upstream.
 */
export class TaintTolerationPlugin implements FilterPlugin, ScorePlugin {
  readonly name = 'TaintToleration';
  readonly weight = 3;

  filter(ctx: CycleContext, nodeInfo: NodeInfo): Rejection | null {
    const taints = nodeInfo.node?.spec?.taints;
    if (!taints || taints.length === 0) return null;
    const tolerations = ctx.pod.spec.tolerations;
    for (const taint of taints) {
      if (hardEffect(taint) && !tolerationsTolerateTaint(tolerations, taint)) {
        return { code: 'UnschedulableAndUnresolvable', reasons: [untoleratedTaintReason(taint)], plugin: this.name };
      }
    }
    return null;
  }

  score(ctx: CycleContext, nodeInfo: NodeInfo): number {
    const taints = nodeInfo.node?.spec?.taints;
    if (!taints || taints.length === 0) return 0;
    const preferTolerations = (ctx.pod.spec.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
    let count = 0;
    for (const taint of taints) {
      if (taint.effect === 'PreferNoSchedule' && !tolerationsTolerateTaint(preferTolerations, taint)) count++;
    }
    return count;
  }

  normalize(_ctx: CycleContext, scores: number[]): void {
    defaultNormalizeScore(scores, true);
  }
}
