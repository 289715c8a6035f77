import { ApiError, InformerFactory, isConflict, isNotFound, KubeClient, ResourceRef, resources, SharedInformerFactory } from '@drydock/client';
import { klogLine, type Clock, type KubeObject } from '@drydock/util';
import { SchedulerCache } from '../cache/scheduler-cache';
import { preemptionIneligibility } from '../framework/default-preemption';
import { Diagnosis, failedSchedulingMessage } from '../framework/fit-error';
import { newPodInfo, PodInfo } from '../framework/node-info';
import type { Profile } from '../framework/plugin.types';
import { SchedulingAlgorithm } from '../framework/schedule-pod';
import type { Node, Pod } from '../framework/types';
import { defaultProfile } from '../plugins/default-profile';
import { QueuedPod, SchedulingQueue } from '../queue/scheduling-queue';
import { defaultSelector } from './default-selector';
import { clearNodeReasons, NODE_REASONS_ANNOTATION, recordSchedulingFailure } from './failure-recorder';
import { KeyedTaskQueue } from './keyed-task-queue';
import { evictVictims } from './preemption-executor';
import { watchNodes, watchPods } from './informer-handlers';
import { RecorderEventSink, SCHEDULER_NAME, SchedulerEventSink } from './scheduler-events';

export interface SchedulerOptions {
  client: KubeClient;
  clock: Clock;
  /** Pods with this spec.schedulerName are ours (default `default-scheduler`). */
  schedulerName?: string;
  /** Shared informers; the scheduler registers pods and nodes and starts the factory. */
  informers?: InformerFactory;
  /** Stop `informers` with the scheduler: they were made for it alone (one cluster's views). Default false. */
  stopInformers?: boolean;
  /** 0 (default) is upstream's adaptive percentage. */
  percentageOfNodesToScore?: number;
  /** Bindings in flight at once (default 64, the client's socket pool). */
  bindConcurrency?: number;
  events?: SchedulerEventSink;
  /** Identity in events and leases. */
  identity?: string;
  log?: (line: string) => void;
}

export interface SchedulerStats {
  scheduled: number;
  failedAttempts: number;
  bindErrors: number;
  queue: ReturnType<SchedulingQueue['counts']>;
}


/** The longest run of scheduling cycles in one event-loop turn. */
const TURN_BUDGET_MS = 20;
/**
 * upstream's newPodInformer: the scheduler watches only pods that are not terminal. A pod's Succeeded or
 * Failed status arrives as its DELETED event (it leaves the selection) and frees its room; its final
 * delete, and every event of a finished pod, is not sent to the scheduler at all.
 */
export const NON_TERMINAL_PODS = 'status.phase!=Succeeded,status.phase!=Failed';
/**
 * kube-scheduler: informers feed the cache and the queue; one loop pops a pod, runs the synchronous
 * scheduling cycle, assumes the pod on the chosen node and binds it in the background (bounded), so
 * the next cycle starts at once. Failures go to the queue's unschedulable pool and are recorded.
 */
export class Scheduler {
  readonly cache = new SchedulerCache();
  readonly queue: SchedulingQueue;
  readonly schedulerName: string;
  private readonly algorithm: SchedulingAlgorithm;
  private readonly informers: InformerFactory;
  /** PodDisruptionBudgets, which preemption respects as far as it can. */
  private readonly budgets: { list(): KubeObject[] };
  private readonly events: SchedulerEventSink;
  private readonly log: (line: string) => void;
  private readonly bindConcurrency: number;
  private bindsInFlight = 0;
  private bindSlotWaiter: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private stopped = false;
  private informersStarted = false;
  private stopping: Promise<void> | null = null;
  /** Resolved while the loop may schedule; replaced by a pending promise while paused (not leading). */
  private running: Promise<void> = Promise.resolve();
  private resume: (() => void) | null = null;
  private readonly counters = { scheduled: 0, failedAttempts: 0, bindErrors: 0 };
  /**
   * Failure records (status patch, annotation, event) in the background, 16 at once, latest per pod.
   * Tasks read `entry.pod` when they run, so they start from the newest version the informer delivered.
   */
  private readonly failureRecords = new KeyedTaskQueue(16);

