import { parseQuantity, quantityError } from '@drydock/kube';
import type { Pod } from '../util/workload.types';
import { podCondition } from '../util/pod-status';

/**
 * pkg/controller/podautoscaler/replica_calculator.go for resource metrics: the desired replica count
 * from the pods' usage against a target, with upstream's treatment of pods that are not ready, just
 * started, or without metrics. Pure: the caller lists the pods and fetches the metrics. Values are
 * milli-units (MilliValue), as upstream's PodMetric.Value.
 */

export interface PodMetric {
  /** metrics.k8s.io's timestamp and window, in real ms. */
  timestampMs: number;
  windowMs: number;
  value: number;
}

/** Pod name → its usage (the sum of its containers', or one container's). */
export type PodMetricsInfo = Map<string, PodMetric>;

export interface CalculatorSettings {
  /** Real now, ms. */
  nowMs: number;
  /** --horizontal-pod-autoscaler-cpu-initialization-period (5 min, simulated), in real ms. */
  cpuInitializationPeriodMs: number;
  /** --horizontal-pod-autoscaler-initial-readiness-delay (30 s, simulated), in real ms. */
  delayOfInitialReadinessStatusMs: number;
  /** Ratios within [1 - scaleDown, 1 + scaleUp] change nothing (--horizontal-pod-autoscaler-tolerance 0.1, or the behavior's). */
  tolerance: { scaleUp: number; scaleDown: number };
}

export interface ReplicaProposal {
  replicas: number;
  /** Percent of request (utilization targets) or the average value (milli) for value targets. */
  utilization: number;
  /** The average usage per pod, milli. */
  rawUtilization: number;
}

const within = (tolerance: CalculatorSettings['tolerance'], ratio: number) => 1 - tolerance.scaleDown <= ratio && ratio <= 1 + tolerance.scaleUp;

interface PodGroups {
  readyPodCount: number;
  unreadyPods: Set<string>;
  missingPods: Set<string>;
  ignoredPods: Set<string>;
}

/** groupPods: which pods count, which are unready (pending, or CPU within its start-up), which lack metrics. */
export function groupPods(pods: Pod[], metrics: PodMetricsInfo, resource: string, settings: CalculatorSettings): PodGroups {
  const groups: PodGroups = { readyPodCount: 0, unreadyPods: new Set(), missingPods: new Set(), ignoredPods: new Set() };
  for (const pod of pods) {
    const name = pod.metadata.name ?? '';
    if (pod.metadata.deletionTimestamp || pod.status?.phase === 'Failed') groups.ignoredPods.add(name);
    else if (pod.status?.phase === 'Pending') groups.unreadyPods.add(name);
    else if (!metrics.has(name)) groups.missingPods.add(name);
    else if (resource === 'cpu' && cpuUnready(pod, metrics.get(name)!, settings)) groups.unreadyPods.add(name);
    else groups.readyPodCount++;
  }
  return groups;
}

function cpuUnready(pod: Pod, metric: PodMetric, settings: CalculatorSettings): boolean {
  const condition = podCondition(pod, 'Ready');
  const startTime = Date.parse(String((pod.status as { startTime?: string } | undefined)?.startTime ?? ''));
  if (!condition || !Number.isFinite(startTime)) return true;
  const transition = Date.parse(condition.lastTransitionTime ?? '') || 0;
  if (startTime + settings.cpuInitializationPeriodMs > settings.nowMs) {
    // Within its initialisation: ignore the sample if the pod is unready or no whole window has passed since it became ready.
    return condition.status === 'False' || metric.timestampMs < transition + metric.windowMs;
  }
  // Ignore the metric if the pod is unready and has never been ready.
  return condition.status === 'False' && startTime + settings.delayOfInitialReadinessStatusMs > transition;
}

interface Container {
  name: string;
  resources?: { requests?: Record<string, unknown> };
  restartPolicy?: string;
}

