import { NodeInfo, newPodInfo } from './node-info';
import type { CycleContext } from './plugin.types';
import { Snapshot, snapshotOf } from './snapshot';
import type { Node, Pod, PodSpec, Taint } from './types';

/** Builders for unit tests: small, readable nodes and pods. Not used by production code. */
export function makeNode(name: string, options: { cpu?: string; memory?: string; pods?: number; labels?: Record<string, string>; taints?: Taint[]; unschedulable?: boolean } = {}): Node {
  const allocatable = { cpu: options.cpu ?? '4', memory: options.memory ?? '16Gi', pods: String(options.pods ?? 110) };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...options.labels } },
    spec: { taints: options.taints, unschedulable: options.unschedulable },
    status: { allocatable, capacity: allocatable },
  };
}

export function makePod(name: string, spec: Partial<PodSpec> & { cpu?: string; memory?: string } = {}, labels: Record<string, string> = {}, namespace = 'default'): Pod {
  const { cpu, memory, ...rest } = spec;
  const requests: Record<string, string> = {};
  if (cpu) requests.cpu = cpu;
  if (memory) requests.memory = memory;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, uid: `uid-${namespace}-${name}`, labels },
    spec: { containers: [{ name: 'app', resources: { requests } }], ...rest },
  };
}

export function nodeInfoOf(node: Node, pods: Pod[] = []): NodeInfo {
  const info = new NodeInfo(node.metadata.name!);
  info.setNode(node);
  for (const pod of pods) info.addPod(newPodInfo({ ...pod, spec: { ...pod.spec, nodeName: node.metadata.name } }));
  return info;
}

export function contextFor(pod: Pod, snapshot: Snapshot = snapshotOf([])): CycleContext {
  return { pod, podInfo: newPodInfo(pod), snapshot, state: new Map() };
}
