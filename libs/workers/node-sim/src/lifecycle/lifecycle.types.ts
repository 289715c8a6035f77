import type { KubeObject } from '@drydock/util';
import type { ContainerProgram, ContainerSpec } from '../runtime/container-program';

/**
 * The simulated runtime's view of one pod, owned and mutated only by the lifecycle machine. Times
 * named `…Ms` are simulated milliseconds on the machine's timeline; `…At` strings are real RFC 3339
 * wall-clock timestamps as written to the API.
 */

export type ContainerStage =
  | 'new' // not yet pulled for this instance
  | 'pulling'
  | 'pull-failed' // ErrImagePull
  | 'pull-backoff' // ImagePullBackOff
  | 'creating'
  | 'config-error' // CreateContainerConfigError
  | 'starting'
  | 'running'
  | 'exited' // terminated; restart decision pending
  | 'crash-backoff' // CrashLoopBackOff
  | 'done'; // terminated for good, or never to start (pod terminating)

export interface TerminatedState {
  exitCode: number;
  reason: string;
  message?: string;
  startedAt: string;
  finishedAt: string;
  containerID: string;
}

/** One run of a container, kept for logs (the current one and, for `previous=true`, the one before). */
export interface ContainerInstance {
  id: string;
  program: ContainerProgram;
  startedAtReal: number;
  /** Simulated ms after start at which it ended; undefined while running. */
  endedAfterMs?: number;
}

export interface RunningProcess {
  id: string;
  startedAtMs: number;
  startedAt: string;
  program: ContainerProgram;
  exitAtMs?: number;
  exitCode?: number;
  exitReason?: string;
  readyAtMs?: number;
  /** When the startup probe first succeeds (start itself without one); readiness and liveness wait for it. */
  startupAtMs: number;
  livenessFailAtMs?: number;
  /** The liveness failure was found by an exec probe, whose Unhealthy events are already recorded. */
  livenessByProbe?: boolean;
  /** Next time a failing readiness probe reports Unhealthy. */
  unhealthyAtMs?: number;
  /** Set when the pod is being deleted: when and how the process ends (SIGTERM handled or SIGKILL). */
  stop?: { atMs: number; exitCode: number; reason: string };
}

export interface ContainerRuntime {
  spec: ContainerSpec;
  init: boolean;
  /** An init container with restartPolicy Always (a sidecar): counts as done once started. */
  sidecar: boolean;
  stage: ContainerStage;
  /** When the current stage's timer fires (simulated ms); Infinity when it waits for nothing. */
  untilMs: number;
  waiting?: { reason: string; message?: string };
  restartCount: number;
  pullFailures: number;
  pullStartedMs?: number;
  crashes: number;
  imageID?: string;
  running?: RunningProcess;
  ready: boolean;
  /** The startup probe passed (containerStatuses[].started). */
  started: boolean;
  terminated?: TerminatedState;
  lastTerminated?: TerminatedState;
  instances: ContainerInstance[];
}

export interface PodRuntime {
  uid: string;
  startTime: string;
  podIP: string;
  volumesReady: boolean;
  volumeRetryMs: number;
  initContainers: ContainerRuntime[];
  containers: ContainerRuntime[];
  terminating?: { deadlineMs: number };
  /** Set once the pod reached Succeeded/Failed (no further transitions except deletion). */
  terminalPhase?: 'Succeeded' | 'Failed';
  /** status.qosClass, computed once: a pod's QoS class never changes (a resize may not change it either). */
  qosClass?: string;
}

/** An event the kubelet records about the pod; `fieldPath` names the container (`spec.containers{web}`). */
export interface LifecycleEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  fieldPath?: string;
}

/**
 * What the machine may ask of the world, all synchronous and side-effect free except the image
 * cache. The driver answers from informer caches; tests answer from fixtures.
 */
export interface LifecycleEnvironment {
  /** Simulated now. */
  nowMs: number;
  /** Real wall-clock time of a simulated instant. */
  wallAt(simulatedMs: number): Date;
  /** FailedMount message for the first volume whose ConfigMap/Secret is missing. */
  volumeError(pod: KubeObject): string | undefined;
  /** `configmap "x" not found` when the container's env refers to a missing object or key. */
  configError(pod: KubeObject, container: ContainerSpec): string | undefined;
  imagePresent(image: string): boolean;
  recordImage(image: string): void;
  program(pod: KubeObject, container: ContainerSpec): ContainerProgram;
  /** Simulated memory use of the container in bytes (annotation or env hint), if any. */
  memoryUsage(pod: KubeObject, container: ContainerSpec): number | undefined;
  newContainerId(): string;
}

export interface StepResult {
  events: LifecycleEvent[];
  /** Next simulated instant the pod needs a step; undefined when it waits for no timer. */
  wakeAtMs?: number;
  /** The pod finished terminating: write the final status, then delete it with gracePeriodSeconds 0. */
  deleteNow: boolean;
}
