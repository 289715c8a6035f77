import { kubeTime } from '@drydock/kube';
import type { KubeClient } from '@drydock/client';
import { isNotFound, resources } from '@drydock/client';
import type { Clock, KubeObject } from '@drydock/util';
import { randomBytes } from 'node:crypto';
import { reportExit, reportLivenessFailure, reportReadiness } from '../lifecycle/container-lifecycle';
import type { ContainerRuntime, LifecycleEnvironment, PodRuntime } from '../lifecycle/lifecycle.types';
import { createPodRuntime, stepPod } from '../lifecycle/pod-lifecycle.machine';
import { buildPodStatus, Condition } from '../lifecycle/pod-status.builder';
import { allocatable } from '../node/node-object.builder';
import { containerProgram, ContainerSpec } from '../runtime/container-program';
import { parseImageReference, wellKnownName } from '../runtime/image-rules';
import { hintedQuantity, MEMORY_USAGE_ENV, simAnnotation, SimAnnotation } from '../runtime/sim-annotations';
import { stressArguments, stressLoad } from '../runtime/stress-program';
import { containerCommands } from '../shell/commands/container-commands';
import { simulatedNow } from '../shell/commands/date.command';
import { imageFamily } from '../runtime/image-layouts';
import type { Signal } from '../shell/commands/kill.command';
import { ContainerShell, ShellActivity } from '../shell/container-shell';
import type { ApiLimiter } from './api-limiter';
import { ObjectLookup, resolveContainerEnvironment, volumeMountError } from './container-environment';
import { ContainerFilesystems } from './container-filesystems';
import { ContainerProcesses, ProcessAttachment } from './container-processes';
import { ExecProbes } from './exec-probes';
import { LifecycleHooks } from './lifecycle-hooks';
import type { ClusterNetwork } from './cluster-network';
import type { EventSink } from './event-sink';
import { admitPod } from './pod-admission';
import type { SimulatedNode } from './simulated-node';

export interface PodWorkerDependencies {
  client: KubeClient;
  /** The client of a node's kubelet (`system:node:<name>`): its writes go through it. */
  kubelet: (node: string) => KubeClient;
  clock: Clock;
  limiter: ApiLimiter;
  events: EventSink;
  lookup: ObjectLookup;
  log: (message: string) => void;
  /** Where PVC-backed volumes keep their files; in memory when unset. */
  volumesDirectory?: string;
  /** The cluster's Services, Endpoints and pods, for the containers' network commands. */
  network: ClusterNetwork;
  /** The nodes as machines (their files for hostPath volumes, their shell for chroot); none when unset. */
  nodeHost?: { root(node: SimulatedNode): string; shell(node: SimulatedNode): ContainerShell };
}

/** One pod on one of this process's nodes, with its simulated runtime and status-write bookkeeping. */
export interface PodEntry {
  pod: KubeObject;
  node: SimulatedNode;
  runtime?: PodRuntime;
  timer?: NodeJS.Timeout;
  lastStatus?: string;
  /** Conditions of the last status built: their transition times survive a stale informer copy. */
  lastConditions?: Condition[];
  /** The resourceVersion our last status write made: a later copy whose readiness differs was written by someone else. */
  writtenRv?: number;
  writing?: Promise<void>;
  deleting: boolean;
  gone: boolean;
  /** Refused by admission (OutOfcpu…): failed, never run. */
  rejected?: boolean;
}

/**
 * The kubelet's pod workers for every node of the process. Informer handlers call `podChanged` /
 * `podDeleted`; each call (and each timer the lifecycle machine asks for) runs one `stepPod`, records
 * its events, and writes `pods/status` when the built status changed (coalesced per pod, API calls
 * bounded by the shared limiter). A powered-off node's pods are not stepped and not written.
 */
