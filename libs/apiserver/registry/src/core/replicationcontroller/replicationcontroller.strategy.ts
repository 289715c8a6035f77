import { FieldError, fieldErrors, isPlainObject, KubeObject } from '@drydock/util';
import type { ResourceStrategy, StrategyContext } from '../../resource.types';
import { validateNonnegative } from '../../meta/field-validation';
import { timestampSince } from '../../meta/human-duration';
import { labelSelectorFromSet, matchesLabels } from '@drydock/kube';
import { defaultPodTemplateSpec, validatePodTemplateSpec } from '../pod-spec';
import { validateAlwaysRestart } from '../../support/workload-validation';
import { fieldDescriptions } from '../field-descriptions';
import { ensureRecord, Json, record, stringMap } from '../../support/object-fields';
import { keepStatusForUpdate, resetStatusForCreate } from '../../support/status-subresource';
import { ageColumn, column, containerCells, formatLabels, nameColumn } from '../../support/table-columns';
import { objectMetaFields, validateCoreMeta } from '../../support/object-meta-fields';

/** ValidatePodTemplateSpecForRC: the selector must match the template labels; pods restart Always. */
function validateTemplate(spec: Json): FieldError[] {
  if (!isPlainObject(spec.template)) return [fieldErrors.required('spec.template')];
  const template = spec.template;
  const selector = stringMap(spec.selector);
  const labels = stringMap(record(template, 'metadata').labels);
  const errors: FieldError[] = [];
  if (Object.keys(selector).length > 0 && !matchesLabels(labelSelectorFromSet(selector), labels)) {
    errors.push(fieldErrors.invalid('spec.template.metadata.labels', labels, '`selector` does not match template `labels`'));
  }
  errors.push(...validatePodTemplateSpec(template, 'spec.template'));
  errors.push(...validateAlwaysRestart(template, 'spec.template', 'ReplicationController'));
  return errors;
}

/** ValidateReplicationControllerSpec. */
function validateSpec(spec: Json): FieldError[] {
  const errors = validateNonnegative(spec.minReadySeconds, 'spec.minReadySeconds');
  if (Object.keys(stringMap(spec.selector)).length === 0) errors.push(fieldErrors.required('spec.selector'));
  errors.push(...validateNonnegative(spec.replicas, 'spec.replicas'));
  return [...errors, ...validateTemplate(spec)];
}

function controllerRow(rc: KubeObject, ctx: StrategyContext): unknown[] {
  const spec = record(rc, 'spec');
  const status = record(rc, 'status');
  const [names, images] = containerCells(record(spec, 'template', 'spec').containers);
  return [
    rc.metadata.name ?? '', Number(spec.replicas ?? 0), Number(status.replicas ?? 0), Number(status.readyReplicas ?? 0),
    timestampSince(rc.metadata.creationTimestamp, ctx.now), names, images, formatLabels(spec.selector),
  ];
}

export const replicationControllerStrategy: ResourceStrategy = {
  /** SetDefaults_ReplicationController: selector and labels from the template, one replica. */
  defaults(rc) {
    const spec = ensureRecord(rc, 'spec');
    const templateLabels = record(spec, 'template', 'metadata').labels;
    if (isPlainObject(templateLabels)) {
      if (Object.keys(stringMap(spec.selector)).length === 0) spec.selector = { ...templateLabels };
      if (Object.keys(rc.metadata.labels ?? {}).length === 0) rc.metadata.labels = stringMap(templateLabels);
    }
    if (spec.replicas === undefined || spec.replicas === null) spec.replicas = 1;
    if (isPlainObject(spec.template)) defaultPodTemplateSpec(spec.template);
  },
  // ReplicationControllerStatus.replicas is serialized without omitempty.
  prepareForCreate: (rc) => resetStatusForCreate(rc, { replicas: 0 }),
  prepareForUpdate: (rc, old) => keepStatusForUpdate(rc, old),
  validate: (rc) => [...validateCoreMeta(rc.metadata), ...validateSpec(record(rc, 'spec'))],
  table: {
    columns: [
      nameColumn,
      column('Desired', 'integer', fieldDescriptions['ReplicationControllerSpec.replicas']),
      column('Current', 'integer', fieldDescriptions['ReplicationControllerStatus.replicas']),
      column('Ready', 'integer', fieldDescriptions['ReplicationControllerStatus.readyReplicas']),
      ageColumn,
      column('Containers', 'string', 'Names of each container in the template.', 1),
      column('Images', 'string', 'Images referenced by each container in the template.', 1),
      column('Selector', 'string', fieldDescriptions['ReplicationControllerSpec.selector'], 1),
    ],
    row: controllerRow,
  },
  selectableFields: (rc) => ({ ...objectMetaFields(rc), 'status.replicas': String(Number(record(rc, 'status').replicas ?? 0)) }),
};
