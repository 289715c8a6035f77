import type { PodInfo } from './node-info';
import type { NodeInfo } from './node-info';
import type { Snapshot } from './snapshot';
import type { CycleState, Pod, Rejection } from './types';

/** What every plugin sees in one scheduling cycle (one pod). */
export interface CycleContext {
  pod: Pod;
  podInfo: PodInfo;
  snapshot: Snapshot;
  state: CycleState;
}

/** PreFilter/PreScore may say the plugin has nothing to do for this pod, as upstream's Skip status. */
export const SKIP = 'skip' as const;

/**
 * A filter plugin (upstream's PreFilter + Filter). Must be pure: reads the context and node, writes
 * only `ctx.state`. Filter is called once per candidate node and must be cheap.
 */
export interface FilterPlugin {
  readonly name: string;
  /** Once per cycle before any Filter. A Rejection here rejects every node (the message becomes the pre-filter message). */
  preFilter?(ctx: CycleContext): Rejection | typeof SKIP | null;
  filter(ctx: CycleContext, nodeInfo: NodeInfo): Rejection | null;
}

/**
 * A score plugin (upstream's PreScore + Score + NormalizeScore). Scores are integers; after
 * `normalize` each must be within 0..MAX_NODE_SCORE, and is then multiplied by `weight`.
 */
export interface ScorePlugin {
  readonly name: string;
  readonly weight: number;
  preScore?(ctx: CycleContext, feasible: NodeInfo[]): typeof SKIP | null;
  score(ctx: CycleContext, nodeInfo: NodeInfo): number;
  /** Rewrites `scores` (parallel to `feasible`) in place. */
  normalize?(ctx: CycleContext, scores: number[], feasible: NodeInfo[]): void;
}

export interface Profile {
  filters: FilterPlugin[];
  scorers: ScorePlugin[];
  /** 0 is upstream's adaptive default (50% at 100 nodes, down to 5%, never fewer than 100 nodes). */
  percentageOfNodesToScore: number;
}
