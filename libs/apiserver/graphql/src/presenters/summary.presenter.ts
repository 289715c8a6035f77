import type { KubeObject } from '@drydock/util';
import { condition, obj, spec, status } from './kube-fields';
import { presentEvent } from './event.presenter';
import { nodeStatusColumn } from './node.presenter';
import { isPodFailing, isPodTerminal, podResources, podStatusColumn } from './pod.presenter';
import { addResources, resourcesFrom, zeroResources } from './resource-amounts';

export interface ProblemView {
  severity: 'critical' | 'error' | 'warning';
  kind: string;
  namespace?: string;
  name: string;
  reason: string;
  message: string;
  since?: string;
}

export interface SummaryView {
  problems: ProblemView[];
  nodes: { total: number; ready: number; notReady: number; unschedulable: number };
  pods: { total: number; pending: number; running: number; succeeded: number; failed: number; unknown: number; failing: number };
  cpu: { requested: number; limits: number; allocatable: number; capacity: number };
  memory: { requested: number; limits: number; allocatable: number; capacity: number };
  namespaces: number;
  warningEvents: number;
}

const HOUR_MS = 3_600_000;

/** "Is anything wrong": counts, allocation, and problems most severe first (NotReady nodes, failing pods, Pending pods, recent warnings). */
export function clusterSummary(input: { nodes: KubeObject[]; pods: KubeObject[]; namespaces: number; events: KubeObject[]; now: Date }): SummaryView {
  // In the order the dashboard shows them: NotReady nodes, failing pods, Pending pods, recent warnings.
  const [notReadyNodes, failingPods, pendingPods, warnings]: ProblemView[][] = [[], [], [], []];
  const nodes = { total: input.nodes.length, ready: 0, notReady: 0, unschedulable: 0 };
  const capacity = zeroResources();
  const allocatable = zeroResources();
  for (const node of input.nodes) {
    const ready = condition(node, 'Ready');
    if (ready?.status === 'True') nodes.ready++;
    else {
      nodes.notReady++;
      notReadyNodes.push({ severity: 'critical', kind: 'Node', name: node.metadata.name ?? '', reason: nodeStatusColumn(node), message: ready?.message ?? 'the node has not reported Ready', since: ready?.lastTransitionTime });
    }
    if (spec(node).unschedulable === true) nodes.unschedulable++;
    addResources(capacity, resourcesFrom(obj(status(node).capacity)));
    addResources(allocatable, resourcesFrom(obj(status(node).allocatable)));
  }
  const pods = { total: input.pods.length, pending: 0, running: 0, succeeded: 0, failed: 0, unknown: 0, failing: 0 };
  const requested = zeroResources();
  const limits = zeroResources();
  for (const pod of input.pods) {
    const phase = String(status(pod).phase ?? 'Pending');
    if (phase === 'Pending') pods.pending++;
    else if (phase === 'Running') pods.running++;
    else if (phase === 'Succeeded') pods.succeeded++;
    else if (phase === 'Failed') pods.failed++;
    else pods.unknown++;
    const column = podStatusColumn(pod);
    const ref = { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name ?? '' };
    if (isPodFailing(pod, column)) {
      pods.failing++;
      failingPods.push({ ...ref, severity: 'error', reason: column, message: failingMessage(pod) ?? `the pod is ${column}`, since: pod.metadata.creationTimestamp });
    } else if (phase === 'Pending' && !spec(pod).nodeName) {
      const scheduled = condition(pod, 'PodScheduled');
      pendingPods.push({ ...ref, severity: 'warning', reason: scheduled?.reason ?? 'Pending', message: scheduled?.message ?? 'waiting to be scheduled', since: scheduled?.lastTransitionTime ?? pod.metadata.creationTimestamp });
    }
    if (spec(pod).nodeName && !isPodTerminal(pod)) {
      addResources(requested, podResources(pod, 'requests'));
      addResources(limits, podResources(pod, 'limits'));
    }
  }
  let warningEvents = 0;
  for (const event of input.events) {
    const view = presentEvent(event);
    if (view.type !== 'Warning' || !view.lastTimestamp || input.now.getTime() - Date.parse(view.lastTimestamp) > HOUR_MS) continue;
    warningEvents++;
    const involved = view.involvedObject;
    warnings.push({ severity: 'warning', kind: involved.kind, namespace: involved.namespace, name: involved.name, reason: view.reason ?? 'Warning', message: view.message ?? '', since: view.lastTimestamp });
  }
  const newestFirst = (a: ProblemView, b: ProblemView) => (b.since ?? '').localeCompare(a.since ?? '');
  const problems = [notReadyNodes, failingPods, pendingPods, warnings].flatMap((group) => group.sort(newestFirst));
  return {
    problems,
    nodes,
    pods,
    cpu: { requested: requested.cpu, limits: limits.cpu, allocatable: allocatable.cpu, capacity: capacity.cpu },
    memory: { requested: requested.memory, limits: limits.memory, allocatable: allocatable.memory, capacity: capacity.memory },
    namespaces: input.namespaces,
    warningEvents,
  };
}

function failingMessage(pod: KubeObject): string | undefined {
  for (const c of [...((status(pod).containerStatuses as unknown[]) ?? [])]) {
    const state = obj(obj(c).state);
    const detail = obj(state.waiting ?? state.terminated);
    if (typeof detail.message === 'string' && detail.message) return detail.message;
  }
  return typeof status(pod).message === 'string' ? (status(pod).message as string) : undefined;
}
