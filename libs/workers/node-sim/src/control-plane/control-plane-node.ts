import { DEFAULT_CAPACITY, DEFAULT_ZONES, NodeDefinition } from '../node/node-pool.config';
import { join } from 'node:path';

/** The node kubeadm init makes of the first machine: its name, role label and taint. */
export const CONTROL_PLANE_NODE = 'controlplane';
export const CONTROL_PLANE_ROLE = 'node-role.kubernetes.io/control-plane';

/**
 * The control-plane node as `kubeadm init` leaves it (its mark-control-plane phase): the role label, the
 * exclude-from-external-load-balancers label and the NoSchedule taint, so ordinary pods go elsewhere.
 * It comes after the worker nodes (`index`), so their addresses do not change when it is added.
 */
export function controlPlaneNode(index: number): NodeDefinition {
  return {
    name: CONTROL_PLANE_NODE,
    index,
    zone: DEFAULT_ZONES[0],
    pool: {
      namePrefix: CONTROL_PLANE_NODE,
      count: 1,
      capacity: { ...DEFAULT_CAPACITY },
      instanceType: 'sim.large',
      zones: [DEFAULT_ZONES[0]],
      labels: { [CONTROL_PLANE_ROLE]: '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' },
      taints: [{ key: CONTROL_PLANE_ROLE, effect: 'NoSchedule' }],
    },
  };
}

/** The worker nodes followed by the control-plane node (node-sim's nodes when the launcher runs the control plane). */
export function withControlPlaneNode(workers: NodeDefinition[]): NodeDefinition[] {
  return [...workers, controlPlaneNode(workers.length + 1)];
}

/** A simulated node's own files (its `/`): `$DRYDOCK_DATA_DIR/nodes/<node>`. */
export function nodeRootDirectory(dataDir: string, node: string): string {
  return join(nodeRootsDirectory(dataDir), node);
}

/** Where the nodes' root directories are (one per node that has files: made on first use). */
export function nodeRootsDirectory(dataDir: string): string {
  return join(dataDir, 'nodes');
}

/** The kubelet's staticPodPath on a node, as kubeadm configures it: `/etc/kubernetes/manifests`. */
export function staticPodDirectory(dataDir: string, node: string): string {
  return join(nodeRootDirectory(dataDir, node), 'etc', 'kubernetes', 'manifests');
}
