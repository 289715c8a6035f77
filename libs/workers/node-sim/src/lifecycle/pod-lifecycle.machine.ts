import { kubeTime, podQosClass } from '@drydock/kube';
import type { KubeObject } from '@drydock/util';
import type { ContainerSpec } from '../runtime/container-program';
import { parseDurationMs, simAnnotation, SimAnnotation } from '../runtime/sim-annotations';
import { advanceContainer, ContainerContext } from './container-lifecycle';
import type { ContainerRuntime, LifecycleEnvironment, LifecycleEvent, PodRuntime, StepResult } from './lifecycle.types';

/**
 * The simulated kubelet's pod worker as a pure state machine: `stepPod` runs every transition due by
 * `env.nowMs` (volumes → init containers in order → containers; image pulls, config errors, starts,
 * probes, exits, restarts with back-off; graceful termination) and says when it next needs a step.
 * It never performs I/O; the driver writes the status built from the runtime and records the events.
 */

const VOLUME_RETRY_MS = 10_000;
const DEFAULT_STOP_MS = 500;

interface PodSpecView {
  containers?: ContainerSpec[];
  initContainers?: Array<ContainerSpec & { restartPolicy?: string }>;
  restartPolicy?: string;
}

function newContainer(spec: ContainerSpec, init: boolean, sidecar: boolean, nowMs: number): ContainerRuntime {
  return { spec, init, sidecar, stage: 'new', untilMs: init ? Infinity : nowMs, waiting: { reason: init ? 'PodInitializing' : 'ContainerCreating' }, restartCount: 0, pullFailures: 0, crashes: 0, ready: false, started: false, instances: [] };
}

/** The runtime of a pod the kubelet has just admitted (startTime now, the given pod IP). */
export function createPodRuntime(pod: KubeObject, podIP: string, env: LifecycleEnvironment): PodRuntime {
  const spec = (pod.spec ?? {}) as PodSpecView;
  const init = (spec.initContainers ?? []).map((c) => newContainer(c, true, c.restartPolicy === 'Always', env.nowMs));
  const containers = (spec.containers ?? []).map((c) => newContainer(c, false, false, env.nowMs));
  if (init.length > 0) {
    init[0].untilMs = env.nowMs;
    init[0].waiting = { reason: 'PodInitializing' };
    for (const c of containers) {
      c.untilMs = Infinity;
      c.waiting = { reason: 'PodInitializing' };
    }
  }
  return { uid: pod.metadata.uid ?? '', startTime: kubeTime(env.wallAt(env.nowMs)), podIP, volumesReady: false, volumeRetryMs: env.nowMs, initContainers: init, containers, qosClass: podQosClass(pod.spec) };
}

/** Runs all transitions due now. Contract: mutates `runtime` only; `pod` is the latest object. */
export function stepPod(runtime: PodRuntime, pod: KubeObject, env: LifecycleEnvironment): StepResult {
  const events: LifecycleEvent[] = [];
  const ctx: ContainerContext = { pod, env, events };
  if (pod.metadata.deletionTimestamp) return stepTerminating(runtime, ctx);
  if (runtime.terminalPhase) return { events, deleteNow: false };
  if (!runtime.volumesReady && !mountVolumes(runtime, ctx)) return { events, wakeAtMs: runtime.volumeRetryMs, deleteNow: false };
  if (!runInitContainers(runtime, ctx)) return result(runtime, events);
  for (const c of runtime.containers) advanceContainer(c, ctx);
  runtime.terminalPhase = terminalPhase(runtime, pod);
  return result(runtime, events);
}

function result(runtime: PodRuntime, events: LifecycleEvent[]): StepResult {
  const all = [...runtime.initContainers, ...runtime.containers];
  const wake = Math.min(...all.map((c) => c.untilMs));
  return { events, wakeAtMs: Number.isFinite(wake) ? wake : undefined, deleteNow: false };
}

function mountVolumes(runtime: PodRuntime, ctx: ContainerContext): boolean {
  const error = ctx.env.volumeError(ctx.pod);
  if (!error) {
    runtime.volumesReady = true;
    return true;
  }
  if (runtime.volumeRetryMs <= ctx.env.nowMs) {
    ctx.events.push({ type: 'Warning', reason: 'FailedMount', message: error });
    runtime.volumeRetryMs = ctx.env.nowMs + VOLUME_RETRY_MS;
  }
  return false;
}

