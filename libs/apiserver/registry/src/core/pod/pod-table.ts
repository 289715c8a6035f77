import { kubeTime, podStatusSummary } from '@drydock/kube';
import type { KubeObject } from '@drydock/util';
import type { StrategyContext, TableColumn } from '../../resource.types';
import { timestampSince } from '../../meta/human-duration';
import { fieldDescriptions } from '../field-descriptions';
import { record, records, text } from '../../support/object-fields';
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

function readinessGates(pod: KubeObject): string {
  const gates = records(record(pod, 'spec').readinessGates);
  if (gates.length === 0) return '<none>';
  const conditions = records(record(pod, 'status').conditions);
  const ready = gates.filter((g) => conditions.find((c) => c.type === g.conditionType)?.status === 'True').length;
  return `${ready}/${gates.length}`;
}

/** One row of `kubectl get pods` (always with the wide cells; kubectl hides priority-1 columns). */
export function podRow(pod: KubeObject, ctx: StrategyContext): unknown[] {
  const summary = podStatusSummary(pod);
  const restarts = summary.restarts !== 0 && summary.lastRestart > 0
    ? `${summary.restarts} (${timestampSince(kubeTime(summary.lastRestart), ctx.now)} ago)`
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
