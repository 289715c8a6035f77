import { parseQuantity, quantityError } from '@drydock/kube';
import type { KubeClient } from '@drydock/client';
import { resources } from '@drydock/client';
import type { KubeObject } from '@drydock/util';
import type { Pod } from '../util/workload.types';
import { CalculatorSettings, PodMetricsInfo, rawResourceReplicas, resourceReplicas } from './replica-calculator';

/**
 * horizontal.go's computeReplicasForMetric for one metric spec: the resource metrics client
 * (metrics.k8s.io PodMetrics of the target's pods), then the replica calculator. An error carries
 * the condition reason and event upstream records for it.
 */

export interface MetricSpec {
  type?: string;
  resource?: { name?: string; target?: MetricTarget };
  containerResource?: { name?: string; container?: string; target?: MetricTarget };
  pods?: { metric?: { name?: string } };
  object?: { metric?: { name?: string } };
  external?: { metric?: { name?: string } };
}

interface MetricTarget { type?: string; averageUtilization?: number; averageValue?: string | number; value?: string | number }

export interface MetricProposal {
  replicas: number;
  /** `cpu resource utilization (percentage of request)`: the reason a rescale gives. */
  name: string;
  status: Record<string, unknown>;
  timestampMs: number;
}

/**
 * A metric that could not be computed: upstream's event reason (also ScalingActive=False's), the error
 * the event and condition carry (`detail`), and the wrapped error computeReplicasForMetrics reports.
 */
export class MetricError extends Error {
  constructor(readonly reason: string, readonly detail: string, message: string) {
    super(message);
  }
}

export interface MetricContext {
  client: KubeClient;
  namespace: string;
  selector: string;
  pods: Pod[];
  specReplicas: number;
  settings: CalculatorSettings;
}

/** metav1.Duration as Go prints it: `15s`, `1.5s`, `1m0s`, `500ms`. */
export function goDurationMs(text: string): number {
  const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, µs: 0.001, ns: 0.000001 };
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g)) total += Number(amount) * units[unit];
  return total;
}

/** resourceMetricsClient.GetResourceMetric: each pod's usage (milli), summed over its containers or of one. */
async function resourceMetric(context: MetricContext, resource: string, container: string): Promise<{ metrics: PodMetricsInfo; timestampMs: number }> {
  let items: KubeObject[];
  try {
    items = (await context.client.list(resources.podmetrics, { namespace: context.namespace, labelSelector: context.selector })).items;
  } catch (error) {
    throw new Error(`unable to get metrics for resource ${resource}: unable to fetch metrics from resource metrics API: ${(error as Error).message}`);
  }
  if (items.length === 0) throw new Error(`unable to get metrics for resource ${resource}: no metrics returned from resource metrics API`);
  const metrics: PodMetricsInfo = new Map();
  for (const item of items) {
    const containers = (item.containers ?? []) as Array<{ name: string; usage?: Record<string, unknown> }>;
    const counted = container ? containers.filter((c) => c.name === container) : containers;
    if (container && counted.length === 0) {
      throw new Error(`unable to get metrics for resource ${resource}: failed to get container metrics: container ${container} not present in metrics for pod ${item.metadata.namespace}/${item.metadata.name}`);
    }
    const values = counted.map((c) => c.usage?.[resource]);
    if (values.length === 0 || values.some((value) => value === undefined || quantityError(value))) continue;
    const value = values.reduce((sum: number, v) => sum + parseQuantity(v).milliValue(), 0);
    metrics.set(item.metadata.name ?? '', { timestampMs: Date.parse(String(item.timestamp)), windowMs: goDurationMs(String(item.window ?? '')), value });
  }
  return { metrics, timestampMs: Date.parse(String(items[0].timestamp)) };
}

/** computeStatusForResourceMetricGeneric: a Utilization or AverageValue target of one resource. */
async function resourceProposal(context: MetricContext, resource: string, target: MetricTarget, container: string): Promise<Omit<MetricProposal, 'status'> & { current: Record<string, unknown> }> {
  const kind = container ? 'container resource' : 'resource';
  if (target.averageValue !== undefined) {
    let fetched;
    try {
      fetched = await resourceMetric(context, resource, container);
      const targetMilli = parseQuantity(target.averageValue).milliValue();
      const proposal = rawResourceReplicas(context.specReplicas, targetMilli, resource, context.pods, fetched.metrics, context.settings);
      return { replicas: proposal.replicas, name: `${resource} ${kind}`, timestampMs: fetched.timestampMs, current: { averageValue: milliQuantity(proposal.rawUtilization) } };
    } catch (error) {
      throw new Error(`failed to get ${resource} usage: ${(error as Error).message}`);
    }
  }
  if (target.averageUtilization === undefined) throw new Error('invalid resource metric source: neither an average utilization target nor an average value (usage) target was set');
  try {
    const fetched = await resourceMetric(context, resource, container);
    const proposal = resourceReplicas(context.specReplicas, target.averageUtilization, resource, context.pods, fetched.metrics, context.settings, container);
    return { replicas: proposal.replicas, name: `${resource} ${kind} utilization (percentage of request)`, timestampMs: fetched.timestampMs, current: { averageUtilization: proposal.utilization, averageValue: milliQuantity(proposal.rawUtilization) } };
  } catch (error) {
    throw new Error(`failed to get ${resource} utilization: ${(error as Error).message}`);
  }
}

/** resource.NewMilliQuantity(v, DecimalSI).String(). */
function milliQuantity(milli: number): string {
  return parseQuantity(`${milli}m`).toString();
}

/** computeReplicasForMetric: the proposal of one metric spec, or a MetricError. */
export async function computeReplicasForMetric(context: MetricContext, spec: MetricSpec): Promise<MetricProposal> {
  if (spec.type === 'Resource' || spec.type === 'ContainerResource') {
    const source = (spec.type === 'Resource' ? spec.resource : spec.containerResource) ?? {};
    const resource = source.name ?? '';
    const container = spec.type === 'ContainerResource' ? (spec.containerResource?.container ?? '') : '';
    const reason = container ? 'FailedGetContainerResourceMetric' : 'FailedGetResourceMetric';
    try {
      const proposal = await resourceProposal(context, resource, source.target ?? {}, container);
      const status = container
        ? { type: 'ContainerResource', containerResource: { name: resource, container, current: proposal.current } }
        : { type: 'Resource', resource: { name: resource, current: proposal.current } };
      return { replicas: proposal.replicas, name: proposal.name, timestampMs: proposal.timestampMs, status };
    } catch (error) {
      const cause = (error as Error).message;
      throw new MetricError(reason, cause, `failed to get ${resource}${container ? ' container' : ''} resource metric value: ${cause}`);
    }
  }
  const custom: Record<string, [string, string, string]> = {
    Pods: ['FailedGetPodsMetric', 'pods', 'custom.metrics.k8s.io'],
    Object: ['FailedGetObjectMetric', 'object', 'custom.metrics.k8s.io'],
    External: ['FailedGetExternalMetric', 'external', 'external.metrics.k8s.io'],
  };
  const [reason, kind, api] = custom[spec.type ?? ''] ?? ['InvalidMetricSourceType', '', ''];
  if (!kind) throw new MetricError(reason, `unknown metric source type "${spec.type ?? ''}"`, `unknown metric source type "${spec.type ?? ''}"`);
  const metric = (spec.pods ?? spec.object ?? spec.external)?.metric?.name ?? '';
  const cause = `unable to get metric ${metric}: no metrics API ${api} is served (Drydock has no custom or external metrics adapter)`;
  throw new MetricError(reason, cause, `failed to get ${kind} metric value: ${cause}`);
}