/** Advances the init containers in order; true once all are done and the containers may start. */
function runInitContainers(runtime: PodRuntime, ctx: ContainerContext): boolean {
  const policy = ((ctx.pod.spec ?? {}) as PodSpecView).restartPolicy ?? 'Always';
  for (const c of runtime.initContainers) {
    if (c.untilMs === Infinity && c.stage === 'new') c.untilMs = ctx.env.nowMs;
    advanceContainer(c, ctx);
    if (c.sidecar && (c.stage === 'running' || c.running)) continue;
    if (c.stage === 'done' && c.terminated?.exitCode === 0) continue;
    if (c.stage === 'done' && policy === 'Never') runtime.terminalPhase = 'Failed';
    return false;
  }
  for (const c of runtime.containers) {
    if (c.stage === 'new' && c.untilMs === Infinity) {
      c.untilMs = ctx.env.nowMs;
      c.waiting = { reason: 'ContainerCreating' };
    }
  }
  return true;
}

/** Succeeded/Failed once no container runs or will restart (restartPolicy Never/OnFailure). */
function terminalPhase(runtime: PodRuntime, pod: KubeObject): PodRuntime['terminalPhase'] {
  const containers = runtime.containers;
  if (containers.length === 0 || !containers.every((c) => c.stage === 'done' && c.terminated)) return undefined;
  const policy = ((pod.spec ?? {}) as PodSpecView).restartPolicy ?? 'Always';
  if (policy === 'Always') return undefined;
  return containers.every((c) => c.terminated!.exitCode === 0) ? 'Succeeded' : 'Failed';
}

/**
 * Graceful termination: Killing for each running container, SIGTERM (a server stops after the
 * stop duration with exit 0), SIGKILL at the grace deadline (exit 137); once nothing runs, the
 * pod is terminal and `deleteNow` asks the driver to confirm the deletion with grace 0.
 */
function stepTerminating(runtime: PodRuntime, ctx: ContainerContext): StepResult {
  const { pod, env } = ctx;
  const all = [...runtime.initContainers, ...runtime.containers];
  if (!runtime.terminating) {
    const graceMs = (pod.metadata.deletionGracePeriodSeconds ?? 30) * 1000;
    runtime.terminating = { deadlineMs: env.nowMs + graceMs };
    for (const c of all) beginStop(c, ctx, runtime.terminating.deadlineMs);
  }
  for (const c of all) if (c.running) advanceContainer(c, ctx);
  if (all.some((c) => c.running)) return { events: ctx.events, wakeAtMs: Math.min(...all.map((c) => c.untilMs)), deleteNow: false };
  const failed = runtime.containers.some((c) => (c.terminated?.exitCode ?? 0) !== 0);
  runtime.terminalPhase = runtime.terminalPhase ?? (failed ? 'Failed' : 'Succeeded');
  return { events: ctx.events, deleteNow: true };
}

function beginStop(c: ContainerRuntime, ctx: ContainerContext, deadlineMs: number): void {
  const now = ctx.env.nowMs;
  if (!c.running) {
    c.stage = 'done';
    c.untilMs = Infinity;
    return;
  }
  ctx.events.push({ type: 'Normal', reason: 'Killing', message: `Stopping container ${c.spec.name}`, fieldPath: `${c.init ? 'spec.initContainers' : 'spec.containers'}{${c.spec.name}}` });
  const stopMs = parseDurationMs(simAnnotation(ctx.pod, SimAnnotation.stopDuration, c.spec.name)) ?? DEFAULT_STOP_MS;
  const graceful = c.running.program.handlesSigterm && now + stopMs < deadlineMs;
  c.running.stop = graceful ? { atMs: now + stopMs, exitCode: 0, reason: 'Completed' } : { atMs: deadlineMs, exitCode: 137, reason: 'Error' };
  c.stage = 'running';
  c.untilMs = Math.min(c.running.stop.atMs, c.running.exitAtMs ?? Infinity);
}
