import { parseQuantity, quantityError } from '@drydock/kube';
import type { Clock, KubeObject } from '@drydock/util';
import { formatGoDuration, simAnnotation, SimAnnotation } from '../runtime/sim-annotations';
import { containerUsage, ContainerUsage, nodeOverhead, usageSeed } from '../runtime/resource-usage.model';
import { stressArguments, stressLoad } from '../runtime/stress-program';
import type { ContainerRuntime } from '../lifecycle/lifecycle.types';
import { ProcessUsageSampler } from '../control-plane/process-usage.sampler';
import { memoryUsage, PodEntry, PodWorkers } from './pod-workers.service';
import type { SimulatedNode } from './simulated-node';
import type { TrafficMeter } from './traffic-meter';

/**
 * The kubelet's Summary API (`/stats/summary`, k8s.io/kubelet/pkg/apis/stats/v1alpha1) for every node
 * of this process, from the usage model: what metrics-server scrapes and the API server's
 * metrics.k8s.io serves. Only running containers of admitted pods are reported, as cAdvisor sees them.
 */

/** metrics-server's --metric-resolution: the window a usage sample stands for, in simulated time. */
export const METRIC_RESOLUTION_MS = 15_000;

interface CpuStats { time: string; usageNanoCores: number }
interface MemoryStats { time: string; workingSetBytes: number; usageBytes: number }

export interface ContainerStats { name: string; startTime: string; cpu: CpuStats; memory: MemoryStats }
export interface PodStats { podRef: { name: string; namespace: string; uid: string }; startTime: string; containers: ContainerStats[]; cpu: CpuStats; memory: MemoryStats }
export interface NodeSummary { node: { nodeName: string; startTime: string; cpu: CpuStats; memory: MemoryStats }; pods: PodStats[] }

/** What `/stats/summary` answers: every node of the process, and the window each sample stands for. */
export interface SummaryList { window: string; items: NodeSummary[] }

interface Resources { requests?: Record<string, unknown>; limits?: Record<string, unknown> }

function quantity(list: Record<string, unknown> | undefined, name: string, scale: 'milli' | 'unit'): number | undefined {
  const value = list?.[name];
  if (value === undefined || quantityError(value)) return undefined;
  const parsed = parseQuantity(value);
  return scale === 'milli' ? parsed.milliValue() : parsed.value();
}

/** A control-plane mirror pod on a node and the real process behind it (see StaticPods). */
export interface ComponentPod {
  pod: KubeObject;
  pid?: number;
  startedAt: string;
}

export class ResourceStatsProvider {
  private readonly startedAt = Date.now();
  private readonly processes = new ProcessUsageSampler();

  constructor(
    private readonly workers: PodWorkers,
    private readonly traffic: TrafficMeter,
    private readonly clock: Clock,
    /** The node's control-plane pods, whose usage is their real process's. */
    private readonly components: (node: SimulatedNode) => ComponentPod[] = () => [],
  ) {}

  summaries(nodes: SimulatedNode[]): SummaryList {
    const now = this.clock.now();
    const time = now.toISOString().replace(/\.\d+Z$/, 'Z');
    return { window: formatGoDuration(this.clock.realMs(METRIC_RESOLUTION_MS)), items: nodes.filter((node) => node.active).map((node) => this.summary(node, time)) };
  }

  private summary(node: SimulatedNode, time: string): NodeSummary {
    const nodeCpuMilli = quantity(node.definition.pool.capacity, 'cpu', 'milli') ?? 4000;
    const pods = [...this.workers.podsOn(node.name).flatMap((entry) => this.podStats(entry, nodeCpuMilli, time)), ...this.components(node).flatMap((component) => this.componentStats(component, time))];
    const uptimeSeconds = this.clock.simulatedSince(this.startedAt) / 1000;
    const overhead = nodeOverhead(uptimeSeconds, usageSeed(node.name));
    const total = pods.reduce((sum, pod) => ({ cpuNanoCores: sum.cpuNanoCores + pod.cpu.usageNanoCores, memoryBytes: sum.memoryBytes + pod.memory.workingSetBytes }), overhead);
    return { node: { nodeName: node.name, startTime: new Date(this.startedAt).toISOString().replace(/\.\d+Z$/, 'Z'), ...stats(total, time) }, pods };
  }

