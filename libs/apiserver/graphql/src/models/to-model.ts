import type { KubeObject } from '@drydock/util';
import { conditionsOf, obj, spec, status, str } from '../presenters/kube-fields';
import { presentEvent } from '../presenters/event.presenter';
import { nodeInternalIP, nodePoweredOff, nodeReady, nodeRoles, nodeStatusColumn, nodeTaints } from '../presenters/node.presenter';
import { podContainers, podReadyColumn, podResources, podRestarts, podStatusColumn } from '../presenters/pod.presenter';
import { resourcesFrom } from '../presenters/resource-amounts';
import { imagesOf, revisionOf, workloadCounts, workloadPaused, workloadStatus } from '../presenters/workload.presenter';
import { selectorString } from '../presenters/kube-fields';
import type { WorkloadKindName } from '../kube/kube-kinds';
import type { Namespace } from './cluster.model';
import type { Event } from './event.model';
import type { Node } from './node.model';
import type { Pod, PodColumns } from './pod.model';
import type { Workload } from './workload.model';

/**
 * Raw objects to the GraphQL types' flat fields; the raw object rides along for nested resolvers.
 * A pod's computed fields are getters, so a list of 10,000 pods that asks for names and STATUS
 * computes nothing else.
 */
export function toPod(raw: KubeObject): Pod {
  const s = status(raw);
  return {
    namespace: raw.metadata.namespace ?? '',
    name: raw.metadata.name ?? '',
    uid: raw.metadata.uid ?? '',
    phase: str(s.phase) ?? 'Pending',
    get status() {
      return podStatusColumn(raw);
    },
    get ready() {
      return podReadyColumn(raw);
    },
    get restarts() {
      return podRestarts(raw);
    },
    nodeName: str(spec(raw).nodeName),
    podIP: str(s.podIP),
    createdAt: raw.metadata.creationTimestamp,
    deletionTimestamp: raw.metadata.deletionTimestamp,
    labels: raw.metadata.labels,
    qosClass: str(s.qosClass),
    get requests() {
      return podResources(raw, 'requests');
    },
    get containers() {
      return podContainers(raw);
    },
    get conditions() {
      return conditionsOf(raw);
    },
    raw,
  };
}

/** Pods as PodColumns: the same values as toPod's fields of the same name, each set of labels once. */
export function toPodColumns(pods: KubeObject[]): PodColumns {
  const columns: PodColumns = { count: pods.length, namespace: [], name: [], phase: [], status: [], ready: [], restarts: [], nodeName: [], createdAt: [], labelSet: [], labelSets: [], cpuRequests: [], memoryRequests: [] };
  const labelSets = new Map<string, number>();
  for (const raw of pods) {
    const pod = toPod(raw);
    const labels = pod.labels ?? {};
    const labelsKey = JSON.stringify(labels);
    let labelSet = labelSets.get(labelsKey);
    if (labelSet === undefined) {
      labelSet = columns.labelSets.push(labels) - 1;
      labelSets.set(labelsKey, labelSet);
    }
    const requests = pod.requests;
    columns.namespace.push(pod.namespace);
    columns.name.push(pod.name);
    columns.phase.push(pod.phase);
    columns.status.push(pod.status);
    columns.ready.push(pod.ready);
    columns.restarts.push(pod.restarts);
    columns.nodeName.push(pod.nodeName ?? null);
    columns.createdAt.push(pod.createdAt ?? null);
    columns.labelSet.push(labelSet);
    columns.cpuRequests.push(requests.cpu);
    columns.memoryRequests.push(requests.memory);
  }
  return columns;
}

export function toNode(raw: KubeObject): Node {
  return {
    name: raw.metadata.name ?? '',
    status: nodeStatusColumn(raw),
    ready: nodeReady(raw),
    unschedulable: spec(raw).unschedulable === true,
    poweredOff: nodePoweredOff(raw),
    roles: nodeRoles(raw),
    labels: raw.metadata.labels,
    taints: nodeTaints(raw),
    conditions: conditionsOf(raw),
    capacity: resourcesFrom(obj(status(raw).capacity)),
    allocatable: resourcesFrom(obj(status(raw).allocatable)),
    internalIP: nodeInternalIP(raw),
    kubeletVersion: str(obj(status(raw).nodeInfo).kubeletVersion),
    createdAt: raw.metadata.creationTimestamp,
    raw,
  };
}

export function toWorkload(kind: WorkloadKindName, raw: KubeObject): Workload {
  return {
    kind,
    namespace: raw.metadata.namespace ?? '',
    name: raw.metadata.name ?? '',
    uid: raw.metadata.uid ?? '',
    createdAt: raw.metadata.creationTimestamp,
    labels: raw.metadata.labels,
    selector: selectorString(kind === 'CronJob' ? obj(obj(spec(raw).jobTemplate).spec).selector : spec(raw).selector),
    images: imagesOf(kind, raw),
    ...workloadCounts(kind, raw),
    status: workloadStatus(kind, raw),
    paused: workloadPaused(kind, raw),
    conditions: conditionsOf(raw),
    revision: kind === 'Deployment' || kind === 'ReplicaSet' ? revisionOf(raw) : undefined,
    raw,
  };
}

export function toNamespace(raw: KubeObject): Namespace {
  return { name: raw.metadata.name ?? '', phase: str(status(raw).phase) ?? 'Active', createdAt: raw.metadata.creationTimestamp, labels: raw.metadata.labels, raw };
}

export const toEvent = (raw: KubeObject): Event => presentEvent(raw);
