import { kubeMicroTime } from '@drydock/kube';
import type { KubeObject } from '@drydock/util';
import { KUBELET_ENDPOINT_ANNOTATION } from '../runtime/sim-annotations';
import { imageDigest, parseImageReference, simulatedImageSize } from '../runtime/image-rules';
import type { NodeDefinition } from './node-pool.config';

/** The Node and Lease objects of a simulated kubelet, built as the real kubelet registers them. Pure. */

export const KUBELET_VERSION = 'v1.35.0';
export const LEASE_DURATION_SECONDS = 40;

/** 10.0.0.N for node N (N > 255 carries into the third octet). */
export function nodeInternalIP(index: number): string {
  return `10.0.${Math.floor(index / 256)}.${index % 256}`;
}

/** 10.244.N.0/24 for node N; beyond 255 nodes the second octet grows (up to 3,072 nodes). */
export function nodePodCIDR(index: number): string {
  return `10.${244 + Math.floor(index / 256)}.${index % 256}.0/24`;
}

export function nodeLabels(node: NodeDefinition): Record<string, string> {
  return {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': node.name,
    'kubernetes.io/os': 'linux',
    'node.kubernetes.io/instance-type': node.pool.instanceType,
    'topology.kubernetes.io/zone': node.zone,
    'topology.kubernetes.io/region': 'drydock',
    ...node.pool.labels,
  };
}

/** The Node as first created: metadata, spec (podCIDR, taints) and its full status. */
export function buildNode(node: NodeDefinition, kubeletEndpoint: string, now: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: node.name,
      labels: nodeLabels(node),
      annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true', [KUBELET_ENDPOINT_ANNOTATION]: kubeletEndpoint },
    },
    spec: { podCIDR: nodePodCIDR(node.index), podCIDRs: [nodePodCIDR(node.index)], ...(node.pool.taints.length ? { taints: node.pool.taints } : {}) },
    status: buildNodeStatus(node, kubeletEndpoint, now, now),
  };
}

/** allocatable = capacity minus the kubelet's reservations (100m CPU, 100Mi memory by default eviction). */
export function allocatable(capacity: Record<string, string>): Record<string, string> {
  const result = { ...capacity };
  const memory = /^(\d+)Gi$/.exec(capacity.memory ?? '');
  if (memory) result.memory = `${Number(memory[1]) * 1024 * 1024 - 100 * 1024}Ki`;
  return result;
}

function condition(type: string, status: string, reason: string, message: string, heartbeat: string, transition: string) {
  return { type, status, lastHeartbeatTime: heartbeat, lastTransitionTime: transition, reason, message };
}

/** Node status: conditions with the given heartbeat, resources, addresses, nodeInfo, daemon endpoint. */
export function buildNodeStatus(node: NodeDefinition, kubeletEndpoint: string, heartbeat: string, transition: string): Record<string, unknown> {
  const port = Number(new URL(kubeletEndpoint).port) || 10250;
  return {
    capacity: node.pool.capacity,
    allocatable: allocatable(node.pool.capacity),
    conditions: [
      condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available', heartbeat, transition),
      condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure', heartbeat, transition),
      condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available', heartbeat, transition),
      condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status', heartbeat, transition),
    ],
    addresses: [{ type: 'InternalIP', address: nodeInternalIP(node.index) }, { type: 'Hostname', address: node.name }],
    daemonEndpoints: { kubeletEndpoint: { Port: port } },
    nodeInfo: {
      machineID: machineId(node.name),
      systemUUID: machineId(`uuid-${node.name}`).replace(/^(.{8})(.{4})(.{4})(.{4})(.{12}).*$/, '$1-$2-$3-$4-$5'),
      bootID: machineId(`boot-${node.name}`).replace(/^(.{8})(.{4})(.{4})(.{4})(.{12}).*$/, '$1-$2-$3-$4-$5'),
      kernelVersion: '6.8.0-drydock',
      osImage: 'Drydock Simulated Linux',
      containerRuntimeVersion: 'drydock://sim',
      kubeletVersion: KUBELET_VERSION,
      kubeProxyVersion: '',
      operatingSystem: 'linux',
      architecture: 'amd64',
    },
    images: [],
  };
}

function machineId(seed: string): string {
  let hash = 0x811c9dc5;
  let out = '';
  for (let round = 0; out.length < 32; round++) {
    for (const ch of `${round}:${seed}`) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    out += hash.toString(16).padStart(8, '0');
  }
  return out.slice(0, 32);
}

/** Most images a node reports (upstream's nodeStatusMaxImages). */
const MAX_REPORTED_IMAGES = 50;

/** node.status.images as the kubelet reports them: names (tag and digest forms) and size, largest first. */
export function nodeImages(images: Iterable<string>): Array<{ names: string[]; sizeBytes: number }> {
  return [...images]
    .map((image) => {
      const reference = parseImageReference(image);
      const repository = `${reference.registry}/${reference.repository}`;
      return { names: [`${repository}@sha256:${imageDigest(reference.canonical)}`, reference.canonical], sizeBytes: simulatedImageSize(image) };
    })
    .sort((a, b) => b.sizeBytes - a.sizeBytes)
    .slice(0, MAX_REPORTED_IMAGES);
}


/** The node's Lease in kube-node-lease, owned by the Node (so it goes when the Node is deleted). */
export function buildLease(nodeName: string, nodeUid: string, now: Date): KubeObject {
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: nodeName, namespace: 'kube-node-lease', ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: nodeName, uid: nodeUid }] },
    spec: { holderIdentity: nodeName, leaseDurationSeconds: LEASE_DURATION_SECONDS, renewTime: kubeMicroTime(now) },
  };
}
