import { FieldError, fieldErrors } from '@drydock/util';
import { parseQuantity, quantityError } from '@drydock/kube';
import { nameIsPathSegment } from '../../meta/name-validation';
import { isDns1123Label } from '@drydock/kube';
import { list, record, records, text } from '../../support/object-fields';
import { invalidEach } from '../../support/field-errors';

const maxPeriodSeconds = 1800;
const maxStabilizationWindowSeconds = 3600;
const metricTypes = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];
/** Metric type → source field, in the order upstream checks the sources. */
const sourceField: Record<string, string> = { Object: 'object', External: 'external', Pods: 'pods', Resource: 'resource', ContainerResource: 'containerResource' };

/** ValidateCrossVersionObjectReference (spec.scaleTargetRef, object metrics' describedObject). */
export function validateCrossVersionReference(ref: unknown, path: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const key of ['kind', 'name']) {
    const value = text(record(ref)[key]);
    if (!value) errors.push(fieldErrors.required(`${path}.${key}`, ''));
    else errors.push(...invalidEach(`${path}.${key}`, value, nameIsPathSegment(value, false)));
  }
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

/** Quantity.Sign() of a JSON quantity (`100m`, `1Gi`, `-2`, 3). */
function quantitySign(value: unknown): number {
  return quantityError(value) ? 0 : parseQuantity(value).sign();
}

/** validateMetricTarget. */
function validateTarget(target: Record<string, unknown>, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!target.type) errors.push(fieldErrors.required(`${path}.type`, 'must specify a metric target type'));
  if (!['Utilization', 'Value', 'AverageValue'].includes(text(target.type))) errors.push(fieldErrors.invalid(`${path}.type`, target.type ?? '', 'must be either Utilization, Value, or AverageValue'));
  for (const key of ['value', 'averageValue']) if (target[key] != null && quantitySign(target[key]) !== 1) errors.push(fieldErrors.invalid(`${path}.${key}`, target[key], 'must be positive'));
  if (typeof target.averageUtilization === 'number' && target.averageUtilization < 1) errors.push(fieldErrors.invalid(`${path}.averageUtilization`, target.averageUtilization, 'must be greater than 0'));
  return errors;
}

function validateMetricName(metric: unknown, path: string): FieldError[] {
  const name = text(record(metric).name);
  if (!name) return [fieldErrors.required(`${path}.name`, 'must specify a metric name')];
  return invalidEach(`${path}.name`, name, nameIsPathSegment(name, false));
}

/** The per-source rules of validateMetricSpec (validateObjectSource, validatePodsSource, ...). */
function validateSource(type: string, source: Record<string, unknown>, path: string): FieldError[] {
  const target = record(source.target);
  const errors: FieldError[] = [];
  if (type === 'Object') errors.push(...validateCrossVersionReference(source.describedObject, `${path}.describedObject`));
  if (type === 'Object' || type === 'External' || type === 'Pods') errors.push(...validateMetricName(source.metric, `${path}.metric`));
  if (type === 'Resource' || type === 'ContainerResource') {
    if (!text(source.name)) errors.push(fieldErrors.required(`${path}.name`, 'must specify a resource name'));
  }
  if (type === 'ContainerResource') {
    if (!text(source.container)) errors.push(fieldErrors.required(`${path}.container`, 'must specify a container'));
    else errors.push(...invalidEach(`${path}.container`, source.container, isDns1123Label(text(source.container))));
  }
  errors.push(...validateTarget(target, `${path}.target`));
  const t = `${path}.target`;
  if (type === 'Object' && target.value == null && target.averageValue == null) errors.push(fieldErrors.required(`${t}.averageValue`, 'must set either a target value or averageValue'));
  if (type === 'External' && target.value == null && target.averageValue == null) errors.push(fieldErrors.required(`${t}.averageValue`, 'must set either a target value for metric or a per-pod target'));
  if (type === 'External' && target.value != null && target.averageValue != null) errors.push(fieldErrors.forbidden(`${t}.value`, 'may not set both a target value for metric and a per-pod target'));
  if (type === 'Pods' && target.averageValue == null) errors.push(fieldErrors.required(`${t}.averageValue`, 'must specify a positive target averageValue'));
  if (type === 'Resource' || type === 'ContainerResource') {
    if (target.averageUtilization == null && target.averageValue == null) errors.push(fieldErrors.required(`${t}.averageUtilization`, 'must set either a target raw value or a target utilization'));
    if (target.averageUtilization != null && target.averageValue != null) errors.push(fieldErrors.forbidden(`${t}.averageValue`, 'may not set both a target raw value and a target utilization'));
  }
  return errors;
}