export class PodWorkers {
  private readonly entries = new Map<string, PodEntry>();
  /** Entries per node, for admission (a node has at most a few hundred). */
  private readonly byNode = new Map<string, Set<PodEntry>>();
  private readonly realEpoch = Date.now();
  private readonly filesystems = new ContainerFilesystems();
  private readonly activities = new WeakMap<ContainerRuntime, ShellActivity>();
  private readonly processes = new ContainerProcesses({
    nowMs: () => this.nowMs(),
    shell: (container) => this.shellOf(container),
    exited: (container, containerId, exitCode) => this.scriptExited(container, containerId, exitCode),
    log: (message) => this.deps.log(message),
  });
  private readonly probes = new ExecProbes({
    setTimeout: (callback, simulatedMs) => this.deps.clock.setTimeout(callback, simulatedMs),
    shell: (container) => this.shellOf(container),
    unhealthy: (container, message) => this.containerEvent(container, 'Unhealthy', message),
    failed: (container, containerId) => this.livenessFailed(container, containerId),
    readiness: (container, containerId, ready) => this.readinessChanged(container, containerId, ready),
  });
  private readonly hooks = new LifecycleHooks({
    shell: (container) => this.shellOf(container),
    podRef: (container) => {
      const { name, namespace, uid } = this.owners.get(container)?.pod.metadata ?? {};
      return `${name}_${namespace}(${uid})`;
    },
    failed: (container, containerId, hook, message) => this.hookFailed(container, containerId, hook, message),
  });
  /** The entry of each container runtime, for the processes' callbacks. */
  private readonly owners = new WeakMap<ContainerRuntime, PodEntry>();

  constructor(
    private readonly deps: PodWorkerDependencies,
    private readonly nodes: Map<string, SimulatedNode>,
  ) {}

  /** Pod of this process by namespace/name (the kubelet server's lookup). */
  find(namespace: string, name: string): PodEntry | undefined {
    return this.entries.get(`${namespace}/${name}`);
  }

  /** The running script of a container, for the kubelet's attach endpoint; undefined when only its log can be followed. */
  attachProcess(container: ContainerRuntime): ProcessAttachment | undefined {
    return container.running ? this.processes.attach(container.running.id) : undefined;
  }

  podChanged(pod: KubeObject): void {
    const node = this.nodes.get((pod.spec as { nodeName?: string } | undefined)?.nodeName ?? '');
    if (!node) return;
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    let entry = this.entries.get(key);
    if (entry && entry.pod.metadata.uid !== pod.metadata.uid) {
      this.forget(entry);
      entry = undefined;
    }
    if (!entry) {
      entry = { pod, node, deleting: false, gone: false };
      this.entries.set(key, entry);
      if (!this.byNode.has(node.name)) this.byNode.set(node.name, new Set());
      this.byNode.get(node.name)!.add(entry);
    }
    entry.pod = pod;
    if (this.overwrittenElsewhere(entry)) {
      // As upstream's status manager (needsReconcile): another writer changed what this kubelet reports (the
      // node lifecycle controller's MarkPodsNotReady after heartbeats it missed): write the kubelet's view again.
      entry.lastStatus = undefined;
      entry.lastConditions = undefined;
    }
    this.sync(entry);
  }

  /** Whether the API's copy, newer than our last status write, disagrees with it on phase or readiness. */
  private overwrittenElsewhere(entry: PodEntry): boolean {
    if (entry.writtenRv === undefined || !entry.lastConditions || Number(entry.pod.metadata.resourceVersion) <= entry.writtenRv) return false;
    const observed = (entry.pod.status ?? {}) as { phase?: string; conditions?: Condition[] };
    const written = JSON.parse(entry.lastStatus ?? '{}') as { phase?: string };
    const statusOf = (conditions: Condition[] | undefined, type: string) => conditions?.find((condition) => condition.type === type)?.status;
    return observed.phase !== written.phase || ['Ready', 'ContainersReady'].some((type) => statusOf(observed.conditions, type) !== statusOf(entry.lastConditions, type));
  }

  podDeleted(pod: KubeObject): void {
    const entry = this.entries.get(`${pod.metadata.namespace}/${pod.metadata.name}`);
    if (entry && entry.pod.metadata.uid === pod.metadata.uid) this.forget(entry);
  }

