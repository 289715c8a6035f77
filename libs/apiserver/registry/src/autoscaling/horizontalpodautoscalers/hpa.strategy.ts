import type { FieldError, KubeObject } from '@drydock/util';
import type { ResourceStrategy } from '../../resource.types';
import { hpaColumns, hpaRow } from './hpa-printing';
import { validateBehavior, validateCrossVersionReference, validateMetrics, validateReplicaBounds } from './hpa-validation';
import { defaultField, ensureRecord, record } from '../../support/object-fields';
import { keepAllButStatus, keepStatusForUpdate, resetStatusForCreate } from '../../support/status-subresource';

const defaultScaleUp = { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] };
const defaultScaleDown = { stabilizationWindowSeconds: 300, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] };

/** GenerateHPAScaleUpRules / GenerateHPAScaleDownRules: fill each unset field of a scaling rule. */
function defaultRules(behavior: Record<string, unknown>, key: string, defaults: Record<string, unknown>): void {
  const rules = ensureRecord(behavior, key);
  for (const [field, value] of Object.entries(defaults)) defaultField(rules, field, structuredClone(value));
}

/** SetDefaults_HorizontalPodAutoscaler (autoscaling/v2): minReplicas 1, cpu at 80%, behavior rules. */
function defaultsV2(object: KubeObject): void {
  const spec = ensureRecord(object, 'spec');
  defaultField(spec, 'minReplicas', 1);
  if (!Array.isArray(spec.metrics) || spec.metrics.length === 0) {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
  }
  if (spec.behavior != null) {
    defaultRules(record(spec.behavior), 'scaleUp', defaultScaleUp);
    defaultRules(record(spec.behavior), 'scaleDown', defaultScaleDown);
  }
}

/** autoscaling/v1: minReplicas 1; the 80% cpu target upstream adds when converting shows up as targetCPUUtilizationPercentage. */
function defaultsV1(object: KubeObject): void {
  const spec = ensureRecord(object, 'spec');
  defaultField(spec, 'minReplicas', 1);
  defaultField(spec, 'targetCPUUtilizationPercentage', 80);
}

/** validateHorizontalPodAutoscalerSpec. */
function validateV2(object: KubeObject): FieldError[] {
  const spec = record(object.spec);
  return [...validateReplicaBounds(spec), ...validateCrossVersionReference(spec.scaleTargetRef, 'spec.scaleTargetRef'), ...validateMetrics(spec.metrics), ...validateBehavior(spec.behavior)];
}

/** autoscaling/v1 is validated as upstream does, after conversion: the cpu target is metric 0. */
function validateV1(object: KubeObject): FieldError[] {
  const spec = record(object.spec);
  const target = spec.targetCPUUtilizationPercentage;
  const metrics = target == null ? [] : [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: target } } }];
  return [...validateReplicaBounds(spec), ...validateCrossVersionReference(spec.scaleTargetRef, 'spec.scaleTargetRef'), ...validateMetrics(metrics)];
}

/**
 * autoscaling HorizontalPodAutoscaler. Each version's objects are stored in the shape they were sent
 * in (no v1<->v2 conversion), so the two versions get one strategy each.
 */
export function horizontalPodAutoscalerStrategy(version: 'v1' | 'v2'): ResourceStrategy {
  const zeroStatus = version === 'v1' ? { currentReplicas: 0, desiredReplicas: 0 } : { desiredReplicas: 0 };
  return {
    defaults: version === 'v1' ? defaultsV1 : defaultsV2,
    prepareForCreate: (object) => resetStatusForCreate(object, zeroStatus),
    prepareForUpdate: (object, old) => keepStatusForUpdate(object, old),
    validate: version === 'v1' ? validateV1 : validateV2,
    prepareForStatusUpdate: (object, old) => keepAllButStatus(object, old, false),
    table: { columns: hpaColumns, row: (object, ctx) => hpaRow(object, version, ctx.now) },
  };
}
