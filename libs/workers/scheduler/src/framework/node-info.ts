import { Allocatable, allocatableOf, emptyResources, podNonZeroRequests, podRequests, Resources } from './resources';
import type { Node, Pod, PodAffinityTerm } from './types';

/** A pod with what the scheduler derives from it, computed once per pod version. */
export interface PodInfo {
  pod: Pod;
  key: string;
  requests: Resources;
  nonZero: { milliCPU: number; memory: number };
  requiredAffinityTerms: PodAffinityTerm[];
  requiredAntiAffinityTerms: PodAffinityTerm[];
  /** True when the pod has any pod (anti-)affinity term, required or preferred. */
  hasAffinity: boolean;
  /** True when the pod requests extended (scalar) resources. */
  hasScalarRequests: boolean;
}

export function podKey(pod: Pod): string {
  return `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
}

export function newPodInfo(pod: Pod): PodInfo {
  const affinity = pod.spec.affinity;
  const requiredAffinityTerms = affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
  const requiredAntiAffinityTerms = affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
  const preferred = (affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.length ?? 0) + (affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.length ?? 0);
  const requests = podRequests(pod);
  return {
    pod,
    key: podKey(pod),
    requests,
    hasScalarRequests: Object.keys(requests.scalar).length > 0,
    nonZero: podNonZeroRequests(pod),
    requiredAffinityTerms,
    requiredAntiAffinityTerms,
    hasAffinity: requiredAffinityTerms.length + requiredAntiAffinityTerms.length + preferred > 0,
  };
}

let generationCounter = 0;

/**
 * One node and the pods on it (bound or assumed), with their summed requests: the unit every filter
 * and score reads. Mutated only by the scheduler cache, between scheduling cycles.
 */
export class NodeInfo {
  node: Node | null = null;
  allocatable: Allocatable = { ...emptyResources(), allowedPodNumber: 0 };
  readonly pods = new Map<string, PodInfo>();
  requested: Resources = emptyResources();
  nonZeroRequested = { milliCPU: 0, memory: 0 };
  podsWithAffinity = 0;
  podsWithRequiredAntiAffinity = 0;
  /** Bumped on every change, so callers can tell a changed node (upstream's NodeInfo.Generation). */
  generation = ++generationCounter;
  private readonly memos = new Map<string, { generation: number; value: unknown }>();

  constructor(readonly name: string) {}

  get labels(): Record<string, string> {
    return this.node?.metadata.labels ?? {};
  }

  /**
   * A value derived from this node and its pods, computed once per generation: plugins count matching
   * pods per node here, so a cycle recounts only the nodes that changed since the last one. `key` must
   * name everything else the value depends on. At most 256 keys are kept per node.
   */
  memo<T>(key: string, compute: () => T): T {
    const cached = this.memos.get(key);
    if (cached && cached.generation === this.generation) return cached.value as T;
    const value = compute();
    if (!cached && this.memos.size >= 256) this.memos.clear();
    this.memos.set(key, { generation: this.generation, value });
    return value;
  }

  setNode(node: Node): void {
    this.node = node;
    this.allocatable = allocatableOf(node.status);
    this.generation = ++generationCounter;
  }

  addPod(info: PodInfo): void {
    this.removePod(info.key);
    this.pods.set(info.key, info);
    this.apply(info, 1);
  }

  /** Returns whether the pod was on this node. */
  removePod(key: string): boolean {
    const existing = this.pods.get(key);
    if (!existing) return false;
    this.pods.delete(key);
    this.apply(existing, -1);
    return true;
  }

  private apply(info: PodInfo, sign: 1 | -1): void {
    const requested = this.requested;
    requested.milliCPU += sign * info.requests.milliCPU;
    requested.memory += sign * info.requests.memory;
    requested.ephemeralStorage += sign * info.requests.ephemeralStorage;
    for (const [name, value] of Object.entries(info.requests.scalar)) requested.scalar[name] = (requested.scalar[name] ?? 0) + sign * value;
    this.nonZeroRequested.milliCPU += sign * info.nonZero.milliCPU;
    this.nonZeroRequested.memory += sign * info.nonZero.memory;
    if (info.hasAffinity) this.podsWithAffinity += sign;
    if (info.requiredAntiAffinityTerms.length > 0) this.podsWithRequiredAntiAffinity += sign;
    this.generation = ++generationCounter;
  }
}
