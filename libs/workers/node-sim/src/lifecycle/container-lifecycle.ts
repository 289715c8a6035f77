import { kubeTime, parseQuantity } from '@drydock/kube';
import type { KubeObject } from '@drydock/util';
import { defaultPullPolicy, imageDigest, imagePullError, parseImageReference, simulatedImageSize } from '../runtime/image-rules';
import { formatGoDuration, parseDurationMs, simAnnotation, SimAnnotation } from '../runtime/sim-annotations';
import type { ContainerRuntime, LifecycleEnvironment, LifecycleEvent, TerminatedState } from './lifecycle.types';

/** Upstream's kubelet back-off: 10 s doubling to 300 s (image pulls and crash loops alike). */
export const BACKOFF_INITIAL_MS = 10_000;
export const BACKOFF_MAX_MS = 300_000;
const CONFIG_RETRY_MS = 10_000;
const ERR_IMAGE_PULL_MS = 1_000;

export function backoffMs(failures: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_INITIAL_MS * 2 ** Math.max(0, failures - 1));
}

/** Default simulated pull time: 0.5–3 s, stable per image. */
function defaultPullMs(image: string): number {
  return 500 + (simulatedImageSize(image) % 2500);
}

export interface ContainerContext {
  pod: KubeObject;
  env: LifecycleEnvironment;
  events: LifecycleEvent[];
}

function fieldPath(c: ContainerRuntime): string {
  return `${c.init ? 'spec.initContainers' : 'spec.containers'}{${c.spec.name}}`;
}

function emit(ctx: ContainerContext, c: ContainerRuntime, type: LifecycleEvent['type'], reason: string, message: string): void {
  ctx.events.push({ type, reason, message, fieldPath: fieldPath(c) });
}

