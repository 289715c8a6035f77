import type { NodeInfo } from './node-info';

/**
 * The cluster as one scheduling cycle sees it. Cycles run synchronously in one tick, so the snapshot
 * may be a live view of the cache: nothing changes it while a cycle runs.
 */
export interface Snapshot {
  /** Nodes that exist (have a Node object), in a stable order. */
  nodeInfos(): NodeInfo[];
  get(name: string): NodeInfo | undefined;
  /** Nodes with at least one pod carrying pod (anti-)affinity terms. */
  havePodsWithAffinity(): NodeInfo[];
  /** Nodes with at least one pod carrying a required anti-affinity term. */
  havePodsWithRequiredAntiAffinity(): NodeInfo[];
  /**
   * For counts kept across cycles: the nodes whose pods or Node changed (or that were removed) since
   * `cursor`, each at least once, and the cursor to pass next time. `nodes` is null when the cursor is
   * older than the changes kept (or -1, the first time): count every node. Absent on fixed lists.
   */
  changedSince?(cursor: number): { nodes: readonly NodeInfo[] | null; cursor: number };
}

/** A snapshot over a fixed list, for tests and tools. */
export function snapshotOf(list: NodeInfo[]): Snapshot {
  const byName = new Map(list.map((info) => [info.name, info]));
  return {
    nodeInfos: () => list,
    get: (name) => byName.get(name),
    havePodsWithAffinity: () => list.filter((info) => info.podsWithAffinity > 0),
    havePodsWithRequiredAntiAffinity: () => list.filter((info) => info.podsWithRequiredAntiAffinity > 0),
  };
}