/** calculatePodRequests: each pod's request of the resource (all its containers, or one), milli. */
export function calculatePodRequests(pods: Pod[], resource: string, container = ''): Map<string, number> {
  const requests = new Map<string, number>();
  for (const pod of pods) {
    const spec = (pod.spec ?? {}) as { containers?: Container[]; initContainers?: Container[] };
    const containers = [...(spec.containers ?? []), ...(spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always')];
    let sum = 0;
    for (const c of containers) {
      if (container && container !== c.name) continue;
      const request = c.resources?.requests?.[resource];
      if (request === undefined || quantityError(request)) throw new Error(`missing request for ${resource} in container ${c.name} of Pod ${pod.metadata.name}`);
      sum += parseQuantity(request).milliValue();
    }
    requests.set(pod.metadata.name ?? '', sum);
  }
  return requests;
}

/** GetResourceUtilizationRatio: usage over requests of the pods with both, as a whole percentage. */
export function resourceUtilizationRatio(metrics: PodMetricsInfo, requests: Map<string, number>, targetUtilization: number): { ratio: number; utilization: number; rawAverage: number } {
  let metricsTotal = 0;
  let requestsTotal = 0;
  let entries = 0;
  for (const [name, metric] of metrics) {
    const request = requests.get(name);
    if (request === undefined) continue;
    metricsTotal += metric.value;
    requestsTotal += request;
    entries++;
  }
  if (requestsTotal === 0) throw new Error('no metrics returned matched known pods');
  const utilization = Math.trunc((metricsTotal * 100) / requestsTotal);
  return { ratio: utilization / targetUtilization, utilization, rawAverage: Math.trunc(metricsTotal / entries) };
}

function checkPods(pods: Pod[]): void {
  if (pods.length === 0) throw new Error('no pods returned by selector while calculating replica count');
}

/** GetResourceReplicas: replicas for a target utilization (percent of request). Mutates `metrics`. */
export function resourceReplicas(currentReplicas: number, targetUtilization: number, resource: string, pods: Pod[], metrics: PodMetricsInfo, settings: CalculatorSettings, container = ''): ReplicaProposal {
  checkPods(pods);
  const { readyPodCount, unreadyPods, missingPods, ignoredPods } = groupPods(pods, metrics, resource, settings);
  for (const name of [...ignoredPods, ...unreadyPods]) metrics.delete(name);
  const requests = calculatePodRequests(pods, resource, container);
  if (metrics.size === 0) throw new Error('did not receive metrics for targeted pods (pods might be unready)');
  const { ratio, utilization, rawAverage } = resourceUtilizationRatio(metrics, requests, targetUtilization);
  const proposal = (replicas: number): ReplicaProposal => ({ replicas, utilization, rawUtilization: rawAverage });
  const scaleUpWithUnready = unreadyPods.size > 0 && ratio > 1;
  if (!scaleUpWithUnready && missingPods.size === 0) {
    return proposal(within(settings.tolerance, ratio) ? currentReplicas : Math.ceil(ratio * readyPodCount));
  }
  if (missingPods.size > 0 && ratio !== 1) {
    // Scale-down: a missing pod uses 100% of its request (or the target, when above 100%); scale-up: nothing.
    const fallback = Math.max(100, targetUtilization);
    for (const name of missingPods) metrics.set(name, { timestampMs: 0, windowMs: 0, value: ratio < 1 ? Math.trunc((requests.get(name)! * fallback) / 100) : 0 });
  }
  if (scaleUpWithUnready) for (const name of unreadyPods) metrics.set(name, { timestampMs: 0, windowMs: 0, value: 0 });
  const next = resourceUtilizationRatio(metrics, requests, targetUtilization).ratio;
  return proposal(rebalanced(currentReplicas, ratio, next, metrics.size, settings));
}

/** The last steps of both calculations: keep the current count when the rebalanced ratio is within tolerance or flips direction. */
function rebalanced(currentReplicas: number, ratio: number, next: number, counted: number, settings: CalculatorSettings): number {
  if (within(settings.tolerance, next) || (ratio < 1 && next > 1) || (ratio > 1 && next < 1)) return currentReplicas;
  const replicas = Math.ceil(next * counted);
  if ((next < 1 && replicas > currentReplicas) || (next > 1 && replicas < currentReplicas)) return currentReplicas;
  return replicas;
}

/** GetRawResourceReplicas (calcPlainMetricReplicas): replicas for a target average value (milli). Mutates `metrics`. */
export function rawResourceReplicas(currentReplicas: number, targetValue: number, resource: string, pods: Pod[], metrics: PodMetricsInfo, settings: CalculatorSettings): ReplicaProposal {
  checkPods(pods);
  const { readyPodCount, unreadyPods, missingPods, ignoredPods } = groupPods(pods, metrics, resource, settings);
  for (const name of [...ignoredPods, ...unreadyPods]) metrics.delete(name);
  if (metrics.size === 0) throw new Error('did not receive metrics for targeted pods (pods might be unready)');
  const usageRatio = (values: PodMetricsInfo) => {
    const usage = Math.trunc([...values.values()].reduce((sum, metric) => sum + metric.value, 0) / values.size);
    return { ratio: usage / targetValue, usage };
  };
  const { ratio, usage } = usageRatio(metrics);
  const proposal = (replicas: number): ReplicaProposal => ({ replicas, utilization: usage, rawUtilization: usage });
  const scaleUpWithUnready = unreadyPods.size > 0 && ratio > 1;
  if (!scaleUpWithUnready && missingPods.size === 0) {
    return proposal(within(settings.tolerance, ratio) ? currentReplicas : Math.ceil(ratio * readyPodCount));
  }
  for (const name of missingPods) metrics.set(name, { timestampMs: 0, windowMs: 0, value: ratio < 1 ? targetValue : 0 });
  if (scaleUpWithUnready) for (const name of unreadyPods) metrics.set(name, { timestampMs: 0, windowMs: 0, value: 0 });
  return proposal(rebalanced(currentReplicas, ratio, usageRatio(metrics).ratio, metrics.size, settings));
}
