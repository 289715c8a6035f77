import { expandPools, defaultPool } from './node-pool.config';
import { nodesOfShard, nodeShardFromEnv } from './node-shard';
import { withControlPlaneNode } from '../control-plane/control-plane-node';

describe('node shards', () => {
  const nodes = expandPools([defaultPool('node', 5), defaultPool('big', 2)]);
  const names = (shard: { index: number; count: number }) => nodesOfShard(nodes, shard).map((node) => node.name);

  it('splits the nodes round-robin by index: disjoint, together every node, each pool spread over the shards', () => {
    expect(names({ index: 0, count: 2 })).toEqual(['node-1', 'node-3', 'node-5', 'big-2']);
    expect(names({ index: 1, count: 2 })).toEqual(['node-2', 'node-4', 'big-1']);
    const three = [0, 1, 2].map((index) => names({ index, count: 3 }));
    expect(three.flat().sort()).toEqual(nodes.map((node) => node.name).sort());
    expect(new Set(three.flat()).size).toBe(nodes.length);
  });

  it('keeps the controlplane node with the process that adds it, and runs every node when there is one shard', () => {
    const withControlPlane = withControlPlaneNode(nodes);
    expect(nodesOfShard(withControlPlane, { index: 1, count: 2 }).map((node) => node.name)).toContain('controlplane');
    expect(nodesOfShard(nodes, { index: 0, count: 1 })).toBe(nodes);
  });

  it('reads DRYDOCK_NODE_SHARD_INDEX of DRYDOCK_NODE_SHARD_COUNT and refuses an index outside the count', () => {
    expect(nodeShardFromEnv({})).toEqual({ index: 0, count: 1 });
    expect(nodeShardFromEnv({ DRYDOCK_NODE_SHARD_INDEX: '1', DRYDOCK_NODE_SHARD_COUNT: '2' })).toEqual({ index: 1, count: 2 });
    expect(() => nodeShardFromEnv({ DRYDOCK_NODE_SHARD_INDEX: '2', DRYDOCK_NODE_SHARD_COUNT: '2' })).toThrow('DRYDOCK_NODE_SHARD_INDEX must be an integer from 0 to 1, got 2');
    expect(() => nodeShardFromEnv({ DRYDOCK_NODE_SHARD_COUNT: '0' })).toThrow('DRYDOCK_NODE_SHARD_COUNT must be a positive integer, got 0');
  });
});
