import type { KubeObject } from '@drydock/util';
import type { TableColumn } from '../../resource.types';
import { list, record, text } from '../../support/object-fields';
import { age, ageColumn, column, intCell, nameColumn } from '../../support/table-columns';

export const hpaColumns: TableColumn[] = [
  nameColumn,
  column('Reference', 'string', 'scaleTargetRef points to the target resource to scale, and is used to the pods for which metrics should be collected, as well as to actually change the replica count.'),
  column('Targets', 'string', 'metrics contains the specifications for which to use to calculate the desired replica count (the maximum replica count across all metrics will be used).'),
  column('MinPods', 'string', 'minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down.'),
  column('MaxPods', 'string', 'maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up. It cannot be less that minReplicas.'),
  column('Replicas', 'string', 'currentReplicas is current number of replicas of pods managed by this autoscaler, as last seen by the autoscaler.'),
  ageColumn,
];

/** One metric as formatHPAMetrics prints it, given its status entry (same index) if any. */
function formatMetric(spec: Record<string, unknown>, status: Record<string, unknown> | undefined): string {
  const type = text(spec.type);
  const key = { External: 'external', Pods: 'pods', Object: 'object', Resource: 'resource', ContainerResource: 'containerResource' }[type];
  if (!key) return '<unknown type>';
  const source = record(spec[key]);
  const target = record(source.target);
  const current = status && status[key] != null ? record(record(status[key]).current) : undefined;
  const prefix = type === 'Resource' || type === 'ContainerResource' ? `${text(source.name)}: ` : '';
  if (type === 'Pods') return `${current?.averageValue ?? '<unknown>'}/${text(target.averageValue)}`;
  if (target.averageValue != null) {
    const suffix = type === 'External' || type === 'Object' ? ' (avg)' : '';
    return `${prefix}${current?.averageValue ?? '<unknown>'}/${text(target.averageValue)}${suffix}`;
  }
  if (type === 'External' || type === 'Object') return `${current?.value ?? '<unknown>'}/${text(target.value)}`;
  const currentUtilization = current?.averageUtilization != null ? `${current.averageUtilization}%` : '<unknown>';
  const targetUtilization = target.averageUtilization != null ? `${target.averageUtilization}%` : '<auto>';
  return `${prefix}${currentUtilization}/${targetUtilization}`;
}

/** formatHPAMetrics: at most two metrics, then `+ N more...`. */
export function formatHpaMetrics(metrics: unknown[], statuses: unknown[]): string {
  if (metrics.length === 0) return '<none>';
  const formatted = metrics.map((metric, i) => formatMetric(record(metric), statuses[i] === undefined ? undefined : record(statuses[i])));
  if (formatted.length <= 2) return formatted.join(', ');
  return `${formatted.slice(0, 2).join(', ')} + ${formatted.length - 2} more...`;
}

/**
 * The v2 metrics of an object in either shape (v1's targetCPUUtilizationPercentage is a cpu Resource
 * metric). The shape is read from the object, as objects are stored in the version they were sent in.
 */
function metricsOf(object: KubeObject, version: 'v1' | 'v2'): [unknown[], unknown[]] {
  const spec = record(object.spec);
  const status = record(object.status);
  if (version === 'v2' ? spec.targetCPUUtilizationPercentage == null : spec.metrics != null) return [list(spec.metrics), list(status.currentMetrics)];
  if (spec.targetCPUUtilizationPercentage == null) return [[], []];
  const metric = { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: spec.targetCPUUtilizationPercentage } } };
  const current = status.currentCPUUtilizationPercentage;
  return [[metric], current == null ? [] : [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: current } } }]];
}

/** printHorizontalPodAutoscaler for an object stored in the shape of `version`. */
export function hpaRow(object: KubeObject, version: 'v1' | 'v2', now: Date): unknown[] {
  const spec = record(object.spec);
  const ref = record(spec.scaleTargetRef);
  const [metrics, statuses] = metricsOf(object, version);
  const minPods = typeof spec.minReplicas === 'number' ? String(spec.minReplicas) : '<unset>';
  return [object.metadata.name, `${text(ref.kind)}/${text(ref.name)}`, formatHpaMetrics(metrics, statuses), minPods, intCell(spec.maxReplicas), intCell(record(object.status).currentReplicas), age(object, now)];
}