  constructor(private readonly options: SchedulerOptions) {
    this.log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
    this.schedulerName = options.schedulerName ?? SCHEDULER_NAME;
    this.queue = new SchedulingQueue(options.clock);
    this.informers = options.informers ?? new SharedInformerFactory(options.client, { log: this.log });
    this.algorithm = new SchedulingAlgorithm(this.profile(options));
    this.budgets = this.informers.informerFor<KubeObject>(resources.poddisruptionbudgets);
    this.events = options.events ?? new RecorderEventSink(options.client, { clock: options.clock, instance: options.identity, log: this.log });
    this.bindConcurrency = options.bindConcurrency ?? 64;
  }

  /** The default profile, reading namespaces, Services and controllers from the shared informers. */
  private profile(options: SchedulerOptions): Profile {
    const informer = (resource: ResourceRef) => this.informers.informerFor<KubeObject>(resource);
    const namespaces = informer(resources.namespaces);
    const namespaceLabels = (name: string) => namespaces.get('', name)?.metadata.labels ?? (namespaces.get('', name) ? {} : undefined);
    const sources = { services: informer(resources.services), replicationControllers: informer(resources.replicationcontrollers), replicaSets: informer(resources.replicasets), statefulSets: informer(resources.statefulsets) };
    return defaultProfile({ percentageOfNodesToScore: options.percentageOfNodesToScore, namespaceLabels, defaultSpreadSelector: (pod) => defaultSelector(pod, sources) });
  }

  /** Starts the informers and waits until their caches are filled (does not schedule yet). */
  async startInformers(timeoutMs = 60_000): Promise<void> {
    if (this.informersStarted) return;
    this.informersStarted = true;
    watchNodes(this.informers.informerFor<Node>(resources.nodes), this.cache, this.queue);
    watchPods(this.informers.informerFor<Pod>(resources.pods, { fieldSelector: NON_TERMINAL_PODS }), this.cache, this.queue, this.schedulerName);
    this.informers.start();
    if (!(await this.informers.waitForCacheSync(timeoutMs))) throw new Error('scheduler informers did not sync');
  }

  /** Starts informers and the scheduling loop; `paused` starts it as a standby (see resumeScheduling). */
  async start(options: { paused?: boolean } = {}): Promise<void> {
    if (options.paused) this.pauseScheduling();
    await this.startInformers();
    this.loop ??= this.run();
  }

  /** Stops taking pods from the queue (leadership lost); the cache and queue stay current. */
  pauseScheduling(): void {
    if (!this.resume) this.running = new Promise<void>((resolve) => (this.resume = resolve));
  }

  resumeScheduling(): void {
    const resume = this.resume;
    this.resume = null;
    resume?.();
  }

  /** Stops scheduling, waits for bindings in flight, stops the informers we created. Idempotent. */
  stop(): Promise<void> {
    this.stopping ??= this.shutdown();
    return this.stopping;
  }