/** validateMetricSpec for each metric (autoscaling/v2). */
export function validateMetrics(metrics: unknown): FieldError[] {
  return list(metrics).flatMap((value, i) => {
    const metric = record(value);
    const path = `spec.metrics[${i}]`;
    const type = text(metric.type);
    const errors: FieldError[] = [];
    if (!type) errors.push(fieldErrors.required(`${path}.type`, 'must specify a metric source type'));
    if (!metricTypes.includes(type)) errors.push(fieldErrors.notSupported(`${path}.type`, type, metricTypes));
    const present = Object.values(sourceField).filter((key) => metric[key] != null);
    if (present.length) errors.push(...validateSource(Object.keys(sourceField).find((k) => sourceField[k] === present[0])!, record(metric[present[0]]), `${path}.${present[0]}`));
    const expected = sourceField[type];
    if (expected && metric[expected] == null) errors.push(fieldErrors.required(`${path}.${expected}`, 'must populate information for the given metric source'));
    if (!expected) errors.push(fieldErrors.notSupported(`${path}.type`, type, metricTypes));
    if (present.length > 1) for (const key of present.filter((k) => k !== expected)) errors.push(fieldErrors.forbidden(`${path}.${key}`, 'must populate the given metric source only'));
    return errors;
  });
}

function validateScalingRules(rules: unknown, path: string): FieldError[] {
  if (rules == null) return [];
  const { stabilizationWindowSeconds: window, selectPolicy, policies } = record(rules);
  const errors: FieldError[] = [];
  if (typeof window === 'number' && window < 0) errors.push(fieldErrors.invalid(`${path}.stabilizationWindowSeconds`, window, 'must be greater than or equal to zero'));
  if (typeof window === 'number' && window > maxStabilizationWindowSeconds) errors.push(fieldErrors.invalid(`${path}.stabilizationWindowSeconds`, window, `must be less than or equal to ${maxStabilizationWindowSeconds}`));
  if (selectPolicy != null && !['Disabled', 'Max', 'Min'].includes(text(selectPolicy))) errors.push(fieldErrors.notSupported(`${path}.selectPolicy`, selectPolicy, ['Disabled', 'Max', 'Min']));
  if (list(policies).length === 0) errors.push(fieldErrors.required(`${path}.policies`, 'must specify at least one Policy'));
  records(policies).forEach((policy, i) => {
    const p = `${path}.policies[${i}]`;
    if (policy.type !== 'Pods' && policy.type !== 'Percent') errors.push(fieldErrors.notSupported(`${p}.type`, policy.type ?? '', ['Percent', 'Pods']));
    if (!(typeof policy.value === 'number' && policy.value > 0)) errors.push(fieldErrors.invalid(`${p}.value`, policy.value ?? 0, 'must be greater than zero'));
    const period = typeof policy.periodSeconds === 'number' ? policy.periodSeconds : 0;
    if (period <= 0) errors.push(fieldErrors.invalid(`${p}.periodSeconds`, period, 'must be greater than zero'));
    if (period > maxPeriodSeconds) errors.push(fieldErrors.invalid(`${p}.periodSeconds`, period, `must be less than or equal to ${maxPeriodSeconds}`));
  });
  return errors;
}

/** validateBehavior. */
export function validateBehavior(behavior: unknown): FieldError[] {
  if (behavior == null) return [];
  return [...validateScalingRules(record(behavior).scaleUp, 'spec.behavior.scaleUp'), ...validateScalingRules(record(behavior).scaleDown, 'spec.behavior.scaleDown')];
}
