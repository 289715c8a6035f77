import { FieldError, fieldErrors, KubeObject } from '@drydock/util';
import { defaultPodTemplateSpec } from '../../core/pod-spec';
import { fieldImmutable, validateNonnegative } from '../../meta/field-validation';
import type { ResourceStrategy } from '../../resource.types';
import { intOrPercentValue, isNotMoreThan100Percent, validatePositiveIntOrPercent } from '@drydock/kube';
import { selectorString } from '../support/label-selector';
import { defaultField, ensureRecord, record } from '../../support/object-fields';
import { keepAllButStatus, keepStatusForUpdate, resetStatusForCreate } from '../../support/status-subresource';
import { age, ageColumn, column, containerCells, containersColumn, imagesColumn, intCell, nameColumn } from '../../support/table-columns';
import { validateTemplateForController, validateWorkloadSelector } from '../../support/workload-validation';

/** SetDefaults_Deployment (apps/v1) plus the pod template's defaults. */
function defaults(object: KubeObject): void {
  const spec = ensureRecord(object, 'spec');
  defaultField(spec, 'replicas', 1);
  const strategy = ensureRecord(spec, 'strategy');
  if (!strategy.type) strategy.type = 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const rollingUpdate = ensureRecord(strategy, 'rollingUpdate');
    defaultField(rollingUpdate, 'maxUnavailable', '25%');
    defaultField(rollingUpdate, 'maxSurge', '25%');
  }
  defaultField(spec, 'revisionHistoryLimit', 10);
  defaultField(spec, 'progressDeadlineSeconds', 600);
  defaultPodTemplateSpec(ensureRecord(spec, 'template'));
}

function validateRollingUpdate(rollingUpdate: Record<string, unknown>, path: string): FieldError[] {
  const { maxUnavailable, maxSurge } = rollingUpdate;
  const errors = [...validatePositiveIntOrPercent(maxUnavailable, `${path}.maxUnavailable`), ...validatePositiveIntOrPercent(maxSurge, `${path}.maxSurge`)];
  if (intOrPercentValue(maxUnavailable) === 0 && intOrPercentValue(maxSurge) === 0) {
    errors.push(fieldErrors.invalid(`${path}.maxUnavailable`, maxUnavailable ?? 0, 'may not be 0 when `maxSurge` is 0'));
  }
  errors.push(...isNotMoreThan100Percent(maxUnavailable, `${path}.maxUnavailable`));
  return errors;
}

/** ValidateDeploymentStrategy. */
function validateStrategy(strategy: Record<string, unknown>, path: string): FieldError[] {
  const rollingUpdate = strategy.rollingUpdate;
  switch (strategy.type) {
    case 'Recreate':
      return rollingUpdate == null ? [] : [fieldErrors.forbidden(`${path}.rollingUpdate`, "may not be specified when strategy `type` is 'Recreate'")];
    case 'RollingUpdate':
      if (rollingUpdate == null) return [fieldErrors.required(`${path}.rollingUpdate`, 'this should be defaulted and never be nil')];
      return validateRollingUpdate(record(rollingUpdate), `${path}.rollingUpdate`);
    default:
      return [fieldErrors.notSupported(path, strategy, ['Recreate', 'RollingUpdate'])];
  }
}

function validateProgressDeadline(spec: Record<string, unknown>): FieldError[] {
  const deadline = spec.progressDeadlineSeconds;
  if (typeof deadline !== 'number') return [];
  const errors = validateNonnegative(deadline, 'spec.progressDeadlineSeconds');
  const minReadySeconds = typeof spec.minReadySeconds === 'number' ? spec.minReadySeconds : 0;
  if (deadline <= minReadySeconds) errors.push(fieldErrors.invalid('spec.progressDeadlineSeconds', deadline, 'must be greater than minReadySeconds'));
  return errors;
}

/** ValidateDeploymentSpec. */
function validate(object: KubeObject): FieldError[] {
  const spec = record(object.spec);
  return [
    ...validateNonnegative(spec.replicas, 'spec.replicas'),
    ...validateWorkloadSelector(spec.selector, 'spec.selector', 'deployment'),
    ...(selectorString(spec.selector) === undefined
      ? [fieldErrors.invalid('spec.selector', spec.selector, 'invalid label selector')]
      : validateTemplateForController(spec.selector, spec.template, 'spec.template', 'ReplicaSet')),
    ...validateStrategy(record(spec.strategy), 'spec.strategy'),
    ...validateNonnegative(spec.minReadySeconds, 'spec.minReadySeconds'),
    ...validateNonnegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'),
    ...validateProgressDeadline(spec),
  ];
}

function row(object: KubeObject, ctx: { now: Date }): unknown[] {
  const spec = record(object.spec);
  const status = record(object.status);
  const [containers, images] = containerCells(record(spec.template, 'spec').containers);
  const selector = selectorString(spec.selector) ?? '<invalid>';
  return [object.metadata.name, `${intCell(status.readyReplicas)}/${intCell(spec.replicas)}`, intCell(status.updatedReplicas), intCell(status.availableReplicas), age(object, ctx.now), containers, images, selector];
}

/** apps/v1 Deployment, as pkg/registry/apps/deployment/strategy.go. */
export const deploymentStrategy: ResourceStrategy = {
  defaults,
  prepareForCreate: (object) => resetStatusForCreate(object),
  // Annotation changes bump the generation too: they are copied to the ReplicaSets.
  prepareForUpdate: (object, old) => keepStatusForUpdate(object, old, true),
  validate,
  validateUpdate: (object, old) => fieldImmutable(record(object.spec).selector, record(old.spec).selector, 'spec.selector'),
  prepareForStatusUpdate: (object, old) => keepAllButStatus(object, old),
  table: {
    columns: [
      nameColumn,
      column('Ready', 'string', 'Number of the pod with ready state'),
      column('Up-to-date', 'string', 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.'),
      column('Available', 'string', 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.'),
      ageColumn,
      containersColumn,
      imagesColumn,
      column('Selector', 'string', 'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.', 1),
    ],
    row,
  },
};
