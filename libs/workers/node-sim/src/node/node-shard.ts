import type { NodeDefinition } from './node-pool.config';
import { CONTROL_PLANE_NODE } from '../control-plane/control-plane-node';

/**
 * Which of a cluster's nodes one node-simulator process runs when several share them (docs/configuration.md):
 * shard `index` of `count` runs the nodes whose 1-based index n has (n - 1) mod count = index, so the
 * shards are disjoint, together cover every node, and each pool is spread over all of them. The
 * `controlplane` node belongs to the process started with DRYDOCK_CONTROL_PLANE=1, whatever its shard.
 */
export interface NodeShard {
  index: number;
  count: number;
}

export const WHOLE_CLUSTER: NodeShard = { index: 0, count: 1 };

/** DRYDOCK_NODE_SHARD_INDEX (default 0) of DRYDOCK_NODE_SHARD_COUNT (default 1); throws on a bad pair. */
export function nodeShardFromEnv(env: NodeJS.ProcessEnv = process.env): NodeShard {
  const count = Number(env.DRYDOCK_NODE_SHARD_COUNT ?? 1);
  const index = Number(env.DRYDOCK_NODE_SHARD_INDEX ?? 0);
  if (!Number.isInteger(count) || count < 1) throw new Error(`DRYDOCK_NODE_SHARD_COUNT must be a positive integer, got ${env.DRYDOCK_NODE_SHARD_COUNT}`);
  if (!Number.isInteger(index) || index < 0 || index >= count) throw new Error(`DRYDOCK_NODE_SHARD_INDEX must be an integer from 0 to ${count - 1}, got ${env.DRYDOCK_NODE_SHARD_INDEX}`);
  return { index, count };
}

/** The nodes of `nodes` that `shard` runs (all of them for a single shard). */
export function nodesOfShard(nodes: NodeDefinition[], shard: NodeShard): NodeDefinition[] {
  if (shard.count === 1) return nodes;
  return nodes.filter((node) => node.name === CONTROL_PLANE_NODE || (node.index - 1) % shard.count === shard.index);
}

export function describeShard(shard: NodeShard): string {
  return shard.count === 1 ? 'every node' : `shard ${shard.index} of ${shard.count}`;
}
