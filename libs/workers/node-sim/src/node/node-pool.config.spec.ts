import { clusterNodeDefinitions, expandPools, nodesFromEnv, parseNodeConfig } from './node-pool.config';
import { buildNode, nodeImages, nodeInternalIP, nodePodCIDR } from './node-object.builder';
import { SimulatedNode } from '../kubelet/simulated-node';

describe('node pools', () => {
  it('defaults to DRYDOCK_NODES nodes named node-N spread over three zones', () => {
    const nodes = nodesFromEnv({ DRYDOCK_NODES: '4' });
    expect(nodes.map((n) => `${n.name}@${n.zone}`)).toEqual(['node-1@zone-a', 'node-2@zone-b', 'node-3@zone-c', 'node-4@zone-a']);
    expect(nodesFromEnv({})).toHaveLength(3);
  });

  it("makes a sandbox Cluster's nodes from spec.nodes as npm start names them, or from spec.nodePools with their capacity, labels and taints", () => {
    expect(clusterNodeDefinitions({ nodes: 2 }).map((n) => n.name)).toEqual(['node-1', 'node-2']);
    expect(clusterNodeDefinitions({})).toHaveLength(3);
    const nodes = clusterNodeDefinitions({ nodePools: [{ name: 'big', count: 1, capacity: { cpu: '16' }, labels: { tier: 'db' }, taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] }, { name: 'small', count: 2 }] });
    expect(nodes.map((n) => n.name)).toEqual(['big-1', 'small-1', 'small-2']);
    expect(nodes[0].pool).toMatchObject({ capacity: { cpu: '16', memory: '16Gi' }, labels: { tier: 'db' }, taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] });
  });

  it('parses pools with capacity, labels and taints; indexes run across pools', () => {
    const pools = parseNodeConfig(`
pools:
  - namePrefix: worker
    count: 2
    capacity: { cpu: 8, memory: 32Gi }
    labels: { tier: backend }
  - namePrefix: db
    count: 1
    taints: [{ key: dedicated, value: db, effect: NoSchedule }]
`);
    const nodes = expandPools(pools);
    expect(nodes.map((n) => [n.name, n.index])).toEqual([['worker-1', 1], ['worker-2', 2], ['db-1', 3]]);
    expect(nodes[0].pool.capacity).toMatchObject({ cpu: '8', memory: '32Gi', pods: '110' });
    const db = buildNode(nodes[2], 'http://127.0.0.1:10250', '2026-11-22T03:00:00Z');
    expect(db.spec).toMatchObject({ podCIDR: '10.244.3.0/24', taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] });
    expect(buildNode(nodes[0], 'http://127.0.0.1:10250', 'x').metadata.labels).toMatchObject({ tier: 'backend', 'kubernetes.io/hostname': 'worker-1' });
  });

  it('rejects a taint without a valid effect and a bad name prefix', () => {
    expect(() => parseNodeConfig('pools: [{ namePrefix: a, taints: [{ key: k, effect: Never }] }]')).toThrow('pools[0]: taint');
    expect(() => parseNodeConfig('pools: [{ namePrefix: Bad_Name }]')).toThrow('not a valid DNS-1123 name');
    expect(() => parseNodeConfig('nodes: 3')).toThrow('"pools"');
  });

  it('numbers addresses and pod CIDRs past 255 nodes', () => {
    expect(nodeInternalIP(1)).toBe('10.0.0.1');
    expect(nodeInternalIP(300)).toBe('10.0.1.44');
    expect(nodePodCIDR(300)).toBe('10.245.44.0/24');
  });
});

describe('pod IPs of a simulated node', () => {
  it('allocates from the podCIDR, reuses freed IPs and skips adopted ones', () => {
    const node = new SimulatedNode(expandPools(parseNodeConfig('pools: [{ namePrefix: n, count: 2 }]'))[1]);
    expect(node.hostIP).toBe('10.0.0.2');
    expect([node.allocatePodIP(), node.allocatePodIP()]).toEqual(['10.244.2.2', '10.244.2.3']);
    node.releasePodIP('10.244.2.2');
    expect(node.allocatePodIP()).toBe('10.244.2.2');
    node.reservePodIP('10.244.2.6');
    expect([node.allocatePodIP(), node.allocatePodIP(), node.allocatePodIP()].sort()).toEqual(['10.244.2.4', '10.244.2.5', '10.244.2.7']);
  });
});

describe('node images', () => {
  it('reports pulled images with digest and tag names, largest first', () => {
    const images = nodeImages(['nginx:1.27', 'ghcr.io/org/app:1.0.0']);
    expect(images).toHaveLength(2);
    expect(images[0].sizeBytes).toBeGreaterThanOrEqual(images[1].sizeBytes);
    const nginx = images.find((i) => i.names.includes('docker.io/library/nginx:1.27'))!;
    expect(nginx.names[0]).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
  });
});
