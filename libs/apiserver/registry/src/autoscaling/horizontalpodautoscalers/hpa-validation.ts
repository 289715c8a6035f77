import { FieldError, fieldErrors } from '@drydock/util';
import { list, record, text } from '../../apps/support/object-fields';
import { nameIsPathSegment } from '../../meta/name-validation';

/** ValidateCrossVersionObjectReference (spec.scaleTargetRef). */
export function validateScaleTargetRef(ref: unknown): FieldError[] {
  const { kind, name } = record(ref);
  const path = 'spec.scaleTargetRef';
  const errors: FieldError[] = [];
  if (!text(kind)) errors.push(fieldErrors.required(`${path}.kind`, ''));
  else for (const msg of nameIsPathSegment(text(kind), false)) errors.push(fieldErrors.invalid(`${path}.kind`, kind, msg));
  if (!text(name)) errors.push(fieldErrors.required(`${path}.name`, ''));
  else for (const msg of nameIsPathSegment(text(name), false)) errors.push(fieldErrors.invalid(`${path}.name`, name, msg));
  return errors;
}

/** validateHorizontalPodAutoscalerSpec's replica bounds (HPAScaleToZero is alpha, so minReplicas >= 1). */
export function validateReplicaBounds(spec: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  const { minReplicas, maxReplicas } = spec;
  if (typeof minReplicas === 'number' && minReplicas < 1) errors.push(fieldErrors.invalid('spec.minReplicas', minReplicas, 'must be greater than or equal to 1'));
  if (typeof maxReplicas !== 'number' || maxReplicas < 1) errors.push(fieldErrors.invalid('spec.maxReplicas', maxReplicas ?? 0, 'must be greater than 0'));
  if (typeof minReplicas === 'number' && typeof maxReplicas === 'number' && maxReplicas < minReplicas) {
    errors.push(fieldErrors.invalid('spec.maxReplicas', maxReplicas, 'must be greater than or equal to `minReplicas`'));
  }
  return errors;
}

const metricTypes = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];
const sourceField: Record<string, string> = { Object: 'object', Pods: 'pods', Resource: 'resource', External: 'external', ContainerResource: 'containerResource' };

function validateTarget(target: unknown, path: string): FieldError[] {
  const { type, averageUtilization, value, averageValue } = record(target);
  const errors: FieldError[] = [];
  if (!type) errors.push(fieldErrors.required(`${path}.type`, 'must specify a metric target type'));
  else if (!['Utilization', 'Value', 'AverageValue'].includes(text(type))) errors.push(fieldErrors.invalid(`${path}.type`, type, 'must be either Utilization, Value, or AverageValue'));
  if (typeof averageUtilization === 'number' && averageUtilization < 1) errors.push(fieldErrors.invalid(`${path}.averageUtilization`, averageUtilization, 'must be greater than 0'));
  if (value == null && averageValue == null && averageUtilization == null) errors.push(fieldErrors.required(path, 'must set either a target raw value, a target average value, or a target utilization'));
  return errors;
}

/** validateMetrics (autoscaling/v2): the metric type and its source, with the target's basic rules. */
export function validateMetrics(metrics: unknown): FieldError[] {
  return list(metrics).flatMap((metric, i) => {
    const path = `spec.metrics[${i}]`;
    const { type } = record(metric);
    if (!type) return [fieldErrors.required(`${path}.type`, 'must specify a metric source type')];
    if (!metricTypes.includes(text(type))) return [fieldErrors.notSupported(`${path}.type`, type, metricTypes)];
    const source = record(metric)[sourceField[text(type)]];
    if (source == null) return [fieldErrors.required(`${path}.${sourceField[text(type)]}`, `must populate information for the given metric source`)];
    const errors = validateTarget(record(source).target, `${path}.${sourceField[text(type)]}.target`);
    if ((type === 'Resource' || type === 'ContainerResource') && !text(record(source).name)) errors.push(fieldErrors.required(`${path}.${sourceField[text(type)]}.name`, 'must specify a resource name'));
    return errors;
  });
}