  private podStats(entry: PodEntry, nodeCpuMilli: number, time: string): PodStats[] {
    const runtime = entry.runtime;
    if (!runtime || runtime.terminalPhase || entry.gone) return [];
    const running = [...runtime.initContainers, ...runtime.containers].filter((c) => c.running && c.stage === 'running');
    if (running.length === 0) return [];
    const requestRate = this.traffic.ratePerSecond(runtime.podIP);
    const containers = running.map((container, index) => this.containerStats(entry.pod, container, { nodeCpuMilli, time, requestRate: index === 0 ? requestRate : 0 }));
    const sum = containers.reduce((total, c) => ({ cpuNanoCores: total.cpuNanoCores + c.cpu.usageNanoCores, memoryBytes: total.memoryBytes + c.memory.workingSetBytes }), { cpuNanoCores: 0, memoryBytes: 0 });
    const { name = '', namespace = '', uid = '' } = entry.pod.metadata;
    return [{ podRef: { name, namespace, uid }, startTime: runtime.startTime, containers, ...stats(sum, time) }];
  }

  private componentStats({ pod, pid, startedAt }: ComponentPod, time: string): PodStats[] {
    const sample = pid === undefined ? undefined : this.processes.sample(pid, Date.parse(startedAt));
    if (!sample) return [];
    const container = ((pod.spec as { containers?: Array<{ name: string }> } | undefined)?.containers ?? [])[0]?.name ?? '';
    const { name = '', namespace = '', uid = '' } = pod.metadata;
    return [{ podRef: { name, namespace, uid }, startTime: startedAt, containers: [{ name: container, startTime: startedAt, ...stats(sample, time) }], ...stats(sample, time) }];
  }

  private readonly shellSamples = new WeakMap<ContainerRuntime, { cpuMs: number; at: number }>();

  /** The container's scripts' CPU time over the last window, in millicores (a busy loop: about 1000m). */
  private shellCpuMilli(container: ContainerRuntime): number {
    const now = Date.now();
    const cpuMs = this.workers.shellActivity(container).cpuTimeMs(now);
    const sample = this.shellSamples.get(container);
    if (!sample) {
      this.shellSamples.set(container, { cpuMs, at: now });
      return 0;
    }
    const rate = now > sample.at ? ((cpuMs - sample.cpuMs) / (now - sample.at)) * 1000 : 0;
    if (now - sample.at > SHELL_CPU_WINDOW_MS) this.shellSamples.set(container, { cpuMs, at: now });
    return Math.max(0, Math.round(rate));
  }

  private containerStats(pod: KubeObject, container: ContainerRuntime, context: { nodeCpuMilli: number; time: string; requestRate: number }): ContainerStats {
    const process = container.running!;
    const resources = (container.spec.resources ?? {}) as Resources;
    const cpuHint = simAnnotation(pod, SimAnnotation.cpuUsage, container.spec.name);
    const usage = containerUsage({
      image: container.spec.image ?? '',
      requests: { cpuMilli: quantity(resources.requests, 'cpu', 'milli'), memoryBytes: quantity(resources.requests, 'memory', 'unit') },
      limits: { cpuMilli: quantity(resources.limits, 'cpu', 'milli'), memoryBytes: quantity(resources.limits, 'memory', 'unit') },
      uptimeSeconds: Math.max(0, this.workers.nowMs() - process.startedAtMs) / 1000,
      seed: usageSeed(process.id),
      requestRate: context.requestRate,
      // stress's workers, plus a core for each of the container's scripts on the CPU (a `while true` loop).
      busyCpuMilli: busyCpu(container.spec) + this.shellCpuMilli(container),
      nodeCpuMilli: context.nodeCpuMilli,
      cpuHintMilli: cpuHint === undefined || quantityError(cpuHint) ? undefined : parseQuantity(cpuHint).milliValue(),
      memoryHintBytes: memoryUsage(pod, container.spec),
    });
    return { name: container.spec.name, startTime: process.startedAt, ...stats(usage, context.time) };
  }
}

/** A first sample per container, replaced once older than the window: the rate is taken over 10 to 20 s. */
const SHELL_CPU_WINDOW_MS = 10_000;

function busyCpu(container: ContainerRuntime['spec']): number {
  const stress = stressArguments(container);
  return stress ? stressLoad(stress).cpuMilli : 0;
}

function stats(usage: ContainerUsage, time: string): { cpu: CpuStats; memory: MemoryStats } {
  return { cpu: { time, usageNanoCores: usage.cpuNanoCores }, memory: { time, workingSetBytes: usage.memoryBytes, usageBytes: usage.memoryBytes } };
}
