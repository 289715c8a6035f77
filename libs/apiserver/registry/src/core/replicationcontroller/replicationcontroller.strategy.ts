import { FieldError, fieldErrors, isPlainObject, KubeObject } from '@drydock/util';
import type { ResourceDefinition, ResourceStrategy, StrategyContext } from '../../resource.types';
import { validateNonnegative } from '../../meta/field-validation';
import { timestampSince } from '../../meta/human-duration';
import { matchesLabels } from '../../meta/label-selector';
import { labelSelectorFromSet } from '../../meta/label-selector-object';
import { ageColumn, column, containerCells, formatLabels, nameColumn } from '../../meta/table-columns';
import { defaultPodTemplateSpec, validatePodTemplateSpec } from '../pod-spec';
import { bumpGeneration, initGeneration, Json, keepOldStatus, objectMetaFields, read, section, stringMap, text, validateCoreMeta } from '../core-strategy-helpers';
import { fieldDescriptions } from '../field-descriptions';

/** ValidatePodTemplateSpecForRC: the selector must match the template labels; pods restart Always. */
function validateTemplate(spec: Json): FieldError[] {
  if (!isPlainObject(spec.template)) return [fieldErrors.required('spec.template')];
  const template = spec.template;
  const selector = stringMap(spec.selector);
  const labels = stringMap(read(template, 'metadata').labels);
  const errors: FieldError[] = [];
  if (Object.keys(selector).length > 0 && !matchesLabels(labelSelectorFromSet(selector), labels)) {
    errors.push(fieldErrors.invalid('spec.template.metadata.labels', labels, '`selector` does not match template `labels`'));
  }
  errors.push(...validatePodTemplateSpec(template, 'spec.template'));
  const podSpec = read(template, 'spec');
  if (podSpec.restartPolicy !== 'Always') errors.push(fieldErrors.notSupported('spec.template.spec.restartPolicy', text(podSpec.restartPolicy), ['Always']));
  if (podSpec.activeDeadlineSeconds !== undefined && podSpec.activeDeadlineSeconds !== null) {
    errors.push(fieldErrors.forbidden('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in ReplicationController is not Supported'));
  }
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
  const spec = read(rc, 'spec');
  const status = read(rc, 'status');
  const [names, images] = containerCells(read(spec, 'template', 'spec').containers);
  return [
    rc.metadata.name ?? '', Number(spec.replicas ?? 0), Number(status.replicas ?? 0), Number(status.readyReplicas ?? 0),
    timestampSince(rc.metadata.creationTimestamp, ctx.now), names, images, formatLabels(spec.selector),
  ];
}

export const replicationControllerStrategy: ResourceStrategy = {
  /** SetDefaults_ReplicationController: selector and labels from the template, one replica. */
  defaults(rc) {
    const spec = section(rc, 'spec');
    const templateLabels = read(spec, 'template', 'metadata').labels;
    if (isPlainObject(templateLabels)) {
      if (Object.keys(stringMap(spec.selector)).length === 0) spec.selector = { ...templateLabels };
      if (Object.keys(rc.metadata.labels ?? {}).length === 0) rc.metadata.labels = stringMap(templateLabels);
    }
    if (spec.replicas === undefined || spec.replicas === null) spec.replicas = 1;
    if (isPlainObject(spec.template)) defaultPodTemplateSpec(spec.template);
  },
  prepareForCreate(rc) {
    rc.status = { replicas: 0 };
    initGeneration(rc);
  },
  prepareForUpdate(rc, old) {
    keepOldStatus(rc, old);
    bumpGeneration(rc, old);
  },
  validate: (rc) => [...validateCoreMeta(rc.metadata), ...validateSpec(read(rc, 'spec'))],
  table: {
    columns: [
      nameColumn,
      column('Desired', fieldDescriptions['ReplicationControllerSpec.replicas'], { type: 'integer' }),
      column('Current', fieldDescriptions['ReplicationControllerStatus.replicas'], { type: 'integer' }),
      column('Ready', fieldDescriptions['ReplicationControllerStatus.readyReplicas'], { type: 'integer' }),
      ageColumn,
      column('Containers', 'Names of each container in the template.', { wide: true }),
      column('Images', 'Images referenced by each container in the template.', { wide: true }),
      column('Selector', fieldDescriptions['ReplicationControllerSpec.selector'], { wide: true }),
    ],
    row: controllerRow,
  },
  selectableFields: (rc) => ({ ...objectMetaFields(rc), 'status.replicas': String(Number(read(rc, 'status').replicas ?? 0)) }),
};

export const replicationControllerResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'ReplicationController',
  resource: 'replicationcontrollers',
  singular: 'replicationcontroller',
  namespaced: true,
  shortNames: ['rc'],
  categories: ['all'],
  model: 'io.k8s.api.core.v1.ReplicationController',
  subresources: {
    status: true,
    scale: { specReplicasPath: 'spec.replicas', statusReplicasPath: 'status.replicas', labelSelectorPath: 'spec.selector' },
  },
  strategy: replicationControllerStrategy,
};
