import type { CycleContext, FilterPlugin, ScorePlugin } from '../../framework/plugin.types';
import type { NodeInfo } from '../../framework/node-info';
import { MAX_NODE_SCORE, Rejection } from '../../framework/types';

/** One resource the pod needs more of than the node has left (upstream's InsufficientResource). */
export interface InsufficientResource {
  reason: string;
  /** The pod alone asks for more than the node's allocatable: preemption cannot help. */
  unresolvable: boolean;
}

/** Upstream's fitsRequest: the pod count, then cpu, memory, ephemeral-storage and extended resources. */
export function insufficientResources(ctx: CycleContext, nodeInfo: NodeInfo): InsufficientResource[] {
  const result: InsufficientResource[] = [];
  const allocatable = nodeInfo.allocatable;
  const used = nodeInfo.requested;
  if (nodeInfo.pods.size + 1 > allocatable.allowedPodNumber) result.push({ reason: 'Too many pods', unresolvable: false });
  const request = ctx.podInfo.requests;
  const check = (name: string, wanted: number, capacity: number, inUse: number) => {
    if (wanted > 0 && wanted > capacity - inUse) result.push({ reason: `Insufficient ${name}`, unresolvable: wanted > capacity });
  };
  check('cpu', request.milliCPU, allocatable.milliCPU, used.milliCPU);
  check('memory', request.memory, allocatable.memory, used.memory);
  check('ephemeral-storage', request.ephemeralStorage, allocatable.ephemeralStorage, used.ephemeralStorage);
  for (const [name, wanted] of Object.entries(request.scalar)) check(name, wanted, allocatable.scalar[name] ?? 0, used.scalar[name] ?? 0);
  return result;
}

/** The common case without allocations: room for one more pod, its cpu, memory and storage, and no extended resources. */
function fitsQuickly(ctx: CycleContext, nodeInfo: NodeInfo): boolean {
  const request = ctx.podInfo.requests;
  const allocatable = nodeInfo.allocatable;
  const used = nodeInfo.requested;
  if (ctx.podInfo.hasScalarRequests) return false;
  return (
    nodeInfo.pods.size + 1 <= allocatable.allowedPodNumber &&
    (request.milliCPU === 0 || request.milliCPU <= allocatable.milliCPU - used.milliCPU) &&
    (request.memory === 0 || request.memory <= allocatable.memory - used.memory) &&
    (request.ephemeralStorage === 0 || request.ephemeralStorage <= allocatable.ephemeralStorage - used.ephemeralStorage)
  );
}

/** Upstream's leastRequestedScore: the free share of the node after placing the pod, 0..100. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/**
 * Filter: requests against allocatable, with every failing resource as a reason. Score: the
 * LeastAllocated strategy over cpu and memory (weights 1, non-zero requests). Plugin weight 1.
 */
export class NodeResourcesFitPlugin implements FilterPlugin, ScorePlugin {
  readonly name = 'NodeResourcesFit';
  readonly weight = 1;

  filter(ctx: CycleContext, nodeInfo: NodeInfo): Rejection | null {
    if (fitsQuickly(ctx, nodeInfo)) return null;
    const insufficient = insufficientResources(ctx, nodeInfo);
    if (insufficient.length === 0) return null;
    const code = insufficient.some((entry) => entry.unresolvable) ? 'UnschedulableAndUnresolvable' : 'Unschedulable';
    return { code, reasons: insufficient.map((entry) => entry.reason), plugin: this.name };
  }

  score(ctx: CycleContext, nodeInfo: NodeInfo): number {
    const allocatable = nodeInfo.allocatable;
    const pod = ctx.podInfo.nonZero;
    let total = 0;
    let weights = 0;
    if (allocatable.milliCPU > 0) {
      total += leastRequestedScore(nodeInfo.nonZeroRequested.milliCPU + pod.milliCPU, allocatable.milliCPU);
      weights++;
    }
    if (allocatable.memory > 0) {
      total += leastRequestedScore(nodeInfo.nonZeroRequested.memory + pod.memory, allocatable.memory);
      weights++;
    }
    return weights === 0 ? 0 : Math.trunc(total / weights);
  }
}
