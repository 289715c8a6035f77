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
