import { FieldError, fieldErrors, KubeObject } from '@drydock/util';
import { defaultPodTemplateSpec } from '../../core/pod-spec';
import { fieldImmutable, validateNonnegative } from '../../meta/field-validation';
import type { ResourceStrategy } from '../../resource.types';
import { formatLabelSelector } from '@drydock/kube';
import { selectorString } from '../support/label-selector';
import { defaultField, ensureRecord, record } from '../../support/object-fields';
import { keepAllButStatus, keepStatusForUpdate, resetStatusForCreate } from '../../support/status-subresource';
import { age, ageColumn, column, containerCells, containersColumn, imagesColumn, intCell, nameColumn } from '../../support/table-columns';
import { validateTemplateForController, validateWorkloadSelector } from '../../support/workload-validation';

/** SetDefaults_ReplicaSet plus the pod template's defaults. */
function defaults(object: KubeObject): void {
  const spec = ensureRecord(object, 'spec');
  defaultField(spec, 'replicas', 1);
  defaultPodTemplateSpec(ensureRecord(spec, 'template'));
}

/** ValidateReplicaSetSpec (upstream says "deployment" in the empty-selector message here too). */
function validate(object: KubeObject): FieldError[] {
  const spec = record(object.spec);
  return [
    ...validateNonnegative(spec.replicas, 'spec.replicas'),
    ...validateNonnegative(spec.minReadySeconds, 'spec.minReadySeconds'),
    ...validateWorkloadSelector(spec.selector, 'spec.selector', 'deployment'),
    ...(selectorString(spec.selector) === undefined
      ? [fieldErrors.invalid('spec.selector', spec.selector, 'invalid label selector')]
      : validateTemplateForController(spec.selector, spec.template, 'spec.template', 'ReplicaSet')),
  ];
}

function row(object: KubeObject, ctx: { now: Date }): unknown[] {
  const spec = record(object.spec);
  const status = record(object.status);
  const [containers, images] = containerCells(record(spec.template, 'spec').containers);
  return [object.metadata.name, intCell(spec.replicas), intCell(status.replicas), intCell(status.readyReplicas), age(object, ctx.now), containers, images, formatLabelSelector(spec.selector)];
}

/** apps/v1 ReplicaSet, as pkg/registry/apps/replicaset/strategy.go. */
export const replicaSetStrategy: ResourceStrategy = {
  defaults,
  prepareForCreate: (object) => resetStatusForCreate(object, { replicas: 0 }),
  prepareForUpdate: (object, old) => keepStatusForUpdate(object, old),
  validate,
  validateUpdate: (object, old) => fieldImmutable(record(object.spec).selector, record(old.spec).selector, 'spec.selector'),
  prepareForStatusUpdate: (object, old) => keepAllButStatus(object, old),
  table: {
    columns: [
      nameColumn,
      column('Desired', 'integer', 'Replicas is the number of desired pods. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1.'),
      column('Current', 'integer', 'Replicas is the most recently observed number of replicas.'),
      column('Ready', 'integer', 'The number of ready replicas for this replica set.'),
      ageColumn,
      containersColumn,
      imagesColumn,
      column('Selector', 'string', 'Selector is a label query over pods that should match the replica count. Must match in order to be controlled.', 1),
    ],
    row,
  },
  selectableFields: (object) => ({ 'status.replicas': String(intCell(record(object.status).replicas)) }),
};