  /**
   * Re-steps every pod of a node after power on, and rewrites their status even if unchanged here:
   * meanwhile the node lifecycle controller may have marked them not Ready (transition times are then
   * taken from the API's copy).
   */
  resyncNode(nodeName: string): void {
    for (const entry of this.entries.values()) {
      if (entry.node.name !== nodeName) continue;
      entry.lastStatus = undefined;
      entry.lastConditions = undefined;
      this.sync(entry);
    }
  }

  stop(): void {
    for (const entry of this.entries.values()) clearTimeout(entry.timer);
    this.processes.stopAll();
    this.probes.stopAll();
  }

  private forget(entry: PodEntry): void {
    clearTimeout(entry.timer);
    const key = podKey(entry);
    this.processes.stopPod(key);
    this.probes.stopPod(key);
    this.hooks.forgetPod(key);
    this.filesystems.dropPod(key);
    this.byNode.get(entry.node.name)?.delete(entry);
    entry.gone = true;
    if (entry.runtime) entry.node.releasePodIP(entry.runtime.podIP);
    this.entries.delete(`${entry.pod.metadata.namespace}/${entry.pod.metadata.name}`);
  }

  /** Simulated now on the timeline of the containers' `startedAtMs`. */
  nowMs(): number {
    return this.deps.clock.simulatedSince(this.realEpoch);
  }

  /** The pods a node runs (the kubelet's stats provider reads them). */
  podsOn(nodeName: string): PodEntry[] {
    return [...(this.byNode.get(nodeName) ?? [])];
  }

  private sync(entry: PodEntry): void {
    if (entry.gone || !entry.node.active || entry.deleting) return;
    const env = this.environment(entry);
    let adopted = false;
    if (entry.rejected) return this.adoptTerminal(entry);
    if (!entry.runtime) {
      const phase = (entry.pod.status as { phase?: string } | undefined)?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') return this.adoptTerminal(entry);
      if (phase !== 'Running' && this.reject(entry)) return;
      adopted = this.admit(entry, env);
    }
    const result = stepPod(entry.runtime!, entry.pod, env);
    this.runProcesses(entry);
    if (!adopted) this.recordEvents(entry, result.events);
    this.writeStatus(entry, result.deleteNow);
    clearTimeout(entry.timer);
    if (result.wakeAtMs !== undefined) entry.timer = this.deps.clock.setTimeout(() => this.sync(entry), Math.max(0, result.wakeAtMs - this.nowMs()) + 1);
  }

  /**
   * Creates the pod's runtime. A pod already Running (this process restarted) is adopted quietly:
   * its IP, startTime and restart counts are kept and its containers start again at once, without
   * events. Returns whether it was adopted.
   */
  private admit(entry: PodEntry, env: LifecycleEnvironment): boolean {
    const status = (entry.pod.status ?? {}) as { phase?: string; podIP?: string; startTime?: string; containerStatuses?: Array<{ name: string; restartCount?: number }> };
    const spec = (entry.pod.spec ?? {}) as { initContainers?: unknown[]; hostNetwork?: boolean };
    const adopt = status.phase === 'Running' && !!status.podIP && !spec.initContainers?.length;
    // A hostNetwork pod shares the node's address; others get one from the node's podCIDR.
    const podIP = spec.hostNetwork ? entry.node.hostIP : adopt ? entry.node.reservePodIP(status.podIP!) : entry.node.allocatePodIP();
    const runtime = createPodRuntime(entry.pod, podIP, env);
    entry.runtime = runtime;
    if (!adopt) return false;
    runtime.startTime = status.startTime ?? runtime.startTime;
    for (const c of runtime.containers) {
      c.restartCount = status.containerStatuses?.find((s) => s.name === c.spec.name)?.restartCount ?? 0;
      c.stage = 'creating';
    }
    return true;
  }

