import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/**
 * Node pools (docs/node-sim.md): `DRYDOCK_NODE_CONFIG` names a YAML file
 *
 *   pools:
 *     - namePrefix: worker        # nodes worker-1, worker-2, …
 *       count: 5
 *       capacity: { cpu: "8", memory: 32Gi, pods: "110", ephemeral-storage: 100Gi }
 *       instanceType: sim.xlarge
 *       zones: [zone-a, zone-b]
 *       labels: { tier: backend }
 *       taints: [{ key: dedicated, value: db, effect: NoSchedule }]
 *
 * Without it, `DRYDOCK_NODES` (default 3) nodes `node-1`… with the defaults below.
 */

export interface Taint { key: string; value?: string; effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' }

export interface NodePool {
  namePrefix: string;
  count: number;
  capacity: Record<string, string>;
  instanceType: string;
  zones: string[];
  labels: Record<string, string>;
  taints: Taint[];
}

/** One simulated node: its pool's settings plus its process-wide index (1-based; IPs and podCIDR). */
export interface NodeDefinition {
  name: string;
  index: number;
  zone: string;
  pool: NodePool;
}

export const DEFAULT_CAPACITY: Record<string, string> = { cpu: '4', memory: '16Gi', pods: '110', 'ephemeral-storage': '100Gi', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0' };
export const DEFAULT_ZONES = ['zone-a', 'zone-b', 'zone-c'];

export function defaultPool(namePrefix: string, count: number): NodePool {
  return { namePrefix, count, capacity: { ...DEFAULT_CAPACITY }, instanceType: 'sim.large', zones: DEFAULT_ZONES, labels: {}, taints: [] };
}

/** Validates one pool (from YAML or a Cluster's spec.nodePools); throws with the pool's position on a bad field. */
export function parsePool(raw: Record<string, unknown>, position: number): NodePool {
  const fail = (message: string) => {
    throw new Error(`node config: pools[${position}]: ${message}`);
  };
  const pool = defaultPool(String(raw.namePrefix ?? raw.name ?? 'node'), Number(raw.count ?? 1));
  if (!Number.isInteger(pool.count) || pool.count < 0) fail(`count must be a non-negative integer, got ${String(raw.count)}`);
  if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(pool.namePrefix)) fail(`namePrefix "${pool.namePrefix}" is not a valid DNS-1123 name`);
  const capacity = (raw.capacity ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(capacity)) pool.capacity[key] = String(value);
  if (raw.instanceType) pool.instanceType = String(raw.instanceType);
  if (Array.isArray(raw.zones) && raw.zones.length > 0) pool.zones = raw.zones.map(String);
  pool.labels = Object.fromEntries(Object.entries((raw.labels ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
  pool.taints = ((raw.taints ?? []) as Taint[]).map((t) => {
    if (!t.key || !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(t.effect)) fail(`taint ${JSON.stringify(t)} needs a key and effect NoSchedule|PreferNoSchedule|NoExecute`);
    return { key: t.key, ...(t.value !== undefined ? { value: String(t.value) } : {}), effect: t.effect };
  });
  return pool;
}

export function parseNodeConfig(yamlText: string): NodePool[] {
  const document = (parse(yamlText) ?? {}) as { pools?: Record<string, unknown>[] };
  if (!Array.isArray(document.pools)) throw new Error('node config: expected a top-level "pools" list');
  return document.pools.map(parsePool);
}

/** Expands pools into nodes: names `<prefix>-<n>` per pool, zones round-robin, indexes across pools. */
export function expandPools(pools: NodePool[]): NodeDefinition[] {
  const nodes: NodeDefinition[] = [];
  for (const pool of pools) {
    for (let n = 1; n <= pool.count; n++) {
      const index = nodes.length + 1;
      nodes.push({ name: `${pool.namePrefix}-${n}`, index, zone: pool.zones[(n - 1) % pool.zones.length], pool });
    }
  }
  return nodes;
}

/** The nodes of this process from DRYDOCK_NODE_CONFIG, else DRYDOCK_NODES (default 3). */
export function nodesFromEnv(env: NodeJS.ProcessEnv = process.env): NodeDefinition[] {
  if (env.DRYDOCK_NODE_CONFIG) return expandPools(parseNodeConfig(readFileSync(env.DRYDOCK_NODE_CONFIG, 'utf8')));
  const count = env.DRYDOCK_NODES ? Number(env.DRYDOCK_NODES) : 3;
  if (!Number.isInteger(count) || count < 0) throw new Error(`DRYDOCK_NODES must be a non-negative integer, got ${env.DRYDOCK_NODES}`);
  return expandPools([defaultPool('node', count)]);
}

/**
 * The nodes of a sandbox cluster from its `drydock.dev/v1` Cluster spec: `nodePools` (`name`, `count`,
 * `capacity`, `labels`, `taints`; nodes `<name>-1`…) when set, else `nodes` (default 3) nodes `node-1`…
 * with the default pool, as `npm start` makes them.
 */
export function clusterNodeDefinitions(spec: unknown): NodeDefinition[] {
  const fields = (spec ?? {}) as { nodes?: unknown; nodePools?: unknown };
  if (Array.isArray(fields.nodePools)) {
    return expandPools((fields.nodePools as Record<string, unknown>[]).map((pool, position) => parsePool({ ...pool, namePrefix: pool.name }, position)));
  }
  const count = typeof fields.nodes === 'number' ? fields.nodes : 3;
  return expandPools([defaultPool('node', count)]);
}
