import type { KubeObject } from '@drydock/util';
import { containerProgram, ContainerProgram, ContainerSpec } from '../runtime/container-program';
import { hintedQuantity } from '../runtime/sim-annotations';
import type { LifecycleEnvironment, LifecycleEvent, PodRuntime } from './lifecycle.types';
import { reportExit, reportLivenessFailure, reportReadiness } from './container-lifecycle';
import { createPodRuntime, stepPod } from './pod-lifecycle.machine';
import { buildPodStatus } from './pod-status.builder';

/** Parsed JSON, untyped as JSON.parse returns it: assertions dig into API objects freely. */
type Json = ReturnType<typeof JSON.parse>;

const EPOCH = Date.parse('2026-11-22T03:00:00Z');

/**
 * How the scripts of these tests end when their interpreter runs them (ContainerProcesses reports it
 * to the machine; its own tests prove the interpreter's side): here the fake world knows in advance.
 */
const SCRIPT_EXITS: Record<string, { afterMs: number; exitCode: number }> = {
  'sh -c echo hi': { afterMs: 0, exitCode: 0 },
  'sh -c sleep 5; exit 3': { afterMs: 5_000, exitCode: 3 },
  false: { afterMs: 0, exitCode: 1 },
};

function scriptedProgram(container: ContainerSpec): ContainerProgram {
  const program = containerProgram(container);
  const exit = program.script && SCRIPT_EXITS[program.script.join(' ')];
  return exit ? { ...program, script: undefined, exit } : program;
}

/** A fake world: a settable simulated clock (scale 1), an image cache, and named missing objects. */
function fakeEnvironment(options: { missingConfig?: string; missingVolume?: string } = {}) {
  const images = new Set<string>();
  let ids = 0;
  const env: LifecycleEnvironment = {
    nowMs: 0,
    wallAt: (ms) => new Date(EPOCH + ms),
    volumeError: () => options.missingVolume,
    configError: () => options.missingConfig,
    imagePresent: (image) => images.has(image),
    recordImage: (image) => void images.add(image),
    program: (_pod, container) => scriptedProgram(container),
    memoryUsage: (pod) => hintedQuantity(pod.metadata.annotations?.['sim.drydock.dev/memory-usage']),
    newContainerId: () => String(++ids).padStart(64, '0'),
  };
  return env;
}

function pod(spec: Record<string, unknown>, annotations: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', uid: 'u-1', annotations }, spec: { restartPolicy: 'Always', ...spec } };
}

/** Steps the machine at every wake-up until `untilMs`, collecting events. */
function runUntil(runtime: PodRuntime, object: KubeObject, env: LifecycleEnvironment, untilMs: number): LifecycleEvent[] {
  const events: LifecycleEvent[] = [];
  for (let i = 0; i < 500; i++) {
    const result = stepPod(runtime, object, env);
    events.push(...result.events);
    if (result.wakeAtMs === undefined || result.wakeAtMs > untilMs) break;
    env.nowMs = Math.max(env.nowMs, result.wakeAtMs);
  }
  env.nowMs = untilMs;
  events.push(...stepPod(runtime, object, env).events);
  return events;
}

const status = (runtime: PodRuntime, object: KubeObject) => buildPodStatus(runtime, object, '10.0.0.1', '2026-11-22T03:00:00Z') as { phase: string; conditions: Array<{ type: string; status: string; reason?: string }>; containerStatuses: Array<Json> };

