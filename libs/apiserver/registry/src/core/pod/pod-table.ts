import type { KubeObject } from '@drydock/util';
import type { StrategyContext, TableColumn } from '../../resource.types';
import { timestampSince } from '../../meta/human-duration';
import { ageColumn, column, nameColumn } from '../../meta/table-columns';
import { Json, list, read, text } from '../core-strategy-helpers';
import { fieldDescriptions } from '../field-descriptions';

export const podColumns: TableColumn[] = [
  nameColumn,
  column('Ready', 'The aggregate readiness state of this pod for accepting traffic.'),
  column('Status', 'The aggregate status of the containers in this pod.'),
  column('Restarts', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
  ageColumn,
  column('IP', fieldDescriptions['PodStatus.podIP'], { wide: true }),
  column('Node', fieldDescriptions['PodSpec.nodeName'], { wide: true }),
  column('Nominated Node', fieldDescriptions['PodStatus.nominatedNodeName'], { wide: true }),
  column('Readiness Gates', fieldDescriptions['PodSpec.readinessGates'], { wide: true }),
];

const isRestartable = (container: Json | undefined) => container?.restartPolicy === 'Always';

function conditionTrue(status: Json, type: string): boolean {
  const condition = list(status.conditions).find((c) => c.type === type);
  return condition?.status === 'True';
}

/** The state of the pod so far, updated as printPod walks the container statuses. */
interface PodSummary {
  reason: string;
  restarts: number;
  ready: number;
  lastRestart: number;
}

function laterRestart(current: number, containerStatus: Json): number {
  const finished = Date.parse(text(read(containerStatus, 'lastState', 'terminated').finishedAt));
  return Number.isNaN(finished) ? current : Math.max(current, finished);
}

function terminatedReason(terminated: Json, prefix: string): string {
  if (text(terminated.reason)) return `${prefix}${text(terminated.reason)}`;
  return terminated.signal ? `${prefix}Signal:${terminated.signal}` : `${prefix}ExitCode:${terminated.exitCode ?? 0}`;
}

/** The init-container walk of printPod; returns whether the pod is still initializing. */
function walkInitContainers(pod: KubeObject, summary: PodSummary, restartable: PodSummary): boolean {
  const specs = new Map(list(read(pod, 'spec').initContainers).map((c) => [text(c.name), c]));
  const statuses = list(read(pod, 'status').initContainerStatuses);
  for (const [i, container] of statuses.entries()) {
    summary.restarts += Number(container.restartCount ?? 0);
    summary.lastRestart = laterRestart(summary.lastRestart, container);
    const sidecar = isRestartable(specs.get(text(container.name)));
    if (sidecar) {
      restartable.restarts += Number(container.restartCount ?? 0);
      restartable.lastRestart = laterRestart(restartable.lastRestart, container);
    }
    const terminated = read(container, 'state', 'terminated');
    const waiting = read(container, 'state', 'waiting');
    const hasTerminated = Object.keys(read(container, 'state')).includes('terminated');
    if (hasTerminated && Number(terminated.exitCode ?? 0) === 0) continue;
    if (sidecar && container.started === true) {
      if (container.ready === true) summary.ready++;
      continue;
    }
    if (hasTerminated) summary.reason = terminatedReason(terminated, 'Init:');
    else if (text(waiting.reason) && waiting.reason !== 'PodInitializing') summary.reason = `Init:${text(waiting.reason)}`;
    else summary.reason = `Init:${i}/${specs.size}`;
    return true;
  }
  return false;
}

/** The regular-container walk of printPod (last container first, as upstream). */
function walkContainers(pod: KubeObject, summary: PodSummary): void {
  const statuses = list(read(pod, 'status').containerStatuses);
  let hasRunning = false;
  for (let i = statuses.length - 1; i >= 0; i--) {
    const container = statuses[i];
    const state = read(container, 'state');
    summary.restarts += Number(container.restartCount ?? 0);
    summary.lastRestart = laterRestart(summary.lastRestart, container);
    if (text(read(state, 'waiting').reason)) summary.reason = text(read(state, 'waiting').reason);
    else if ('terminated' in state) summary.reason = terminatedReason(read(state, 'terminated'), '');
    else if (container.ready === true && 'running' in state) {
      hasRunning = true;
      summary.ready++;
    }
  }
  if (summary.reason === 'Completed' && hasRunning) {
    summary.reason = conditionTrue(read(pod, 'status'), 'Ready') ? 'Running' : 'NotReady';
  }
}

/** printPod's STATUS, READY and RESTARTS computation. */
export function podSummary(pod: KubeObject): PodSummary & { total: number } {
  const status = read(pod, 'status');
  const phase = text(status.phase);
  const summary: PodSummary = { reason: text(status.reason) || phase, restarts: 0, ready: 0, lastRestart: 0 };
  if (list(status.conditions).some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) summary.reason = 'SchedulingGated';
  const initContainers = list(read(pod, 'spec').initContainers);
  const total = list(read(pod, 'spec').containers).length + initContainers.filter(isRestartable).length;
  const restartable: PodSummary = { reason: '', restarts: 0, ready: 0, lastRestart: 0 };
  const initializing = walkInitContainers(pod, summary, restartable);
  if (!initializing || conditionTrue(status, 'Initialized')) {
    summary.restarts = restartable.restarts;
    summary.lastRestart = restartable.lastRestart;
    walkContainers(pod, summary);
  }
  if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') summary.reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') summary.reason = 'Terminating';
  return { ...summary, total };
}

function readinessGates(pod: KubeObject): string {
  const gates = list(read(pod, 'spec').readinessGates);
  if (gates.length === 0) return '<none>';
  const conditions = list(read(pod, 'status').conditions);
  const ready = gates.filter((g) => conditions.find((c) => c.type === g.conditionType)?.status === 'True').length;
  return `${ready}/${gates.length}`;
}

/** One row of `kubectl get pods` (always with the wide cells; kubectl hides priority-1 columns). */
export function podRow(pod: KubeObject, ctx: StrategyContext): unknown[] {
  const summary = podSummary(pod);
  const restarts = summary.restarts !== 0 && summary.lastRestart > 0
    ? `${summary.restarts} (${timestampSince(new Date(summary.lastRestart).toISOString(), ctx.now)} ago)`
    : String(summary.restarts);
  const status = read(pod, 'status');
  const podIP = text(list(status.podIPs)[0]?.ip) || '<none>';
  return [
    pod.metadata.name ?? '',
    `${summary.ready}/${summary.total}`,
    summary.reason,
    restarts,
    timestampSince(pod.metadata.creationTimestamp, ctx.now),
    podIP,
    text(read(pod, 'spec').nodeName) || '<none>',
    text(status.nominatedNodeName) || '<none>',
    readinessGates(pod),
  ];
}
