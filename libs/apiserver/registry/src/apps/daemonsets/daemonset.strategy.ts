import { FieldError, fieldErrors, KubeObject } from '@drydock/util';
import { defaultPodTemplateSpec, validatePodTemplateSpec } from '../../core/pod-spec';
import { fieldImmutable, jsonEqual, validateNonnegative } from '../../meta/field-validation';
import type { ResourceStrategy } from '../../resource.types';
import { intOrPercentValue, isNotMoreThan100Percent, validatePositiveIntOrPercent } from '@drydock/kube';
import { formatLabelSelector, isEmptySelector } from '@drydock/kube';
import { validateLabelSelector } from '../../meta/label-selector-validation';
import { formatLabels } from '../../support/table-columns';
import { defaultField, ensureRecord, record } from '../../support/object-fields';
import { keepAllButStatus, keepStatusForUpdate, resetStatusForCreate } from '../../support/status-subresource';
import { age, ageColumn, column, containerCells, containersColumn, imagesColumn, intCell, nameColumn } from '../../support/table-columns';
import { validateAlwaysRestart, validateSelectorMatchesTemplate } from '../../support/workload-validation';

/** SetDefaults_DaemonSet plus the pod template's defaults. */
function defaults(object: KubeObject): void {
  const spec = ensureRecord(object, 'spec');
  const updateStrategy = ensureRecord(spec, 'updateStrategy');
  if (!updateStrategy.type) updateStrategy.type = 'RollingUpdate';
  if (updateStrategy.type === 'RollingUpdate') {
    const rollingUpdate = ensureRecord(updateStrategy, 'rollingUpdate');
    defaultField(rollingUpdate, 'maxUnavailable', 1);
    defaultField(rollingUpdate, 'maxSurge', 0);
  }
  defaultField(spec, 'revisionHistoryLimit', 10);
  defaultPodTemplateSpec(ensureRecord(spec, 'template'));
}

/** ValidateRollingUpdateDaemonSet: exactly one of maxSurge and maxUnavailable is non-zero. */
function validateRollingUpdate(rollingUpdate: Record<string, unknown>, path: string): FieldError[] {
  const { maxUnavailable, maxSurge } = rollingUpdate;
  const errors = [
    ...validatePositiveIntOrPercent(maxUnavailable, `${path}.maxUnavailable`),
    ...validatePositiveIntOrPercent(maxSurge, `${path}.maxSurge`),
    ...isNotMoreThan100Percent(maxUnavailable, `${path}.maxUnavailable`),
    ...isNotMoreThan100Percent(maxSurge, `${path}.maxSurge`),
  ];
  const hasUnavailable = intOrPercentValue(maxUnavailable) !== 0;
  const hasSurge = intOrPercentValue(maxSurge) !== 0;
  if (hasUnavailable && hasSurge) errors.push(fieldErrors.invalid(`${path}.maxSurge`, maxSurge, 'may not be set when maxUnavailable is non-zero'));
  if (!hasUnavailable && !hasSurge) errors.push(fieldErrors.required(`${path}.maxUnavailable`, 'cannot be 0 when maxSurge is 0'));
  return errors;
}

function validateUpdateStrategy(strategy: Record<string, unknown>): FieldError[] {
  if (strategy.type === 'OnDelete') return [];
  if (strategy.type !== 'RollingUpdate') return [fieldErrors.notSupported('spec.updateStrategy', strategy, ['RollingUpdate', 'OnDelete'])];
  if (strategy.rollingUpdate == null) return [fieldErrors.required('spec.updateStrategy.rollingUpdate', '')];
  return validateRollingUpdate(record(strategy.rollingUpdate), 'spec.updateStrategy.rollingUpdate');
}

/** ValidateDaemonSetSpec. A missing selector selects nothing, so it fails the template match. */
function validate(object: KubeObject): FieldError[] {
  const spec = record(object.spec);
  const errors = [...validateLabelSelector(spec.selector, 'spec.selector'), ...validateSelectorMatchesTemplate(spec.selector, spec.template, 'spec.template')];
  if (spec.selector != null && isEmptySelector(spec.selector)) errors.push(fieldErrors.invalid('spec.selector', spec.selector, 'empty selector is invalid for daemonset'));
  return [
    ...errors,
    ...validatePodTemplateSpec(record(spec.template), 'spec.template'),
    ...validateAlwaysRestart(spec.template, 'spec.template', 'DaemonSet'),
    ...validateNonnegative(spec.minReadySeconds, 'spec.minReadySeconds'),
    ...validateUpdateStrategy(record(spec.updateStrategy)),
    ...validateNonnegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'),
  ];
}

function row(object: KubeObject, ctx: { now: Date }): unknown[] {
  const spec = record(object.spec);
  const status = record(object.status);
  const podSpec = record(record(spec.template).spec);
  const [containers, images] = containerCells(podSpec.containers);
  const counts = [status.desiredNumberScheduled, status.currentNumberScheduled, status.numberReady, status.updatedNumberScheduled, status.numberAvailable].map(intCell);
  return [object.metadata.name, ...counts, formatLabels(podSpec.nodeSelector), age(object, ctx.now), containers, images, formatLabelSelector(spec.selector)];
}

/** spec.templateGeneration of the internal type, which apps/v1 carries in this annotation. */
const templateGenerationAnnotation = 'deprecated.daemonset.template.generation';

function templateGeneration(object: KubeObject): number {
  const value = Number(object.metadata.annotations?.[templateGenerationAnnotation] ?? 0);
  return Number.isInteger(value) ? value : 0;
}

function setTemplateGeneration(object: KubeObject, generation: number): void {
  object.metadata.annotations = { ...object.metadata.annotations, [templateGenerationAnnotation]: String(generation) };
}

function prepareForCreate(object: KubeObject): void {
  resetStatusForCreate(object, { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 });
  if (templateGeneration(object) < 1) setTemplateGeneration(object, 1);
}

/** The template generation is the old one, plus one when the pod template changed. */
function prepareForUpdate(object: KubeObject, old: KubeObject): void {
  keepStatusForUpdate(object, old);
  const templateChanged = !jsonEqual(record(object.spec).template, record(old.spec).template);
  setTemplateGeneration(object, templateGeneration(old) + (templateChanged ? 1 : 0));
}

/** apps/v1 DaemonSet, as pkg/registry/apps/daemonset/strategy.go. */
export const daemonSetStrategy: ResourceStrategy = {
  defaults,
  prepareForCreate,
  prepareForUpdate,
  validate,
  validateUpdate: (object, old) => fieldImmutable(record(object.spec).selector, record(old.spec).selector, 'spec.selector'),
  prepareForStatusUpdate: (object, old) => keepAllButStatus(object, old),
  table: {
    columns: [
      nameColumn,
      column('Desired', 'integer', 'The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod).'),
      column('Current', 'integer', 'The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod.'),
      column('Ready', 'integer', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.'),
      column('Up-to-date', 'integer', 'The total number of nodes that are running updated daemon pod'),
      column('Available', 'integer', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)'),
      column('Node Selector', 'string', "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node."),
      ageColumn,
      containersColumn,
      imagesColumn,
      column('Selector', 'string', 'A label query over pods that are managed by the daemon set. Must match in order to be controlled.', 1),
    ],
    row,
  },
};
