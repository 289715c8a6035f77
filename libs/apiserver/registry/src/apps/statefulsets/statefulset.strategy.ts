import { FieldError, fieldErrors, KubeObject } from '@drydock/util';
import { defaultPodTemplateSpec } from '../../core/pod-spec';
import { jsonEqual, validateNonnegative } from '../../meta/field-validation';
import { validateAnnotations, validateLabels } from '../../meta/object-meta-validation';
import type { ResourceStrategy } from '../../resource.types';
import { intOrPercentValue, isNotMoreThan100Percent, validatePositiveIntOrPercent } from '@drydock/kube';
import { selectorString } from '../support/label-selector';
import { defaultField, ensureRecord, record } from '../../support/object-fields';
import { keepAllButStatus, keepStatusForUpdate, resetStatusForCreate } from '../../support/status-subresource';
import { age, ageColumn, column, containerCells, containersColumn, imagesColumn, intCell, nameColumn } from '../../support/table-columns';
import { validateAlwaysRestart, validateSelectorMatchesTemplate, validateWorkloadSelector } from '../../support/workload-validation';

/** SetDefaults_StatefulSet plus the pod template's defaults. */
function defaults(object: KubeObject): void {
  const spec = ensureRecord(object, 'spec');
  if (!spec.podManagementPolicy) spec.podManagementPolicy = 'OrderedReady';
  const updateStrategy = ensureRecord(spec, 'updateStrategy');
  if (!updateStrategy.type) {
    updateStrategy.type = 'RollingUpdate';
    defaultField(updateStrategy, 'rollingUpdate', {});
  }
  if (updateStrategy.type === 'RollingUpdate' && updateStrategy.rollingUpdate != null) defaultField(record(updateStrategy.rollingUpdate), 'partition', 0);
  const retention = ensureRecord(spec, 'persistentVolumeClaimRetentionPolicy');
  if (!retention.whenDeleted) retention.whenDeleted = 'Retain';
  if (!retention.whenScaled) retention.whenScaled = 'Retain';
  defaultField(spec, 'replicas', 1);
  defaultField(spec, 'revisionHistoryLimit', 10);
  defaultPodTemplateSpec(ensureRecord(spec, 'template'));
}

function validateRollingUpdate(rollingUpdate: Record<string, unknown>, path: string): FieldError[] {
  const errors = validateNonnegative(rollingUpdate.partition, `${path}.partition`);
  const maxUnavailable = rollingUpdate.maxUnavailable;
  if (maxUnavailable == null) return errors;
  errors.push(...validatePositiveIntOrPercent(maxUnavailable, `${path}.maxUnavailable`));
  if (intOrPercentValue(maxUnavailable) === 0) errors.push(fieldErrors.invalid(`${path}.maxUnavailable`, maxUnavailable, 'cannot be 0'));
  return [...errors, ...isNotMoreThan100Percent(maxUnavailable, `${path}.maxUnavailable`)];
}

function validatePolicies(spec: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  const policy = spec.podManagementPolicy;
  if (!policy) errors.push(fieldErrors.required('spec.podManagementPolicy', ''));
  else if (policy !== 'OrderedReady' && policy !== 'Parallel') errors.push(fieldErrors.invalid('spec.podManagementPolicy', policy, "must be 'OrderedReady' or 'Parallel'"));
  const strategy = record(spec.updateStrategy);
  if (!strategy.type) errors.push(fieldErrors.required('spec.updateStrategy', ''));
  else if (strategy.type === 'OnDelete' && strategy.rollingUpdate != null) {
    errors.push(fieldErrors.invalid('spec.updateStrategy.rollingUpdate', strategy.rollingUpdate, "only allowed for updateStrategy 'RollingUpdate'"));
  } else if (strategy.type === 'RollingUpdate' && strategy.rollingUpdate != null) {
    errors.push(...validateRollingUpdate(record(strategy.rollingUpdate), 'spec.updateStrategy.rollingUpdate'));
  } else if (strategy.type !== 'OnDelete' && strategy.type !== 'RollingUpdate') {
    errors.push(fieldErrors.invalid('spec.updateStrategy', strategy, "must be 'RollingUpdate' or 'OnDelete'"));
  }
  const retention = spec.persistentVolumeClaimRetentionPolicy;
  if (retention != null) {
    for (const key of ['whenDeleted', 'whenScaled']) {
      const value = record(retention)[key];
      if (value !== 'Retain' && value !== 'Delete') errors.push(fieldErrors.notSupported(`spec.persistentVolumeClaimRetentionPolicy.${key}`, value ?? '', ['Retain', 'Delete']));
    }
  }
  return errors;
}

/** ValidatePodTemplateSpecForStatefulSet: only labels and annotations of the template are checked upstream. */
function validateTemplate(spec: Record<string, unknown>): FieldError[] {
  const template = record(spec.template);
  const metadata = record(template.metadata);
  return [
    ...validateSelectorMatchesTemplate(spec.selector, template, 'spec.template'),
    ...validateLabels(metadata.labels, 'spec.template.labels'),
    ...validateAnnotations(metadata.annotations, 'spec.template.annotations'),
    ...validateAlwaysRestart(template, 'spec.template', 'StatefulSet'),
  ];
}

/** ValidateStatefulSetSpec. */
function validate(object: KubeObject): FieldError[] {
  const spec = record(object.spec);
  return [
    ...validatePolicies(spec),
    ...validateNonnegative(spec.replicas, 'spec.replicas'),
    ...validateNonnegative(spec.minReadySeconds, 'spec.minReadySeconds'),
    ...validateNonnegative(record(spec.ordinals).start, 'spec.ordinals.start'),
    ...validateWorkloadSelector(spec.selector, 'spec.selector', 'statefulset'),
    ...(selectorString(spec.selector) === undefined ? [fieldErrors.invalid('spec.selector', spec.selector, '')] : validateTemplate(spec)),
  ];
}

const mutableSpecFields = ['replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'];

/** ValidateStatefulSetUpdate: only some spec fields may change. */
function validateUpdate(object: KubeObject, old: KubeObject): FieldError[] {
  const strip = (spec: unknown) => Object.fromEntries(Object.entries(record(spec)).filter(([key]) => !mutableSpecFields.includes(key)));
  if (jsonEqual(strip(object.spec), strip(old.spec))) return [];
  return [fieldErrors.forbidden('spec', "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden")];
}

function row(object: KubeObject, ctx: { now: Date }): unknown[] {
  const spec = record(object.spec);
  const [containers, images] = containerCells(record(spec.template, 'spec').containers);
  return [object.metadata.name, `${intCell(record(object.status).readyReplicas)}/${intCell(spec.replicas)}`, age(object, ctx.now), containers, images];
}

/** apps/v1 StatefulSet, as pkg/registry/apps/statefulset/strategy.go. */
export const statefulSetStrategy: ResourceStrategy = {
  defaults,
  prepareForCreate: (object) => resetStatusForCreate(object, { replicas: 0, availableReplicas: 0 }),
  prepareForUpdate: (object, old) => keepStatusForUpdate(object, old),
  validate,
  validateUpdate,
  prepareForStatusUpdate: (object, old) => keepAllButStatus(object, old),
  table: {
    columns: [nameColumn, column('Ready', 'string', 'Number of the pod with ready state'), ageColumn, containersColumn, imagesColumn],
    row,
  },
};
