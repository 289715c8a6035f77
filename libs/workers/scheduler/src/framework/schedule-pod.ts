import type { KubeObject } from '@drydock/util';
import { findPreemption, PreemptionCandidate } from './default-preemption';
import type { Diagnosis } from './fit-error';
import { NodeInfo, PodInfo } from './node-info';
import { CycleContext, Profile, SKIP, ScorePlugin } from './plugin.types';
import type { Snapshot } from './snapshot';
import type { Rejection } from './types';

export const MIN_FEASIBLE_NODES_TO_FIND = 100;
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

export type ScheduleOutcome =
  | { kind: 'scheduled'; nodeName: string; evaluatedNodes: number; feasibleNodes: number }
  | { kind: 'unschedulable'; diagnosis: Diagnosis };

/** Upstream's numFeasibleNodesToFind: how many feasible nodes are enough to stop filtering. */
export function numFeasibleNodesToFind(numAllNodes: number, percentageOfNodesToScore: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let percentage = percentageOfNodesToScore;
  if (percentage <= 0) percentage = Math.max(MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND, 50 - Math.trunc(numAllNodes / 125));
  if (percentage >= 100) return numAllNodes;
  return Math.max(MIN_FEASIBLE_NODES_TO_FIND, Math.trunc((numAllNodes * percentage) / 100));
}

/**
 * One scheduling cycle for one pod, as upstream's schedulePod: PreFilter, Filter over the nodes
 * (starting where the previous cycle stopped, stopping once enough feasible nodes are found), then
 * PreScore/Score/NormalizeScore with weights, and the highest total wins (ties broken at random).
 * Synchronous and side-effect free apart from the rotating start index.
 */
export class SchedulingAlgorithm {
  private nextStartNodeIndex = 0;

  constructor(private readonly profile: Profile, private readonly random: () => number = Math.random) {}

  schedule(podInfo: PodInfo, snapshot: Snapshot): ScheduleOutcome {
    const nodes = snapshot.nodeInfos();
    const ctx: CycleContext = { pod: podInfo.pod, podInfo, snapshot, state: new Map() };
    const diagnosis: Diagnosis = { numAllNodes: nodes.length, statuses: new Map() };
    if (nodes.length === 0) return { kind: 'unschedulable', diagnosis };
    const activeFilters = this.profile.filters.filter((plugin) => {
      const result = plugin.preFilter?.(ctx) ?? null;
      if (result !== null && result !== SKIP) {
        diagnosis.preFilterMessage = result.reasons.join(', ');
        for (const node of nodes) diagnosis.statuses.set(node.name, result);
      }
      return result !== SKIP;
    });
    if (diagnosis.preFilterMessage) return { kind: 'unschedulable', diagnosis };
    const feasible = this.findFeasibleNodes(ctx, nodes, activeFilters, diagnosis);
    if (feasible.length === 0) return { kind: 'unschedulable', diagnosis };
    const evaluatedNodes = diagnosis.statuses.size + feasible.length;
    if (feasible.length === 1) return { kind: 'scheduled', nodeName: feasible[0].name, evaluatedNodes, feasibleNodes: 1 };
    const totals = this.prioritize(ctx, feasible);
    return { kind: 'scheduled', nodeName: this.selectHost(feasible, totals), evaluatedNodes, feasibleNodes: feasible.length };
  }

  /** DefaultPreemption's PostFilter for a pod this cycle found no node for (see findPreemption). */
  preemption(podInfo: PodInfo, snapshot: Snapshot, diagnosis: Diagnosis, pdbs: KubeObject[]): PreemptionCandidate | undefined {
    const ctx: CycleContext = { pod: podInfo.pod, podInfo, snapshot, state: new Map() };
    const filters = this.profile.filters.filter((plugin) => plugin.preFilter?.(ctx) !== SKIP);
    return findPreemption(ctx, { ...this.profile, filters }, diagnosis, pdbs);
  }

  private findFeasibleNodes(ctx: CycleContext, nodes: NodeInfo[], filters: Profile['filters'], diagnosis: Diagnosis): NodeInfo[] {
    const wanted = numFeasibleNodesToFind(nodes.length, this.profile.percentageOfNodesToScore);
    const feasible: NodeInfo[] = [];
    const start = this.nextStartNodeIndex % nodes.length;
    let processed = 0;
    while (processed < nodes.length && feasible.length < wanted) {
      const node = nodes[(start + processed) % nodes.length];
      processed++;
      const rejection = runFilters(ctx, node, filters);
      if (rejection) diagnosis.statuses.set(node.name, rejection);
      else feasible.push(node);
    }
    this.nextStartNodeIndex = (start + processed) % nodes.length;
    return feasible;
  }

  private prioritize(ctx: CycleContext, feasible: NodeInfo[]): number[] {
    const totals = new Array<number>(feasible.length).fill(0);
    for (const plugin of this.profile.scorers) {
      const scores = runScorePlugin(ctx, plugin, feasible);
      if (!scores) continue;
      for (let i = 0; i < totals.length; i++) totals[i] += scores[i] * plugin.weight;
    }
    return totals;
  }

  /** Highest total; among equals each is equally likely (reservoir sampling, as upstream). */
  private selectHost(feasible: NodeInfo[], totals: number[]): string {
    let best = 0;
    let ties = 1;
    for (let i = 1; i < totals.length; i++) {
      if (totals[i] > totals[best]) {
        best = i;
        ties = 1;
      } else if (totals[i] === totals[best]) {
        ties++;
        if (this.random() * ties < 1) best = i;
      }
    }
    return feasible[best].name;
  }
}

/** The first rejection among the filters, in profile order (upstream stops at the first failure). */
export function runFilters(ctx: CycleContext, node: NodeInfo, filters: Profile['filters']): Rejection | null {
  for (const plugin of filters) {
    const rejection = plugin.filter(ctx, node);
    if (rejection) return rejection;
  }
  return null;
}

/** A plugin's normalised scores for the feasible nodes, or null when it skips this pod. */
export function runScorePlugin(ctx: CycleContext, plugin: ScorePlugin, feasible: NodeInfo[]): number[] | null {
  if (plugin.preScore?.(ctx, feasible) === SKIP) return null;
  const scores = feasible.map((node) => plugin.score(ctx, node));
  plugin.normalize?.(ctx, scores, feasible);
  return scores;
}