  /** Kubelet admission: a pod that does not fit the node's allocatable is failed (OutOfcpu…), never run. */
  private reject(entry: PodEntry): boolean {
    const admitted = [...(this.byNode.get(entry.node.name) ?? [])].filter((other) => other !== entry && other.runtime && !other.runtime.terminalPhase).map((other) => other.pod);
    const rejection = admitPod(entry.pod, admitted, allocatable(entry.node.definition.pool.capacity));
    if (!rejection) return false;
    entry.rejected = true;
    this.recordEvents(entry, [{ type: 'Warning', ...rejection }]);
    const status = { phase: 'Failed', reason: rejection.reason, message: `Pod was rejected: ${rejection.message}`, startTime: kubeTime(this.deps.clock.now()) };
    const { namespace, name } = entry.pod.metadata;
    entry.writing = this.deps.limiter.run(() => this.deps.kubelet(entry.node.name).patch(resources.pods, namespace!, name!, { status }, 'merge', { subresource: 'status', discardResult: true })).then(
      () => undefined,
      (error) => this.deps.log(`pod ${namespace}/${name}: rejection: ${(error as Error).message}`),
    );
    return true;
  }

  /** A pod that finished before this process started (or was rejected): only its deletion needs confirming. */
  private adoptTerminal(entry: PodEntry): void {
    if (!entry.pod.metadata.deletionTimestamp) return;
    entry.deleting = true;
    void this.confirmDeletion(entry);
  }

  private recordEvents(entry: PodEntry, events: Array<{ type: 'Normal' | 'Warning'; reason: string; message: string; fieldPath?: string }>): void {
    const { metadata } = entry.pod;
    for (const event of events) {
      const involved = { kind: 'Pod' as const, apiVersion: 'v1' as const, name: metadata.name!, namespace: metadata.namespace, uid: metadata.uid!, ...(event.fieldPath ? { fieldPath: event.fieldPath } : {}) };
      this.deps.events.record(entry.node.name, involved, event.type, event.reason, event.message);
    }
  }

  /** Writes the latest status once any write in flight finished; then the final delete if asked. */
  private writeStatus(entry: PodEntry, deleteAfter: boolean): void {
    const status = buildPodStatus(entry.runtime!, entry.pod, entry.node.hostIP, kubeTime(this.deps.clock.now()), entry.lastConditions);
    entry.lastConditions = status.conditions as Condition[];
    const json = JSON.stringify(status);
    if (deleteAfter) entry.deleting = true;
    if (json === entry.lastStatus && !deleteAfter) return;
    entry.lastStatus = json;
    const previous = entry.writing ?? Promise.resolve();
    entry.writing = previous.then(async () => {
      if (entry.gone || entry.lastStatus !== json) return;
      const { namespace, name } = entry.pod.metadata;
      try {
        const kubelet = this.deps.kubelet(entry.node.name);
        if (deleteAfter) {
          // The terminal status before the final delete: nothing reads its resourceVersion (a deleting entry is not synced again).
          await this.deps.limiter.run(() => kubelet.patch(resources.pods, namespace!, name!, { status }, 'merge', { subresource: 'status', discardResult: true }));
        } else {
          const written = await this.deps.limiter.run(() => kubelet.patch(resources.pods, namespace!, name!, { status }, 'merge', { subresource: 'status' }));
          entry.writtenRv = Number(written?.metadata?.resourceVersion) || entry.writtenRv;
        }
      } catch (error) {
        if (!isNotFound(error)) this.deps.log(`pod ${namespace}/${name}: status: ${(error as Error).message}`);
      }
    });
    if (deleteAfter) entry.writing = entry.writing.then(() => this.confirmDeletion(entry));
  }

  /** The kubelet's final word on a terminated pod: delete with grace 0, preconditioned on its uid. */
  private async confirmDeletion(entry: PodEntry): Promise<void> {
    const { namespace, name, uid } = entry.pod.metadata;
    try {
      await this.deps.limiter.run(() => this.deps.kubelet(entry.node.name).delete(resources.pods, namespace!, name!, { gracePeriodSeconds: 0, preconditions: { uid }, discardResult: true }));
    } catch (error) {
      if (!isNotFound(error)) this.deps.log(`pod ${namespace}/${name}: delete: ${(error as Error).message}`);
    }
  }

