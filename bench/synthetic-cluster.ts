/**
 * A cluster written straight through the REST API, without a control loop: Ready Nodes and Running Pods
 * bound to them (spec.nodeName, then a status patch), as a started cluster has them. bench:graphql and
 * bench:dashboard's `DASHBOARD_BENCH_CLUSTER=rest` set up with it.
 */
import { kubeTime } from '@drydock/kube';

/** Runs `work(i)` for i in [0, total) with `width` in flight. */
export async function pool(total: number, width: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, total) }, async () => {
      while (next < total) await work(next++);
    }),
  );
}

export const syntheticNodeName = (i: number): string => `node-${String(i).padStart(4, '0')}`;
export const syntheticPodName = (i: number): string => `big-7c9f8d6b5-${String(i).padStart(5, '0')}`;
/** The node pod `i` runs on: round-robin over `nodes`. */
export const syntheticNodeOf = (i: number, nodes: number): string => syntheticNodeName(i % nodes);

/** Node `i`: 16 CPUs, 64 GiB, 110 pods, Ready. */
export function syntheticNode(i: number): Record<string, unknown> {
  const name = syntheticNodeName(i);
  const now = kubeTime(new Date());
  const resources = { cpu: '16', memory: '64Gi', pods: '110', 'ephemeral-storage': '100Gi' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', 'node-role.kubernetes.io/worker': '' } },
    spec: {},
    status: {
      capacity: resources,
      allocatable: { ...resources, cpu: '15800m', memory: '63Gi' },
      conditions: [
        { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available', lastHeartbeatTime: now, lastTransitionTime: now },
        { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure', lastHeartbeatTime: now, lastTransitionTime: now },
        { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available', lastHeartbeatTime: now, lastTransitionTime: now },
        { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: now, lastTransitionTime: now },
      ],
      addresses: [
        { type: 'InternalIP', address: `10.${(i >> 8) & 255}.${i & 255}.1` },
        { type: 'Hostname', address: name },
      ],
      nodeInfo: { kubeletVersion: 'v1.35.0', kubeProxyVersion: 'v1.35.0', containerRuntimeVersion: 'drydock://0.1.0', operatingSystem: 'linux', architecture: 'amd64', osImage: 'Drydock', kernelVersion: '6.1.0', machineID: name, systemUUID: name, bootID: name },
    },
  };
}

/** Pod `i` of the ReplicaSet `big-7c9f8d6b5` (whose uid it names as its controller), bound to its node. */
export function syntheticPod(i: number, nodes: number, replicaSetUid: string): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: syntheticPodName(i),
      labels: { app: 'big', 'pod-template-hash': '7c9f8d6b5' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'big-7c9f8d6b5', uid: replicaSetUid, controller: true, blockOwnerDeletion: true }],
    },
    spec: { nodeName: syntheticNodeOf(i, nodes), containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
  };
}

/** The status patch (merge patch of pods/status) that makes pod `i` Running and Ready, as its kubelet would. */
export function syntheticPodStatus(i: number, nodes: number, restartCount: number): Record<string, unknown> {
  const now = kubeTime(new Date());
  const ready = { status: 'True', lastProbeTime: null, lastTransitionTime: now };
  return {
    status: {
      phase: 'Running',
      conditions: [
        { type: 'PodReadyToStartContainers', ...ready },
        { type: 'Initialized', ...ready },
        { type: 'Ready', ...ready },
        { type: 'ContainersReady', ...ready },
        { type: 'PodScheduled', ...ready },
      ],
      hostIP: `10.${((i % nodes) >> 8) & 255}.${i % nodes & 255}.1`,
      podIP: `10.${128 + ((i >> 16) & 63)}.${(i >> 8) & 255}.${i & 255}`,
      startTime: now,
      containerStatuses: [{ name: 'app', image: 'nginx:1.27', imageID: 'docker.io/library/nginx@sha256:0000', containerID: `drydock://${i}-${restartCount}`, ready: true, started: true, restartCount, state: { running: { startedAt: now } } }],
    },
  };
}
