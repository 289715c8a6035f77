import type { KubeObject } from '@drydock/util';
import type { StrategyContext, TableColumn } from '../../resource.types';
import { timestampSince } from '../../meta/human-duration';
import { fieldDescriptions } from '../field-descriptions';
import { Json, record, records, text } from '../../support/object-fields';
import { ageColumn, column, nameColumn } from '../../support/table-columns';

export const podColumns: TableColumn[] = [
  nameColumn,
  column('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
  column('Status', 'string', 'The aggregate status of the containers in this pod.'),
  column('Restarts', 'string', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
  ageColumn,
  column('IP', 'string', fieldDescriptions['PodStatus.podIP'], 1),
  column('Node', 'string', fieldDescriptions['PodSpec.nodeName'], 1),
  column('Nominated Node', 'string', fieldDescriptions['PodStatus.nominatedNodeName'], 1),
  column('Readiness Gates', 'string', fieldDescriptions['PodSpec.readinessGates'], 1),
];

const isRestartable = (container: Json | undefined) => container?.restartPolicy === 'Always';

function conditionTrue(status: Json, type: string): boolean {
  const condition = records(status.conditions).find((c) => c.type === type);
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
  const finished = Date.parse(text(record(containerStatus, 'lastState', 'terminated').finishedAt));
  return Number.isNaN(finished) ? current : Math.max(current, finished);
}

function terminatedReason(terminated: Json, prefix: string): string {
  if (text(terminated.reason)) return `${prefix}${text(terminated.reason)}`;
  return terminated.signal ? `${prefix}Signal:${terminated.signal}` : `${prefix}ExitCode:${terminated.exitCode ?? 0}`;
}

/** The init-container walk of printPod; returns whether the pod is still initializing. */
function walkInitContainers(pod: KubeObject, summary: PodSummary, restartable: PodSummary): boolean {
  const specs = new Map(records(record(pod, 'spec').initContainers).map((c) => [text(c.name), c]));
  const statuses = records(record(pod, 'status').initContainerStatuses);
  for (const [i, container] of statuses.entries()) {
    summary.restarts += Number(container.restartCount ?? 0);
    summary.lastRestart = laterRestart(summary.lastRestart, container);
    const sidecar = isRestartable(specs.get(text(container.name)));
    if (sidecar) {
      restartable.restarts += Number(container.restartCount ?? 0);
      restartable.lastRestart = laterRestart(restartable.lastRestart, container);
    }
    const terminated = record(container, 'state', 'terminated');
    const waiting = record(container, 'state', 'waiting');
    const hasTerminated = Object.keys(record(container, 'state')).includes('terminated');
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
  const statuses = records(record(pod, 'status').containerStatuses);
  let hasRunning = false;
  for (let i = statuses.length - 1; i >= 0; i--) {
    const container = statuses[i];
    const state = record(container, 'state');
    summary.restarts += Number(container.restartCount ?? 0);
    summary.lastRestart = laterRestart(summary.lastRestart, container);
    if (text(record(state, 'waiting').reason)) summary.reason = text(record(state, 'waiting').reason);
    else if ('terminated' in state) summary.reason = terminatedReason(record(state, 'terminated'), '');
    else if (container.ready === true && 'running' in state) {
      hasRunning = true;
      summary.ready++;
    }
  }
  if (summary.reason === 'Completed' && hasRunning) {
    summary.reason = conditionTrue(record(pod, 'status'), 'Ready') ? 'Running' : 'NotReady';
  }
}

/** printPod's STATUS, READY and RESTARTS computation. */
export function podSummary(pod: KubeObject): PodSummary & { total: number } {
  const status = record(pod, 'status');
  const phase = text(status.phase);
  const summary: PodSummary = { reason: text(status.reason) || phase, restarts: 0, ready: 0, lastRestart: 0 };
  if (records(status.conditions).some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) summary.reason = 'SchedulingGated';
  const initContainers = records(record(pod, 'spec').initContainers);
  const total = records(record(pod, 'spec').containers).length + initContainers.filter(isRestartable).length;
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
  const gates = records(record(pod, 'spec').readinessGates);
  if (gates.length === 0) return '<none>';
  const conditions = records(record(pod, 'status').conditions);
  const ready = gates.filter((g) => conditions.find((c) => c.type === g.conditionType)?.status === 'True').length;
  return `${ready}/${gates.length}`;
}

/** One row of `kubectl get pods` (always with the wide cells; kubectl hides priority-1 columns). */
export function podRow(pod: KubeObject, ctx: StrategyContext): unknown[] {
  const summary = podSummary(pod);
  const restarts = summary.restarts !== 0 && summary.lastRestart > 0
    ? `${summary.restarts} (${timestampSince(new Date(summary.lastRestart).toISOString(), ctx.now)} ago)`
    : String(summary.restarts);
  const status = record(pod, 'status');
  const podIP = text(records(status.podIPs)[0]?.ip) || '<none>';
  return [
    pod.metadata.name ?? '',
    `${summary.ready}/${summary.total}`,
    summary.reason,
    restarts,
    timestampSince(pod.metadata.creationTimestamp, ctx.now),
    podIP,
    text(record(pod, 'spec').nodeName) || '<none>',
    text(status.nominatedNodeName) || '<none>',
    readinessGates(pod),
  ];
}
