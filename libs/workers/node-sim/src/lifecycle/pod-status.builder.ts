import { podQosClass } from '@drydock/kube';
import type { KubeObject } from '@drydock/util';
import { parseImageReference } from '../runtime/image-rules';
import type { ContainerRuntime, PodRuntime } from './lifecycle.types';

/**
 * The pod status the kubelet reports, built from the runtime as upstream's generateAPIPodStatus
 * does: phase (getPhase), the five conditions in upstream order, container statuses, IPs, startTime
 * and qosClass. Pure; condition transition times are kept from `previous` when the status is unchanged.
 */

export interface Condition {
  type: string;
  status: 'True' | 'False';
  reason?: string;
  message?: string;
  lastProbeTime: null;
  lastTransitionTime: string;
  observedGeneration?: number;
}

/** `previousConditions`: what this kubelet last wrote (default: the pod's current status), for transition times. */
export function buildPodStatus(runtime: PodRuntime, pod: KubeObject, hostIP: string, now: string, previousConditions?: Condition[]): Record<string, unknown> {
  const previous = previousConditions ?? ((pod.status ?? {}) as { conditions?: Condition[] }).conditions ?? [];
  const phase = podPhase(runtime, pod);
  return {
    phase,
    conditions: podConditions(runtime, pod, phase, previous, now),
    hostIP,
    hostIPs: [{ ip: hostIP }],
    podIP: runtime.podIP,
    podIPs: [{ ip: runtime.podIP }],
    startTime: runtime.startTime,
    ...(runtime.initContainers.length ? { initContainerStatuses: runtime.initContainers.map(containerStatus) } : {}),
    containerStatuses: runtime.containers.map(containerStatus),
    qosClass: runtime.qosClass ?? podQosClass(pod.spec),
  };
}

/** Upstream's getPhase: waiting containers that never ran keep the pod Pending. */
export function podPhase(runtime: PodRuntime, pod: KubeObject): string {
  if (runtime.terminalPhase) return runtime.terminalPhase;
  const initDone = runtime.initContainers.every((c) => c.sidecar ? !!c.running : c.stage === 'done' && c.terminated?.exitCode === 0);
  if (!initDone) return 'Pending';
  let waiting = 0;
  let running = 0;
  let stopped = 0;
  for (const c of runtime.containers) {
    if (c.running) running++;
    else if (c.terminated || c.lastTerminated) stopped++;
    else waiting++;
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  const policy = ((pod.spec ?? {}) as { restartPolicy?: string }).restartPolicy ?? 'Always';
  return stopped > 0 && policy !== 'Never' ? 'Running' : 'Pending';
}

function unready(containers: ContainerRuntime[]): string[] {
  return containers.filter((c) => !c.ready).map((c) => c.spec.name);
}

type ConditionCore = Omit<Condition, 'lastProbeTime' | 'lastTransitionTime' | 'observedGeneration'>;

/** The condition types the kubelet owns (upstream's PodConditionsByKubelet); others are kept as written. */
const KUBELET_CONDITIONS = new Set(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']);

/** Ready also needs every readinessGates condition True (upstream's generatePodReadyCondition). */
function readinessGateProblem(pod: KubeObject, existing: Condition[]): string | undefined {
  const gates = ((pod.spec ?? {}) as { readinessGates?: Array<{ conditionType: string }> }).readinessGates ?? [];
  for (const gate of gates) {
    const condition = existing.find((c) => c.type === gate.conditionType);
    if (!condition) return `corresponding condition of pod readiness gate "${gate.conditionType}" does not exist.`;
    if (condition.status !== 'True') return `the status of pod readiness gate "${gate.conditionType}" is not "True", but ${condition.status}`;
  }
  return undefined;
}

function kubeletConditions(runtime: PodRuntime, pod: KubeObject, phase: string, existing: Condition[]): ConditionCore[] {
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  const initPending = runtime.initContainers.filter((c) => !(c.sidecar ? c.running : c.stage === 'done' && c.terminated?.exitCode === 0)).map((c) => c.spec.name);
  const notReady = unready(runtime.containers);
  const containersReady: ConditionCore = terminal
    ? { type: 'ContainersReady', status: 'False', reason: 'PodCompleted' }
    : notReady.length ? { type: 'ContainersReady', status: 'False', reason: 'ContainersNotReady', message: `containers with unready status: [${notReady.join(' ')}]` } : { type: 'ContainersReady', status: 'True' };
  const gateProblem = containersReady.status === 'True' ? readinessGateProblem(pod, existing) : undefined;
  const ready: ConditionCore = gateProblem ? { type: 'Ready', status: 'False', reason: 'ReadinessGatesNotReady', message: gateProblem } : { ...containersReady, type: 'Ready' };
  return [
    { type: 'PodReadyToStartContainers', status: terminal && !runtime.terminating ? 'False' : 'True' },
    initPending.length && !terminal ? { type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: `containers with incomplete status: [${initPending.join(' ')}]` } : { type: 'Initialized', status: 'True' },
    ready,
    containersReady,
    { type: 'PodScheduled', status: 'True' },
  ];
}

/**
 * The kubelet's conditions with transition times (kept from `previous` when the status is the same),
 * followed by the conditions others wrote (DisruptionTarget, readiness gates), which the kubelet keeps.
 */
function podConditions(runtime: PodRuntime, pod: KubeObject, phase: string, previous: Condition[], now: string): Condition[] {
  const existing = ((pod.status ?? {}) as { conditions?: Condition[] }).conditions ?? [];
  const generation = pod.metadata.generation;
  const owned = kubeletConditions(runtime, pod, phase, existing).map((condition) => {
    const before = previous.find((p) => p.type === condition.type);
    const lastTransitionTime = before && before.status === condition.status ? before.lastTransitionTime : now;
    return { ...condition, ...(generation !== undefined ? { observedGeneration: generation } : {}), lastProbeTime: null, lastTransitionTime } as Condition;
  });
  return [...owned, ...existing.filter((c) => !KUBELET_CONDITIONS.has(c.type))];
}

function terminatedJson(t: NonNullable<ContainerRuntime['terminated']>): Record<string, unknown> {
  return { terminated: { exitCode: t.exitCode, reason: t.reason, ...(t.message ? { message: t.message } : {}), startedAt: t.startedAt, finishedAt: t.finishedAt, containerID: t.containerID } };
}

function containerState(c: ContainerRuntime): Record<string, unknown> {
  if (c.running) return { running: { startedAt: c.running.startedAt } };
  if (c.terminated && (c.stage === 'done' || c.stage === 'exited')) return terminatedJson(c.terminated);
  const waiting = c.waiting ?? { reason: 'ContainerCreating' };
  return { waiting: { reason: waiting.reason, ...(waiting.message ? { message: waiting.message } : {}) } };
}

function containerStatus(c: ContainerRuntime): Record<string, unknown> {
  const image = c.spec.image ?? '';
  const containerID = c.running ? `drydock://${c.running.id}` : c.terminated?.containerID ?? c.lastTerminated?.containerID;
  const lastState = c.terminated && c.stage !== 'done' && c.stage !== 'exited' ? c.terminated : c.lastTerminated;
  return {
    name: c.spec.name,
    state: containerState(c),
    lastState: lastState ? terminatedJson(lastState) : {},
    ready: c.ready,
    restartCount: c.restartCount,
    image: c.imageID ? parseImageReference(image).canonical : image,
    imageID: c.imageID ?? '',
    ...(containerID ? { containerID } : {}),
    started: !!c.running && c.started,
  };
}