describe('pod lifecycle machine', () => {
  it('pulls, creates and starts a server container, then it is Running and Ready', () => {
    const env = fakeEnvironment();
    const object = pod({ containers: [{ name: 'web', image: 'nginx:1.27' }] }, { 'sim.drydock.dev/pull-duration': '1.2s' });
    const runtime = createPodRuntime(object, '10.244.1.2', env);
    const first = stepPod(runtime, object, env);
    expect(first.events.map((e) => e.reason)).toEqual(['Pulling']);
    expect(status(runtime, object).phase).toBe('Pending');
    expect(status(runtime, object).containerStatuses[0].state).toEqual({ waiting: { reason: 'ContainerCreating' } });
    const events = runUntil(runtime, object, env, 2_000);
    expect(events.map((e) => `${e.reason}: ${e.message}`)).toEqual([
      'Pulled: Successfully pulled image "nginx:1.27" in 1.2s (1.2s including waiting). Image size: ' + events[0].message.split('Image size: ')[1],
      'Created: Created container: web',
      'Started: Started container web',
    ]);
    const s = status(runtime, object);
    expect(s.phase).toBe('Running');
    expect(s.conditions.find((c) => c.type === 'Ready')!.status).toBe('True');
    expect(s.containerStatuses[0]).toMatchObject({ ready: true, started: true, restartCount: 0, image: 'docker.io/library/nginx:1.27' });
  });

  it('reports the QoS class the pod had when it started, even after its resources were resized', () => {
    const env = fakeEnvironment();
    const resources = { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '100m', memory: '64Mi' } };
    const object = pod({ containers: [{ name: 'web', image: 'nginx:1.27', resources }] });
    const runtime = createPodRuntime(object, '10.244.1.2', env);
    expect((status(runtime, object) as Json).qosClass).toBe('Guaranteed');
    const resized = pod({ containers: [{ name: 'web', image: 'nginx:1.27', resources: { ...resources, limits: { cpu: '200m', memory: '64Mi' } } }] });
    expect((status(runtime, resized) as Json).qosClass).toBe('Guaranteed');
  });

  it('becomes Ready only after the readiness probe\'s initialDelaySeconds', () => {
    const env = fakeEnvironment();
    const object = pod({ containers: [{ name: 'web', image: 'nginx', readinessProbe: { initialDelaySeconds: 5 } }] }, { 'sim.drydock.dev/pull-duration': '1s' });
    const runtime = createPodRuntime(object, '10.244.1.2', env);
    runUntil(runtime, object, env, 3_000);
    expect(status(runtime, object).conditions.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady' });
    runUntil(runtime, object, env, 6_001);
    expect(status(runtime, object).conditions.find((c) => c.type === 'Ready')!.status).toBe('True');
  });

  it('reports started and Ready only after the startup probe\'s initialDelaySeconds', () => {
    const env = fakeEnvironment();
    const object = pod({ containers: [{ name: 'web', image: 'nginx:1.27', startupProbe: { initialDelaySeconds: 8 }, readinessProbe: { initialDelaySeconds: 2 } }] }, { 'sim.drydock.dev/pull-duration': '1s' });
    const runtime = createPodRuntime(object, '10.244.1.2', env);
    runUntil(runtime, object, env, 5_000);
    expect(status(runtime, object).containerStatuses[0]).toMatchObject({ started: false, ready: false, state: { running: {} } });
    runUntil(runtime, object, env, 9_500);
    expect(status(runtime, object).containerStatuses[0]).toMatchObject({ started: true, ready: false });
    runUntil(runtime, object, env, 11_100);
    expect(status(runtime, object).containerStatuses[0]).toMatchObject({ started: true, ready: true });
  });

  it('completes `sh -c "echo hi"` with restartPolicy Never: Succeeded, exit 0, Completed', () => {
    const env = fakeEnvironment();
    const object = pod({ restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'echo hi'] }] });
    const runtime = createPodRuntime(object, '10.244.1.2', env);
    runUntil(runtime, object, env, 10_000);
    const s = status(runtime, object);
    expect(s.phase).toBe('Succeeded');
    expect(s.containerStatuses[0].state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(s.conditions.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
  });

  it('fails `sleep 5; exit 3` after five simulated seconds with Error', () => {
    const env = fakeEnvironment();
    const object = pod({ restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'sleep 5; exit 3'] }] }, { 'sim.drydock.dev/pull-duration': '1s' });
    const runtime = createPodRuntime(object, '10.244.1.2', env);
    runUntil(runtime, object, env, 5_500);
    expect(status(runtime, object).phase).toBe('Running');
    runUntil(runtime, object, env, 6_100);
    const s = status(runtime, object);
    expect(s.phase).toBe('Failed');
    expect(s.containerStatuses[0].state.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
  });

  it('crash-loops with back-off 10s, 20s, 40s … capped at 5m', () => {
    const env = fakeEnvironment();
    const object = pod({ containers: [{ name: 'c', image: 'busybox:1.36', command: ['false'] }] }, { 'sim.drydock.dev/pull-duration': '1s' });
    const runtime = createPodRuntime(object, '10.244.1.2', env);
    const events = runUntil(runtime, object, env, 1_500);
    expect(runtime.containers[0].restartCount).toBe(1);
    expect(status(runtime, object).containerStatuses[0].state.waiting.message).toBe('back-off 10s restarting failed container=c pod=p_default(u-1)');
    events.push(...runUntil(runtime, object, env, 10_900));
    expect(runtime.containers[0].restartCount).toBe(1);
    events.push(...runUntil(runtime, object, env, 11_100));
    expect(runtime.containers[0].restartCount).toBe(2);
    expect(status(runtime, object).containerStatuses[0].state.waiting.message).toBe('back-off 20s restarting failed container=c pod=p_default(u-1)');
    const later = runUntil(runtime, object, env, 1_000 + 10_000 + 20_000 + 40_000 + 80_000 + 160_000 + 300_000 + 300_000 + 10);
    const backoffs = [...events, ...later].filter((e) => e.reason === 'BackOff').length;
    expect(backoffs).toBe(8);
    expect(runtime.containers[0].restartCount).toBe(8);
    const s = status(runtime, object);
    expect(s.phase).toBe('Running');
    expect(s.containerStatuses[0].state.waiting).toMatchObject({ reason: 'CrashLoopBackOff', message: 'back-off 5m0s restarting failed container=c pod=p_default(u-1)' });
    expect(s.containerStatuses[0].lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
  });

  it('fails a tag nginx never had with ErrImagePull, then ImagePullBackOff', () => {
    const env = fakeEnvironment();
    const object = pod({ containers: [{ name: 'web', image: 'nginx:no-such-tag' }] }, { 'sim.drydock.dev/pull-duration': '1s' });
    const runtime = createPodRuntime(object, '10.244.1.2', env);
    const events = runUntil(runtime, object, env, 1_000);
    expect(events.map((e) => e.message)).toContain('Error: ErrImagePull');
    expect(status(runtime, object).containerStatuses[0].state.waiting.reason).toBe('ErrImagePull');
    const more = runUntil(runtime, object, env, 2_500);
    expect(more.map((e) => e.reason)).toEqual(['BackOff', 'Failed']);
    expect(status(runtime, object).containerStatuses[0].state.waiting.reason).toBe('ImagePullBackOff');
    expect(status(runtime, object).phase).toBe('Pending');
  });

  it('refuses to pull with imagePullPolicy Never when the image is not on the node', () => {
    const env = fakeEnvironment();
    const object = pod({ containers: [{ name: 'web', image: 'nginx:1.27', imagePullPolicy: 'Never' }] });
    const runtime = createPodRuntime(object, '10.244.1.2', env);
    const events = runUntil(runtime, object, env, 1_000);
    expect(events).toContainEqual({ type: 'Warning', reason: 'ErrImageNeverPull', message: 'Container image "nginx:1.27" is not present with pull policy of Never', fieldPath: 'spec.containers{web}' });
    expect(status(runtime, object).containerStatuses[0].state.waiting.reason).toBe('ErrImageNeverPull');
    env.recordImage('nginx:1.27');
    runUntil(runtime, object, env, 12_000);
    expect(status(runtime, object).phase).toBe('Running');
  });

  it('pulls a private image it cannot know', () => {
    const env = fakeEnvironment();
    const object = pod({ containers: [{ name: 'app', image: 'ghcr.io/org/app:1.0.0' }] });
    const runtime = createPodRuntime(object, '10.244.1.2', env);
    runUntil(runtime, object, env, 5_000);
    expect(status(runtime, object).phase).toBe('Running');
  });

  it('reports CreateContainerConfigError for a missing ConfigMap', () => {
    const env = fakeEnvironment({ missingConfig: 'configmap "x" not found' });
    const object = pod({ containers: [{ name: 'web', image: 'nginx' }] });
    const runtime = createPodRuntime(object, '10.244.1.2', env);
    const events = runUntil(runtime, object, env, 5_000);
    expect(events).toContainEqual({ type: 'Warning', reason: 'Failed', message: 'Error: configmap "x" not found', fieldPath: 'spec.containers{web}' });
    expect(status(runtime, object).containerStatuses[0].state.waiting).toEqual({ reason: 'CreateContainerConfigError', message: 'configmap "x" not found' });
  });

  it('reports FailedMount and keeps ContainerCreating while a volume source is missing', () => {
    const env = fakeEnvironment({ missingVolume: 'MountVolume.SetUp failed for volume "cfg" : configmap "x" not found' });
    const object = pod({ containers: [{ name: 'web', image: 'nginx' }] });
    const runtime = createPodRuntime(object, '10.244.1.2', env);
    const events = runUntil(runtime, object, env, 15_000);
    expect(events.filter((e) => e.reason === 'FailedMount')).toHaveLength(2);
    expect(status(runtime, object).containerStatuses[0].state.waiting.reason).toBe('ContainerCreating');
  });

  it('OOM-kills a container whose simulated memory use exceeds its limit', () => {
    const env = fakeEnvironment();
    const object = pod({ restartPolicy: 'Never', containers: [{ name: 'c', image: 'redis', resources: { limits: { memory: '128Mi' } } }] }, { 'sim.drydock.dev/memory-usage': '512Mi' });
    const runtime = createPodRuntime(object, '10.244.1.2', env);
    runUntil(runtime, object, env, 10_000);
    const s = status(runtime, object);
    expect(s.containerStatuses[0].state.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
    expect(s.phase).toBe('Failed');
  });

  it('terminates gracefully: Killing, a server exits 0, then asks for the final delete', () => {
    const env = fakeEnvironment();
    const object = pod({ containers: [{ name: 'web', image: 'nginx' }] });
    const runtime = createPodRuntime(object, '10.244.1.2', env);
    runUntil(runtime, object, env, 5_000);
    const deleting = { ...object, metadata: { ...object.metadata, deletionTimestamp: '2026-11-22T03:00:35Z', deletionGracePeriodSeconds: 30 } };
    const first = stepPod(runtime, deleting, env);
    expect(first.events).toEqual([{ type: 'Normal', reason: 'Killing', message: 'Stopping container web', fieldPath: 'spec.containers{web}' }]);
    expect(first.deleteNow).toBe(false);
    env.nowMs = first.wakeAtMs!;
    expect(stepPod(runtime, deleting, env).deleteNow).toBe(true);
    expect(status(runtime, deleting).containerStatuses[0].state.terminated).toMatchObject({ exitCode: 0 });
  });

  it('kills `sleep 3600` (which ignores SIGTERM) at the grace deadline with 137', () => {
    const env = fakeEnvironment();
    const object = pod({ containers: [{ name: 'c', image: 'busybox', command: ['sleep', '3600'] }] });
    const runtime = createPodRuntime(object, '10.244.1.2', env);
    runUntil(runtime, object, env, 5_000);
    const deleting = { ...object, metadata: { ...object.metadata, deletionTimestamp: 'x', deletionGracePeriodSeconds: 10 } };
    const first = stepPod(runtime, deleting, env);
    expect(first.wakeAtMs).toBe(15_000);
    env.nowMs = 15_000;
    expect(stepPod(runtime, deleting, env).deleteNow).toBe(true);
    expect(status(runtime, deleting).phase).toBe('Failed');
  });

  it('keeps conditions others wrote and honours readiness gates', () => {
    const env = fakeEnvironment();
    const object = pod({ readinessGates: [{ conditionType: 'example.com/lb' }], containers: [{ name: 'web', image: 'nginx:1.27' }] });
    const runtime = createPodRuntime(object, '10.244.1.2', env);
    runUntil(runtime, object, env, 5_000);
    expect(status(runtime, object).conditions.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'ReadinessGatesNotReady', message: 'corresponding condition of pod readiness gate "example.com/lb" does not exist.' });
    const gated = { ...object, status: { conditions: [{ type: 'example.com/lb', status: 'True' }, { type: 'DisruptionTarget', status: 'True', reason: 'EvictionByEvictionAPI' }] } };
    const conditions = status(runtime, gated).conditions;
    expect(conditions.find((c) => c.type === 'Ready')!.status).toBe('True');
    expect(conditions.map((c) => c.type)).toEqual(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled', 'example.com/lb', 'DisruptionTarget']);
  });

  it('runs init containers first; the app waits in PodInitializing', () => {
    const env = fakeEnvironment();
    const object = pod({ initContainers: [{ name: 'init', image: 'busybox', command: ['sleep', '3'] }], containers: [{ name: 'web', image: 'nginx' }] }, { 'sim.drydock.dev/pull-duration': '1s' });
    const runtime = createPodRuntime(object, '10.244.1.2', env);
    runUntil(runtime, object, env, 2_000);
    const s = status(runtime, object);
    expect(s.containerStatuses[0].state.waiting.reason).toBe('PodInitializing');
    expect(s.conditions.find((c) => c.type === 'Initialized')!.status).toBe('False');
    runUntil(runtime, object, env, 6_000);
    expect(status(runtime, object).phase).toBe('Running');
  });

  it('keeps a script running until its interpreter reports the exit, then completes at that instant', () => {
    const env = fakeEnvironment();
    const object = pod({ restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'echo a; sleep 7'] }] }, { 'sim.drydock.dev/pull-duration': '1s' });
    const runtime = createPodRuntime(object, '10.244.1.2', env);
    runUntil(runtime, object, env, 60_000);
    const c = runtime.containers[0];
    expect(status(runtime, object).phase).toBe('Running');
    expect(reportExit(c, 'not-this-instance', 60_000, 0)).toBe(false);
    expect(reportExit(c, c.running!.id, 60_000, 4)).toBe(true);
    expect(stepPod(runtime, object, env).wakeAtMs).toBeUndefined();
    expect(status(runtime, object).phase).toBe('Failed');
    expect(status(runtime, object).containerStatuses[0].state.terminated).toMatchObject({ exitCode: 4, reason: 'Error' });
    expect(c.instances[0].endedAfterMs).toBe(59_000);
  });

  it('kills a container whose exec liveness probe failed (Killing, no second Unhealthy) and restarts it', () => {
    const env = fakeEnvironment();
    const object = pod({ containers: [{ name: 'liveness', image: 'busybox', args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'] }] }, { 'sim.drydock.dev/pull-duration': '1s' });
    const runtime = createPodRuntime(object, '10.244.1.2', env);
    runUntil(runtime, object, env, 45_000);
    const c = runtime.containers[0];
    expect(reportLivenessFailure(c, c.running!.id, 45_000)).toBe(true);
    const events = stepPod(runtime, object, env).events.map((e) => `${e.reason}: ${e.message}`);
    // The first restart is immediate, so the same step already pulls again.
    expect(events[0]).toBe('Killing: Container liveness failed liveness probe, will be restarted');
    expect(events.filter((e) => e.startsWith('Unhealthy'))).toEqual([]);
    expect(c.lastTerminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    runUntil(runtime, object, env, 48_000);
    expect(c.restartCount).toBe(1);
    expect(c.running).toBeDefined();
  });

  it('waits for an exec readiness probe to report before Ready, and drops Ready when it fails', () => {
    const env = fakeEnvironment();
    const object = pod({ containers: [{ name: 'web', image: 'nginx:1.27', readinessProbe: { exec: { command: ['cat', '/tmp/ready'] } } }] }, { 'sim.drydock.dev/pull-duration': '1s' });
    const runtime = createPodRuntime(object, '10.244.1.2', env);
    runUntil(runtime, object, env, 30_000);
    const c = runtime.containers[0];
    expect(c.ready).toBe(false);
    expect(reportReadiness(c, c.running!.id, 30_000, true)).toBe(true);
    runUntil(runtime, object, env, 30_001);
    expect(status(runtime, object).conditions.find((x) => x.type === 'Ready')!.status).toBe('True');
    reportReadiness(c, c.running!.id, 40_000, false);
    runUntil(runtime, object, env, 40_001);
    expect(status(runtime, object).conditions.find((x) => x.type === 'Ready')!.status).toBe('False');
  });
});