  /** The machine's view of the world for one step (see LifecycleEnvironment). */
  private environment(entry: PodEntry): LifecycleEnvironment {
    const { clock, lookup } = this.deps;
    const node = entry.node;
    return {
      nowMs: this.nowMs(),
      wallAt: (ms) => new Date(this.realEpoch + clock.realMs(ms)),
      volumeError: (pod) => volumeMountError(pod, lookup),
      configError: (pod, container) => resolveContainerEnvironment(pod, container, lookup).error,
      imagePresent: (image) => node.images.has(image),
      recordImage: (image) => node.recordImage(image),
      program: (_pod, container) => containerProgram(container),
      memoryUsage: (pod, container) => memoryUsage(pod, container),
      newContainerId: () => randomBytes(32).toString('hex'),
    };
  }

  /** Starts the scripts of containers just started, stops those of containers gone; drops their files. */
  private runProcesses(entry: PodEntry): void {
    const runtime = entry.runtime!;
    const containers = [...runtime.initContainers, ...runtime.containers];
    for (const c of containers) this.owners.set(c, entry);
    const key = podKey(entry);
    this.processes.reconcile(key, containers);
    this.probes.reconcile(key, containers);
    this.hooks.reconcile(key, containers, !!entry.pod.metadata.deletionTimestamp);
    if (this.filesystems.size > 0) this.filesystems.retain(key, new Set(containers.flatMap((c) => (c.running ? [c.running.id] : []))));
  }

  private scriptExited(container: ContainerRuntime, containerId: string, exitCode: number): void {
    const entry = this.owners.get(container);
    if (!entry || entry.gone || !reportExit(container, containerId, this.nowMs(), exitCode)) return;
    this.sync(entry);
  }

  private livenessFailed(container: ContainerRuntime, containerId: string): void {
    const entry = this.owners.get(container);
    if (!entry || entry.gone || !reportLivenessFailure(container, containerId, this.nowMs())) return;
    this.sync(entry);
  }

  /** A failed postStart kills the container (137), as the kubelet does; a failed preStop is only recorded. */
  private hookFailed(container: ContainerRuntime, containerId: string, hook: 'PostStart' | 'PreStop', message: string): void {
    this.containerEvent(container, `Failed${hook}Hook`, message);
    const entry = this.owners.get(container);
    if (hook !== 'PostStart' || !entry || entry.gone || !reportExit(container, containerId, this.nowMs(), 137)) return;
    this.sync(entry);
  }

  private readinessChanged(container: ContainerRuntime, containerId: string, ready: boolean): void {
    const entry = this.owners.get(container);
    if (!entry || entry.gone || !reportReadiness(container, containerId, this.nowMs(), ready)) return;
    this.sync(entry);
  }

  /** A Warning event about one container, as the kubelet's prober records it. */
  private containerEvent(container: ContainerRuntime, reason: string, message: string): void {
    const entry = this.owners.get(container);
    if (!entry || entry.gone) return;
    const fieldPath = `${container.init ? 'spec.initContainers' : 'spec.containers'}{${container.spec.name}}`;
    this.recordEvents(entry, [{ type: 'Warning', reason, message, fieldPath }]);
  }

  private shellOf(container: ContainerRuntime): ContainerShell {
    const entry = this.owners.get(container);
    if (!entry) throw new Error(`container ${container.spec.name} has no pod`);
    return this.containerShell(entry, container);
  }

