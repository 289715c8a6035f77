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

/** One pod's PodColumns values, remembered per pod version (the same metadata, spec and status objects). */
interface PodRow {
  spec: unknown;
  status: unknown;
  namespace: string;
  name: string;
  phase: string;
  status_: string;
  ready: string;
  restarts: number;
  nodeName: string | null;
  createdAt: string | null;
  labels: Record<string, string>;
  labelsKey: string;
  cpu: number;
  memory: number;
}
const podRows = new WeakMap<object, PodRow>();

function podRow(raw: KubeObject): PodRow {
  const key = raw.metadata as object;
  const hit = podRows.get(key);
  if (hit && hit.spec === raw.spec && hit.status === raw.status) return hit;
  const pod = toPod(raw);
  const labels = pod.labels ?? {};
  const requests = pod.requests;
  const row: PodRow = {
    spec: raw.spec,
    status: raw.status,
    namespace: pod.namespace,
    name: pod.name,
    phase: pod.phase,
    status_: pod.status,
    ready: pod.ready,
    restarts: pod.restarts,
    nodeName: pod.nodeName ?? null,
    createdAt: pod.createdAt ?? null,
    labels,
    labelsKey: JSON.stringify(labels),
    cpu: requests.cpu,
    memory: requests.memory,
  };
  if (key && typeof key === 'object') podRows.set(key, row);
  return row;
}

/**
 * Pods as PodColumns: the same values as toPod's fields of the same name, each set of labels once. Each
 * pod's values are computed once per version of the pod (objects are never mutated; a list hands the watch
 * cache's objects over in-process), so the overview's 10,000 pods cost a lookup each, not a presenter walk.
 */
export function toPodColumns(pods: KubeObject[]): PodColumns {
  const n = pods.length;
  const columns: PodColumns = { count: n, namespace: new Array(n), name: new Array(n), phase: new Array(n), status: new Array(n), ready: new Array(n), restarts: new Array(n), nodeName: new Array(n), createdAt: new Array(n), labelSet: new Array(n), labelSets: [], cpuRequests: new Array(n), memoryRequests: new Array(n) };
  const labelSets = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const row = podRow(pods[i]);
    let labelSet = labelSets.get(row.labelsKey);
    if (labelSet === undefined) {
      labelSet = columns.labelSets.push(row.labels) - 1;
      labelSets.set(row.labelsKey, labelSet);
    }
    columns.namespace[i] = row.namespace;
    columns.name[i] = row.name;
    columns.phase[i] = row.phase;
    columns.status[i] = row.status_;
    columns.ready[i] = row.ready;
    columns.restarts[i] = row.restarts;
    columns.nodeName[i] = row.nodeName;
    columns.createdAt[i] = row.createdAt;
    columns.labelSet[i] = labelSet;
    columns.cpuRequests[i] = row.cpu;
    columns.memoryRequests[i] = row.memory;
  }
  return columns;
}

const nodes = new WeakMap<object, { spec: unknown; status: unknown; node: Node }>();

/** A node's GraphQL fields, computed once per version of the node (the overview reads every node on each load). Read-only. */
export function toNode(raw: KubeObject): Node {
  const key = raw.metadata as object;
  const hit = nodes.get(key);
  if (hit && hit.spec === raw.spec && hit.status === raw.status) return hit.node;
  const node = computeNode(raw);
  if (key && typeof key === 'object') nodes.set(key, { spec: raw.spec, status: raw.status, node });
  return node;
}

function computeNode(raw: KubeObject): Node {
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
