import type { CycleContext, ScorePlugin } from '../../framework/plugin.types';
import type { NodeInfo } from '../../framework/node-info';
import { MAX_NODE_SCORE } from '../../framework/types';

/** Upstream's balancedResourceScorer: 100 × (1 − the standard deviation of the used fractions). */
export function balancedResourceScore(requested: number[], allocatable: number[]): number {
  const fractions: number[] = [];
  for (let i = 0; i < requested.length; i++) {
    if (allocatable[i] === 0) continue;
    fractions.push(Math.min(1, requested[i] / allocatable[i]));
  }
  let std = 0;
  if (fractions.length === 2) {
    std = Math.abs((fractions[0] - fractions[1]) / 2);
  } else if (fractions.length > 2) {
    const mean = fractions.reduce((a, b) => a + b, 0) / fractions.length;
    std = Math.sqrt(fractions.reduce((sum, f) => sum + (f - mean) ** 2, 0) / fractions.length);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

/** Favours nodes whose cpu and memory stay balanced after placing the pod (actual requests). Weight 1. */
export class NodeResourcesBalancedAllocationPlugin implements ScorePlugin {
  readonly name = 'NodeResourcesBalancedAllocation';
  readonly weight = 1;

  score(ctx: CycleContext, nodeInfo: NodeInfo): number {
    const request = ctx.podInfo.requests;
    const used = nodeInfo.requested;
    const allocatable = nodeInfo.allocatable;
    if (allocatable.milliCPU === 0 || allocatable.memory === 0) {
      return balancedResourceScore([used.milliCPU + request.milliCPU, used.memory + request.memory], [allocatable.milliCPU, allocatable.memory]);
    }
    const cpu = Math.min(1, (used.milliCPU + request.milliCPU) / allocatable.milliCPU);
    const memory = Math.min(1, (used.memory + request.memory) / allocatable.memory);
    return Math.trunc((1 - Math.abs((cpu - memory) / 2)) * MAX_NODE_SCORE);
  }
}