  /** The shell of a running container (its own filesystem, environment and commands): exec and scripts. */
  containerShell(entry: PodEntry, container: ContainerRuntime): ContainerShell {
    const { pod } = entry;
    const podIP = entry.runtime?.podIP ?? '';
    const nodeAllocatable = () => allocatable(entry.node.definition.pool.capacity);
    const { env } = resolveContainerEnvironment(pod, container.spec, this.deps.lookup, podIP, entry.node.hostIP, nodeAllocatable());
    const id = container.running?.id ?? `${pod.metadata.uid}/${container.spec.name}`;
    const host = this.deps.nodeHost;
    const volumes = { pod: () => entry.pod, podIP: () => entry.runtime?.podIP ?? '', nodeAllocatable, lookup: this.deps.lookup, now: () => this.deps.clock.now(), volumesDirectory: this.deps.volumesDirectory, nodeRoot: host && (() => host.root(entry.node)) };
    const fs = this.filesystems.get(podKey(entry), id, container.spec, volumes);
    const hostname = (pod.spec as { hostname?: string } | undefined)?.hostname ?? pod.metadata.name ?? '';
    const knownImage = imageFamily(container.spec.image ?? '');
    const commands = containerCommands({
      hostname,
      namespace: pod.metadata.namespace ?? 'default',
      image: container.spec.image ?? '',
      network: this.deps.network,
      pod: () => ({ ...entry.pod, status: { ...(entry.pod.status as object), podIP } }),
      mainCommand: () => mainCommandLine(container),
      signalMain: (signal) => this.signalMain(entry, container, signal),
      now: () => this.deps.clock.now(),
      simulatedNow: () => simulatedNow(this.deps.clock),
      hostShell: host && ((path) => (mountsNodeRoot(entry.pod, container.spec, path) ? host.shell(entry.node) : undefined)),
    });
    return new ContainerShell({ fs, env, knownImage, clock: this.deps.clock, commands, activity: this.shellActivity(container) });
  }

  /** The container's scripts on the CPU right now (its PID 1 script and exec'd ones), for its resource usage. */
  shellActivity(container: ContainerRuntime): ShellActivity {
    let activity = this.activities.get(container);
    if (!activity) this.activities.set(container, (activity = new ShellActivity()));
    return activity;
  }

  /** `kill 1` in the container: a server ends on TERM/INT (0), anything ends on KILL (137); a shell as PID 1 ignores the rest. */
  private signalMain(entry: PodEntry, container: ContainerRuntime, signal: Signal): void {
    const running = container.running;
    if (!running) return;
    const exitCode = signal === 'KILL' ? 137 : running.program.handlesSigterm && (signal === 'TERM' || signal === 'INT') ? 0 : undefined;
    if (exitCode === undefined || !reportExit(container, running.id, this.nowMs(), exitCode)) return;
    // Let the command finish (and the exec answer) before the container goes.
    setImmediate(() => this.sync(entry));
  }
}

/** The memory a container uses when told (annotation, else the SIM_MEMORY_USAGE env var) or when it runs stress, in bytes. */
export function memoryUsage(pod: KubeObject, container: ContainerSpec): number | undefined {
  const annotated = simAnnotation(pod, SimAnnotation.memoryUsage, container.name);
  const hinted = ((container.env ?? []) as Array<{ name: string; value?: string }>).find((e) => e.name === MEMORY_USAGE_ENV)?.value;
  const stress = stressArguments(container);
  const allocated = stress ? stressLoad(stress).memoryBytes : 0;
  return hintedQuantity(annotated ?? hinted) ?? (allocated > 0 ? allocated : undefined);
}

/** Whether `path` is where the container mounts a hostPath volume of the node's `/` (kubectl debug node's /host). */
function mountsNodeRoot(pod: KubeObject, container: ContainerSpec, path: string): boolean {
  const volumes = ((pod.spec as { volumes?: Array<{ name: string; hostPath?: { path: string } }> } | undefined)?.volumes ?? []);
  return ((container.volumeMounts ?? []) as Array<{ name: string; mountPath: string }>).some((mount) => {
    const volume = volumes.find((v) => v.name === mount.name);
    return mount.mountPath.replace(/(.)\/+$/, '$1') === path && volume?.hostPath?.path.replace(/(.)\/+$/, '$1') === '/';
  });
}

function podKey(entry: PodEntry): string {
  return `${entry.pod.metadata.namespace}/${entry.pod.metadata.name}`;
}

/** PID 1's command line as ps shows it. */
function mainCommandLine(container: ContainerRuntime): string {
  const argv = [...(container.spec.command ?? []), ...(container.spec.args ?? [])];
  if (argv.length > 0) return argv.join(' ');
  const known = wellKnownName(parseImageReference(container.spec.image ?? ''));
  if (known === 'nginx') return 'nginx: master process nginx -g daemon off;';
  if (known === 'redis') return 'redis-server *:6379';
  return known ?? container.spec.image ?? '';
}
