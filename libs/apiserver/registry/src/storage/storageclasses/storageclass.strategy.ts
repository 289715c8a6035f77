import { FieldError, fieldErrors, KubeObject } from '@drydock/util';
import { fieldImmutable, jsonEqual } from '../../meta/field-validation';
import { isQualifiedName } from '@drydock/kube';
import type { ResourceStrategy } from '../../resource.types';
import { defaultField, list, text } from '../../support/object-fields';
import { age, ageColumn, column, nameColumn } from '../../support/table-columns';
import { invalidEach } from '../../support/field-errors';

const defaultClassAnnotations = ['storageclass.kubernetes.io/is-default-class', 'storageclass.beta.kubernetes.io/is-default-class'];

/** SetDefaults_StorageClass. */
function defaults(object: KubeObject): void {
  defaultField(object, 'reclaimPolicy', 'Delete');
  defaultField(object, 'volumeBindingMode', 'Immediate');
}

/** ValidateStorageClass: the provisioner is a qualified name (compared in lower case). */
function validate(object: KubeObject): FieldError[] {
  const errors: FieldError[] = [];
  const provisioner = text(object.provisioner);
  if (!provisioner) errors.push(fieldErrors.required('provisioner', ''));
  else errors.push(...invalidEach('provisioner', provisioner.toLowerCase(), isQualifiedName(provisioner.toLowerCase())));
  if (!['Delete', 'Retain'].includes(text(object.reclaimPolicy))) errors.push(fieldErrors.notSupported('reclaimPolicy', object.reclaimPolicy ?? '', ['Delete', 'Retain']));
  if (!['Immediate', 'WaitForFirstConsumer'].includes(text(object.volumeBindingMode))) {
    errors.push(fieldErrors.notSupported('volumeBindingMode', object.volumeBindingMode ?? '', ['Immediate', 'WaitForFirstConsumer']));
  }
  if (list(object.allowedTopologies).length > 0 && object.volumeBindingMode == null) errors.push(fieldErrors.required('volumeBindingMode', ''));
  return errors;
}

/** ValidateStorageClassUpdate. */
function validateUpdate(object: KubeObject, old: KubeObject): FieldError[] {
  const errors: FieldError[] = [];
  if (!jsonEqual(object.parameters, old.parameters)) errors.push(fieldErrors.forbidden('parameters', 'updates to parameters are forbidden.'));
  if (object.provisioner !== old.provisioner) errors.push(fieldErrors.forbidden('provisioner', 'updates to provisioner are forbidden.'));
  if (object.reclaimPolicy !== old.reclaimPolicy) errors.push(fieldErrors.forbidden('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'));
  return [...errors, ...fieldImmutable(object.volumeBindingMode, old.volumeBindingMode, 'volumeBindingMode')];
}

function row(object: KubeObject, ctx: { now: Date }): unknown[] {
  const isDefault = defaultClassAnnotations.some((key) => object.metadata.annotations?.[key] === 'true');
  const name = isDefault ? `${object.metadata.name} (default)` : object.metadata.name;
  const allowExpansion = object.allowVolumeExpansion === true;
  return [name, text(object.provisioner), text(object.reclaimPolicy) || 'Delete', text(object.volumeBindingMode) || 'Immediate', allowExpansion, age(object, ctx.now)];
}

/** storage.k8s.io/v1 StorageClass (no spec: its fields are top-level and immutable). */
export const storageClassStrategy: ResourceStrategy = {
  defaults,
  validate,
  validateUpdate,
  table: {
    columns: [
      nameColumn,
      column('Provisioner', 'string', 'provisioner indicates the type of the provisioner.'),
      column('ReclaimPolicy', 'string', 'reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class. Defaults to Delete.'),
      column('VolumeBindingMode', 'string', 'volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound.  When unset, VolumeBindingImmediate is used. This field is only honored by servers that enable the VolumeScheduling feature.'),
      column('AllowVolumeExpansion', 'string', 'allowVolumeExpansion shows whether the storage class allow volume expand.'),
      ageColumn,
    ],
    row,
  },
};

