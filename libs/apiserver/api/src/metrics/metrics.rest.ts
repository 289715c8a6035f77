import { kubeTime, Quantity } from '@drydock/kube';
import type { ComputedCall, ComputedList, ComputedResourceRest, ResourceDefinition } from '@drydock/registry';
import { KubeObject, StatusError } from '@drydock/util';
import type { GenericStore } from '../rest/generic-store';
import { kubeletEndpointAnnotation } from '../kubelet/kubelet-target';
import { ContainerSummary, fetchSummaries, NodeSummary, PodSummary } from './kubelet-summary.client';

/**
 * metrics.k8s.io/v1beta1 as metrics-server serves it (pkg/api/node.go, pod.go): the nodes and pods
 * that match the request's selectors, each with the usage its kubelet reports now. An object whose
 * kubelet reports nothing (not running yet, node unreachable) is left out of a list and is NotFound
 * on a get, with metrics-server's words.
 */

const apiVersion = 'metrics.k8s.io/v1beta1';

/** One scrape of the kubelets of some nodes: what metrics-server keeps in its storage. */
interface Scrape {
  window: string;
  nodes: Map<string, NodeSummary['node']>;
  pods: Map<string, PodSummary & { time: string }>;
}

export interface MetricsDeps {
  generic: GenericStore;
  kubeletToken: string;
  nodes: ResourceDefinition;
  pods: ResourceDefinition;
}

/** The selectors of the request, read from the watch cache (metrics-server lists from its informers). */
function selection(query: URLSearchParams): URLSearchParams {
  const params = new URLSearchParams({ resourceVersion: '0' });
  for (const key of ['labelSelector', 'fieldSelector']) if (query.get(key)) params.set(key, query.get(key)!);
  return params;
}

async function scrape(nodes: KubeObject[], kubeletToken: string): Promise<Scrape> {
  const endpoints = [...new Set(nodes.map((node) => node.metadata.annotations?.[kubeletEndpointAnnotation]).filter((e): e is string => !!e))];
  const answers = await Promise.all(endpoints.map((endpoint) => fetchSummaries(endpoint, kubeletToken)));
  const result: Scrape = { window: '15s', nodes: new Map(), pods: new Map() };
  for (const answer of answers) {
    if (!answer) continue;
    result.window = answer.window;
    for (const summary of answer.items) {
      result.nodes.set(summary.node.nodeName, summary.node);
      for (const pod of summary.pods) result.pods.set(`${pod.podRef.namespace}/${pod.podRef.name}`, { ...pod, time: summary.node.cpu.time });
    }
  }
  return result;
}

/** CPU as metrics-server writes it (nano cores, canonical: `12345678n`, `5m`), memory in bytes (BinarySI: `4096Ki`). */
function usage(stats: { cpu: { usageNanoCores?: number }; memory: { workingSetBytes?: number } }): { cpu: string; memory: string } {
  const cpu = new Quantity(BigInt(Math.round(stats.cpu.usageNanoCores ?? 0)), 'DecimalSI').toString();
  const memory = new Quantity(BigInt(Math.round(stats.memory.workingSetBytes ?? 0)) * 1_000_000_000n, 'BinarySI').toString();
  return { cpu, memory };
}

function metadata(object: KubeObject, namespaced: boolean): KubeObject['metadata'] {
  const { name, namespace, labels } = object.metadata;
  return { name, ...(namespaced ? { namespace } : {}), creationTimestamp: kubeTime(new Date()), ...(labels ? { labels } : {}) };
}

function nodeMetrics(node: KubeObject, scraped: Scrape): KubeObject | undefined {
  const stats = scraped.nodes.get(node.metadata.name ?? '');
  if (!stats) return undefined;
  return { kind: 'NodeMetrics', apiVersion, metadata: metadata(node, false), timestamp: stats.cpu.time, window: scraped.window, usage: usage(stats) } as KubeObject;
}

function podMetrics(pod: KubeObject, scraped: Scrape): KubeObject | undefined {
  const stats = scraped.pods.get(`${pod.metadata.namespace}/${pod.metadata.name}`);
  if (!stats || stats.podRef.uid !== pod.metadata.uid || stats.containers.length === 0) return undefined;
  const containers = stats.containers.map((container: ContainerSummary) => ({ name: container.name, usage: usage(container) }));
  return { kind: 'PodMetrics', apiVersion, metadata: metadata(pod, true), timestamp: stats.time, window: scraped.window, containers } as KubeObject;
}

export class NodeMetricsRest implements ComputedResourceRest {
  constructor(private readonly deps: MetricsDeps) {}

  async list(call: ComputedCall): Promise<ComputedList> {
    const nodes = (await this.deps.generic.list(this.deps.nodes, call.cluster, '', selection(call.query))).items;
    const scraped = await scrape(nodes, this.deps.kubeletToken);
    return { items: nodes.flatMap((node) => nodeMetrics(node, scraped) ?? []) };
  }

  async get(call: ComputedCall): Promise<KubeObject> {
    const node = await this.deps.generic.get(this.deps.nodes, call.cluster, '', call.name);
    const found = nodeMetrics(node, await scrape([node], this.deps.kubeletToken));
    if (!found) throw StatusError.notFound({ group: 'metrics.k8s.io', resource: 'nodemetrics' }, call.name);
    return found;
  }
}

export class PodMetricsRest implements ComputedResourceRest {
  constructor(private readonly deps: MetricsDeps) {}

  async list(call: ComputedCall): Promise<ComputedList> {
    const pods = (await this.deps.generic.list(this.deps.pods, call.cluster, call.namespace, selection(call.query))).items;
    const scraped = await scrape(await this.nodesOf(call.cluster, pods), this.deps.kubeletToken);
    return { items: pods.flatMap((pod) => podMetrics(pod, scraped) ?? []) };
  }

  async get(call: ComputedCall): Promise<KubeObject> {
    const pod = await this.deps.generic.get(this.deps.pods, call.cluster, call.namespace, call.name);
    const found = podMetrics(pod, await scrape(await this.nodesOf(call.cluster, [pod]), this.deps.kubeletToken));
    if (!found) throw StatusError.notFound({ group: 'metrics.k8s.io', resource: 'podmetrics' }, `${call.namespace}/${call.name}`);
    return found;
  }

  /** The nodes the pods run on (one list: a few nodes host many pods). */
  private async nodesOf(cluster: string, pods: KubeObject[]): Promise<KubeObject[]> {
    const names = new Set(pods.map((pod) => (pod.spec as { nodeName?: string } | undefined)?.nodeName).filter((n): n is string => !!n));
    if (names.size === 0) return [];
    const nodes = await this.deps.generic.list(this.deps.nodes, cluster, '', new URLSearchParams({ resourceVersion: '0' }));
    return nodes.items.filter((node) => names.has(node.metadata.name ?? ''));
  }
}