function podRef(pod: KubeObject): string {
  return `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
}

type StageHandler = (c: ContainerRuntime, ctx: ContainerContext, t: number) => void;

/** What happens when a stage's timer fires at simulated time `t`. */
const STAGE_HANDLERS: Partial<Record<ContainerRuntime['stage'], StageHandler>> = {
  new: (c, ctx, t) => beginPull(c, ctx, t),
  pulling: (c, ctx, t) => finishPull(c, ctx, t),
  'pull-failed': (c, ctx, t) => enterPullBackoff(c, ctx, t),
  'pull-backoff': (c, _ctx, t) => setStage(c, 'new', t),
  creating: (c, ctx, t) => create(c, ctx, t),
  'config-error': (c, _ctx, t) => setStage(c, 'creating', t),
  starting: (c, ctx, t) => start(c, ctx, t),
  running: (c, ctx, t) => tickRunning(c, ctx, t),
  exited: (c, ctx, t) => decideRestart(c, ctx, t),
  'crash-backoff': (c, _ctx, t) => restart(c, t),
};

/** Runs every transition of one container that is due by `env.nowMs`. Contract: mutates `c` only. */
export function advanceContainer(c: ContainerRuntime, ctx: ContainerContext): void {
  for (let guard = 0; guard < 32 && c.untilMs <= ctx.env.nowMs; guard++) {
    const handler = STAGE_HANDLERS[c.stage];
    if (!handler) return;
    handler(c, ctx, c.untilMs);
  }
}

function setStage(c: ContainerRuntime, stage: ContainerRuntime['stage'], untilMs: number, waiting?: ContainerRuntime['waiting']): void {
  c.stage = stage;
  c.untilMs = untilMs;
  if (waiting) c.waiting = waiting;
}

function beginPull(c: ContainerRuntime, ctx: ContainerContext, t: number): void {
  const image = c.spec.image ?? '';
  const policy = (c.spec.imagePullPolicy as string | undefined) ?? defaultPullPolicy(image);
  const present = ctx.env.imagePresent(image);
  if (policy !== 'Always' && present) {
    emit(ctx, c, 'Normal', 'Pulled', `Container image "${image}" already present on machine and can be accessed by the pod`);
    return setStage(c, 'creating', t);
  }
  if (policy === 'Never') {
    const message = `Container image "${image}" is not present with pull policy of Never`;
    emit(ctx, c, 'Warning', 'ErrImageNeverPull', message);
    return setStage(c, 'pull-backoff', t + CONFIG_RETRY_MS, { reason: 'ErrImageNeverPull', message });
  }
  emit(ctx, c, 'Normal', 'Pulling', `Pulling image "${image}"`);
  c.pullStartedMs = t;
  // An Always pull of an image whose layers are on the node only checks the manifest: quicker.
  const typical = present ? Math.max(200, defaultPullMs(image) / 4) : defaultPullMs(image);
  const duration = parseDurationMs(simAnnotation(ctx.pod, SimAnnotation.pullDuration, c.spec.name)) ?? typical;
  setStage(c, 'pulling', t + duration, c.waiting ?? { reason: 'ContainerCreating' });
}

function finishPull(c: ContainerRuntime, ctx: ContainerContext, t: number): void {
  const image = c.spec.image ?? '';
  const error = imagePullError(image);
  if (error) {
    c.pullFailures++;
    emit(ctx, c, 'Warning', 'Failed', `Failed to pull image "${image}": ${error}`);
    emit(ctx, c, 'Warning', 'Failed', 'Error: ErrImagePull');
    return setStage(c, 'pull-failed', t + ERR_IMAGE_PULL_MS, { reason: 'ErrImagePull', message: error });
  }
  const took = formatGoDuration(Math.max(1, t - (c.pullStartedMs ?? t)));
  ctx.env.recordImage(image);
  c.pullFailures = 0;
  const reference = parseImageReference(image);
  c.imageID = `${reference.registry}/${reference.repository}@sha256:${imageDigest(reference.canonical)}`;
  emit(ctx, c, 'Normal', 'Pulled', `Successfully pulled image "${image}" in ${took} (${took} including waiting). Image size: ${simulatedImageSize(image)} bytes.`);
  setStage(c, 'creating', t, c.restartCount > 0 || c.lastTerminated ? c.waiting : { reason: 'ContainerCreating' });
}

function enterPullBackoff(c: ContainerRuntime, ctx: ContainerContext, t: number): void {
  const image = c.spec.image ?? '';
  const message = `Back-off pulling image "${image}": ErrImagePull: ${c.waiting?.message ?? ''}`;
  emit(ctx, c, 'Normal', 'BackOff', `Back-off pulling image "${image}"`);
  emit(ctx, c, 'Warning', 'Failed', 'Error: ImagePullBackOff');
  setStage(c, 'pull-backoff', t + backoffMs(c.pullFailures), { reason: 'ImagePullBackOff', message });
}

function create(c: ContainerRuntime, ctx: ContainerContext, t: number): void {
  const error = ctx.env.configError(ctx.pod, c.spec);
  if (error) {
    emit(ctx, c, 'Warning', 'Failed', `Error: ${error}`);
    return setStage(c, 'config-error', t + CONFIG_RETRY_MS, { reason: 'CreateContainerConfigError', message: error });
  }
  emit(ctx, c, 'Normal', 'Created', `Created container: ${c.spec.name}`);
  const startMs = parseDurationMs(simAnnotation(ctx.pod, SimAnnotation.startDuration, c.spec.name)) ?? 0;
  setStage(c, 'starting', t + startMs);
}

/** Memory limit of a container in bytes, if set (the API server validated it). */
function memoryLimit(c: ContainerRuntime): number | undefined {
  const resources = c.spec.resources as { limits?: Record<string, string> } | undefined;
  const limit = resources?.limits?.memory;
  return limit === undefined ? undefined : parseQuantity(limit).value();
}

interface Probe {
  initialDelaySeconds?: number;
  periodSeconds?: number;
  failureThreshold?: number;
}

function start(c: ContainerRuntime, ctx: ContainerContext, t: number): void {
  const { pod, env } = ctx;
  const program = env.program(pod, c.spec);
  const id = env.newContainerId();
  const startedAt = env.wallAt(t);
  c.running = { id, startedAtMs: t, startedAt: kubeTime(startedAt), program, startupAtMs: t };
  c.waiting = undefined;
  c.terminated = undefined;
  c.instances = [...c.instances.slice(-1), { id, program, startedAtReal: startedAt.getTime() }];
  planExit(c, ctx, t);
  planProbes(c, ctx, t);
  emit(ctx, c, 'Normal', 'Started', `Started container ${c.spec.name}`);
  setStage(c, 'running', nextRunningTimer(c));
}

function planExit(c: ContainerRuntime, ctx: ContainerContext, t: number): void {
  const running = c.running!;
  const name = c.spec.name;
  const exit = running.program.exit;
  if (exit) Object.assign(running, { exitAtMs: t + exit.afterMs, exitCode: exit.exitCode, exitReason: exit.exitCode === 0 ? 'Completed' : 'Error' });
  const exitAfter = parseDurationMs(simAnnotation(ctx.pod, SimAnnotation.exitAfter, name));
  const exitCode = Number(simAnnotation(ctx.pod, SimAnnotation.exitCode, name) ?? 0);
  if (exitAfter !== undefined) Object.assign(running, { exitAtMs: t + exitAfter, exitCode, exitReason: exitCode === 0 ? 'Completed' : 'Error' });
  const crash = simAnnotation(ctx.pod, SimAnnotation.crash, name);
  if (crash !== undefined && crash !== 'false') {
    Object.assign(running, { exitAtMs: t + (parseDurationMs(crash) ?? 1_000), exitCode: Number(simAnnotation(ctx.pod, SimAnnotation.exitCode, name) ?? 1) || 1, exitReason: 'Error' });
  }
  const usage = ctx.env.memoryUsage(ctx.pod, c.spec);
  const limit = memoryLimit(c);
  if (usage !== undefined && limit !== undefined && usage > limit) {
    Object.assign(running, { exitAtMs: Math.min(running.exitAtMs ?? Infinity, t + 1_000), exitCode: 137, exitReason: 'OOMKilled' });
  }
}

function planProbes(c: ContainerRuntime, ctx: ContainerContext, t0: number): void {
  const running = c.running!;
  const name = c.spec.name;
  running.startupAtMs = t0 + ((c.spec.startupProbe as Probe | undefined)?.initialDelaySeconds ?? 0) * 1000;
  const t = running.startupAtMs;
  const readiness = c.spec.readinessProbe as Probe | undefined;
  const readyAfter = parseDurationMs(simAnnotation(ctx.pod, SimAnnotation.readyAfter, name));
  const failing = simAnnotation(ctx.pod, SimAnnotation.readiness, name) === 'fail';
  // An exec readiness probe runs for real (ExecProbes): Ready when it first succeeds (reportReadiness).
  const byExec = !!(readiness as { exec?: unknown } | undefined)?.exec && readyAfter === undefined;
  if (failing) running.unhealthyAtMs = t + (readiness?.initialDelaySeconds ?? 0) * 1000;
  else if (!byExec) running.readyAtMs = readyAfter !== undefined ? Math.max(t, t0 + readyAfter) : t + (readiness ? (readiness.initialDelaySeconds ?? 0) * 1000 : 0);
  const liveness = c.spec.livenessProbe as Probe | undefined;
  if (simAnnotation(ctx.pod, SimAnnotation.liveness, name) === 'fail') {
    const probe = liveness ?? {};
    running.livenessFailAtMs = t + ((probe.initialDelaySeconds ?? 0) + (probe.periodSeconds ?? 10) * (probe.failureThreshold ?? 3)) * 1000;
  }
}

function nextRunningTimer(c: ContainerRuntime): number {
  const r = c.running!;
  const ready = c.ready ? Infinity : (r.readyAtMs ?? Infinity);
  const startup = c.started ? Infinity : r.startupAtMs;
  return Math.min(r.exitAtMs ?? Infinity, ready, startup, r.livenessFailAtMs ?? Infinity, r.unhealthyAtMs ?? Infinity, r.stop?.atMs ?? Infinity);
}

function tickRunning(c: ContainerRuntime, ctx: ContainerContext, t: number): void {
  const r = c.running!;
  if (r.stop && r.stop.atMs <= t && (r.exitAtMs ?? Infinity) > r.stop.atMs) return terminate(c, ctx, r.stop.atMs, r.stop.exitCode, r.stop.reason);
  if (r.exitAtMs !== undefined && r.exitAtMs <= t) return terminate(c, ctx, r.exitAtMs, r.exitCode ?? 0, r.exitReason ?? 'Completed');
  if (r.livenessFailAtMs !== undefined && r.livenessFailAtMs <= t) {
    if (!r.livenessByProbe) emit(ctx, c, 'Warning', 'Unhealthy', 'Liveness probe failed: HTTP probe failed with statuscode: 500');
    emit(ctx, c, 'Normal', 'Killing', `Container ${c.spec.name} failed liveness probe, will be restarted`);
    return terminate(c, ctx, r.livenessFailAtMs, r.program.handlesSigterm ? 0 : 137, r.program.handlesSigterm ? 'Completed' : 'Error');
  }
  if (r.startupAtMs <= t) c.started = true;
  if (r.readyAtMs !== undefined && r.readyAtMs <= t) c.ready = true;
  if (r.unhealthyAtMs !== undefined && r.unhealthyAtMs <= t) {
    emit(ctx, c, 'Warning', 'Unhealthy', 'Readiness probe failed: HTTP probe failed with statuscode: 503');
    r.unhealthyAtMs = t + ((c.spec.readinessProbe as Probe | undefined)?.periodSeconds ?? 10) * 1000;
  }
  c.untilMs = nextRunningTimer(c);
}

/**
 * The container's script ended at `t` with `exitCode` (its interpreter says so; see
 * ContainerProcesses). The exit is taken at the next step. False when that instance no longer runs.
 */
export function reportExit(c: ContainerRuntime, containerId: string, t: number, exitCode: number): boolean {
  const r = c.running;
  if (!r || r.id !== containerId || (r.exitAtMs !== undefined && r.exitAtMs <= t)) return false;
  Object.assign(r, { exitAtMs: t, exitCode, exitReason: exitCode === 0 ? 'Completed' : 'Error' });
  c.untilMs = Math.min(c.untilMs, t);
  return true;
}

/**
 * The container's exec liveness probe failed `failureThreshold` times in a row at `t` (see
 * ExecProbes): it is killed and restarted at the next step. False when that instance no longer runs.
 */
export function reportLivenessFailure(c: ContainerRuntime, containerId: string, t: number): boolean {
  const r = c.running;
  if (!r || r.id !== containerId) return false;
  Object.assign(r, { livenessFailAtMs: Math.min(r.livenessFailAtMs ?? Infinity, t), livenessByProbe: true });
  c.untilMs = Math.min(c.untilMs, t);
  return true;
}

/**
 * The container's exec readiness probe reached its success or failure threshold at `t`: Ready from
 * then (once started), or no longer Ready. False when that instance no longer runs.
 */
export function reportReadiness(c: ContainerRuntime, containerId: string, t: number, ready: boolean): boolean {
  const r = c.running;
  if (!r || r.id !== containerId) return false;
  if (ready) {
    r.readyAtMs = Math.max(t, r.startupAtMs);
    c.untilMs = Math.min(c.untilMs, r.readyAtMs);
  } else {
    r.readyAtMs = undefined;
    c.ready = false;
  }
  return true;
}

/** Ends the current process at `t` with the given code; the next stage decides about restarts. */
export function terminate(c: ContainerRuntime, ctx: ContainerContext, t: number, exitCode: number, reason: string): void {
  const r = c.running!;
  const state: TerminatedState = { exitCode, reason, startedAt: r.startedAt, finishedAt: kubeTime(ctx.env.wallAt(t)), containerID: `drydock://${r.id}` };
  c.terminated = state;
  c.ready = false;
  c.started = false;
  const instance = c.instances[c.instances.length - 1];
  if (instance) instance.endedAfterMs = t - r.startedAtMs;
  c.running = undefined;
  setStage(c, ctx.pod.metadata.deletionTimestamp ? 'done' : 'exited', ctx.pod.metadata.deletionTimestamp ? Infinity : t);
}

function decideRestart(c: ContainerRuntime, ctx: ContainerContext, t: number): void {
  const policy = (ctx.pod.spec as { restartPolicy?: string } | undefined)?.restartPolicy ?? 'Always';
  const code = c.terminated?.exitCode ?? 0;
  const restarts = c.sidecar || (c.init ? policy !== 'Never' && code !== 0 : policy === 'Always' || (policy === 'OnFailure' && code !== 0));
  if (!restarts) return setStage(c, 'done', Infinity);
  c.crashes++;
  if (c.crashes === 1) return restart(c, t);
  const delay = backoffMs(c.crashes - 1);
  const pod = podRef(ctx.pod);
  emit(ctx, c, 'Warning', 'BackOff', `Back-off restarting failed container ${c.spec.name} in pod ${pod}`);
  setStage(c, 'crash-backoff', t + delay, { reason: 'CrashLoopBackOff', message: `back-off ${formatGoDuration(delay)} restarting failed container=${c.spec.name} pod=${pod}` });
}

function restart(c: ContainerRuntime, t: number): void {
  c.lastTerminated = c.terminated;
  c.terminated = undefined;
  c.restartCount++;
  setStage(c, 'new', t);
}