  private async shutdown(): Promise<void> {
    this.stopped = true;
    this.queue.close();
    this.resumeScheduling();
    await this.loop;
    while (this.bindsInFlight > 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await this.failureRecords.idle();
    await this.events.shutdown?.();
    if (!this.options.informers || this.options.stopInformers) await this.informers.stop();
  }

  stats(): SchedulerStats {
    return { ...this.counters, queue: this.queue.counts() };
  }

  private async run(): Promise<void> {
    for (;;) {
      await this.running;
      await this.events.whenRoom?.();
      const entry = await this.queue.pop();
      if (!entry || this.stopped) return;
      const turnStarted = performance.now();
      this.scheduleOne(entry);
      // Cycles are synchronous: a turn of the event loop holds at most ~20 ms of them, so the Lease
      // renewal, informer events and bind responses are not held back (under load a cycle can take
      // 100 ms, and 200 in one turn starved the renewal past its 10 s deadline).
      for (let batch = 0; batch < 200 && this.bindsInFlight < this.bindConcurrency && performance.now() - turnStarted < TURN_BUDGET_MS; batch++) {
        const next = this.queue.tryPop();
        if (!next) break;
        this.scheduleOne(next);
      }
      if (this.bindsInFlight >= this.bindConcurrency) await new Promise<void>((resolve) => (this.bindSlotWaiter = resolve));
      else await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** One scheduling cycle (synchronous); the binding or the failure record continues in the background. */
  private scheduleOne(entry: QueuedPod): void {
    const pod = entry.pod;
    if (!this.queue.has(entry.key) || !pod || pod.spec.nodeName || pod.metadata.deletionTimestamp) return this.queue.done(entry.key);
    const podInfo = newPodInfo(pod);
    const outcome = this.algorithm.schedule(podInfo, this.cache);
    if (outcome.kind === 'scheduled') {
      this.cache.assumePod(podInfo, outcome.nodeName);
      this.bindsInFlight++;
      void this.bind(entry, outcome).finally(() => this.releaseBindSlot());
      return;
    }
    this.counters.failedAttempts++;
    this.queue.addUnschedulable(entry, 'unschedulable');
    const { postFilter, nominatedNodeName } = this.preempt(podInfo, outcome.diagnosis);
    const message = failedSchedulingMessage(pod, outcome.diagnosis, postFilter);
    this.failureRecords.push(entry.key, () => recordSchedulingFailure(this.options.client, this.events, entry.pod, message, outcome.diagnosis, this.log, nominatedNodeName));
  }

  /**
   * The PostFilter (DefaultPreemption): when lower-priority pods' removal makes room on a node, they
   * are evicted in the background and the pod is nominated to that node; it is scheduled once they are
   * gone. Returns preemption's message for the failure record (undefined: the default one).
   */
  private preempt(podInfo: PodInfo, diagnosis: Diagnosis): { postFilter?: string; nominatedNodeName?: string } {
    const pod = podInfo.pod;
    if (diagnosis.numAllNodes === 0 || pod.spec.preemptionPolicy === 'Never') return {};
    const nominated = pod.status?.nominatedNodeName;
    const ineligible = preemptionIneligibility(pod, nominated ? this.cache.get(nominated) : undefined);
    if (ineligible) return { postFilter: `preemption: ${ineligible}` };
    const candidate = this.algorithm.preemption(podInfo, this.cache, diagnosis, this.budgets.list());
    if (!candidate) return {};
    void evictVictims(this.options.client, this.events, pod, candidate, this.log);
    return { postFilter: '', nominatedNodeName: candidate.nodeName };
  }

  private async bind(entry: QueuedPod, { nodeName, evaluatedNodes, feasibleNodes }: { nodeName: string; evaluatedNodes: number; feasibleNodes: number }): Promise<void> {
    const { namespace, name } = entry.pod.metadata;
    const binding = { apiVersion: 'v1', kind: 'Binding', metadata: { name, namespace }, target: { apiVersion: 'v1', kind: 'Node', name: nodeName } };
    try {
      await this.options.client.createSubresource(resources.pods, namespace!, name!, 'binding', binding);
      this.counters.scheduled++;
      // Upstream's line at --v=2 (schedule_one.go), which the kube-scheduler manifest sets.
      this.log(klogLine('schedule_one.go:314', `"Successfully bound pod to node" pod="${namespace}/${name}" node="${nodeName}" evaluatedNodes=${evaluatedNodes} feasibleNodes=${feasibleNodes}`));
      this.queue.done(entry.key);
      this.events.scheduled(entry.pod, nodeName);
      if (entry.pod.metadata.annotations?.[NODE_REASONS_ANNOTATION] !== undefined) this.failureRecords.push(entry.key, () => clearNodeReasons(this.options.client, entry.pod, this.log));
    } catch (error) {
      this.cache.forgetPod(entry.key);
      this.handleBindError(entry, error);
    }
  }

  /** A vanished pod is dropped; one already bound (409) is done; anything else is retried after back-off. */
  private handleBindError(entry: QueuedPod, error: unknown): void {
    if (isNotFound(error) || isConflict(error)) return this.queue.delete(entry.key);
    this.counters.bindErrors++;
    const message = `Binding rejected: ${error instanceof ApiError ? error.message : (error as Error)?.message ?? error}`;
    this.log(`binding ${entry.key}: ${message}`);
    this.queue.addUnschedulable(entry, 'error');
    this.failureRecords.push(entry.key, () => recordSchedulingFailure(this.options.client, this.events, entry.pod, message, null, this.log));
  }

  private releaseBindSlot(): void {
    this.bindsInFlight--;
    const waiter = this.bindSlotWaiter;
    this.bindSlotWaiter = null;
    waiter?.();
  }
}
