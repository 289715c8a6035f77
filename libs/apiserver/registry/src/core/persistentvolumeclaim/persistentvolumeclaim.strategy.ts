import { FieldError, fieldErrors, KubeObject } from '@drydock/util';
import type { ResourceDefinition, ResourceStrategy, StrategyContext } from '../../resource.types';
import { jsonEqual } from '../../meta/field-validation';
import { timestampSince } from '../../meta/human-duration';
import { canonicalizeResourceList, parseQuantity, quantityError } from '@drydock/kube';
import { ageColumn, column, nameColumn } from '../../meta/table-columns';
import { Json, keepOldStatus, read, section, text, validateCoreMeta } from '../core-strategy-helpers';
import { accessModesString, storageClass, unset, validateAccessModes, validateVolumeMode } from '../storage-helpers';
import { fieldDescriptions } from '../field-descriptions';

/** ValidatePersistentVolumeClaimSpec: access modes, a positive storage request, volume mode. */
function validateSpec(spec: Json): FieldError[] {
  const errors = validateAccessModes(spec.accessModes, 'spec.accessModes', 'at least 1 access mode is required');
  const requests = read(spec, 'resources', 'requests');
  if (!('storage' in requests)) errors.push(fieldErrors.required('spec.resources[storage]'));
  else if (quantityError(requests.storage) || parseQuantity(requests.storage).sign() <= 0) errors.push(fieldErrors.invalid('spec.resources[storage]', text(requests.storage), 'must be greater than zero'));
  return [...errors, ...validateVolumeMode(spec.volumeMode, 'spec.volumeMode')];
}

/** Only resources.requests and volumeAttributesClassName may change after creation. */
function validateSpecUpdate(spec: Json, old: Json): FieldError[] {
  const strip = (s: Json) => ({ ...s, resources: { ...read(s, 'resources'), requests: undefined }, volumeAttributesClassName: undefined });
  if (jsonEqual(strip(spec), strip(old))) return [];
  return [fieldErrors.forbidden('spec', 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims')];
}

function claimRow(pvc: KubeObject, ctx: StrategyContext): unknown[] {
  const spec = read(pvc, 'spec');
  const status = read(pvc, 'status');
  const bound = Boolean(text(spec.volumeName));
  return [
    pvc.metadata.name ?? '',
    pvc.metadata.deletionTimestamp ? 'Terminating' : text(status.phase),
    text(spec.volumeName),
    bound ? text(read(status, 'capacity').storage) || '0' : '',
    bound ? accessModesString(status.accessModes) : '',
    storageClass(pvc),
    unset(spec.volumeAttributesClassName),
    timestampSince(pvc.metadata.creationTimestamp, ctx.now),
    unset(spec.volumeMode),
  ];
}

export const persistentVolumeClaimStrategy: ResourceStrategy = {
  defaults(pvc) {
    const spec = section(pvc, 'spec');
    if (spec.volumeMode === undefined || spec.volumeMode === null) spec.volumeMode = 'Filesystem';
    canonicalizeResourceList(read(spec, 'resources').requests);
    canonicalizeResourceList(read(spec, 'resources').limits);
    canonicalizeResourceList(read(pvc, 'status').capacity);
  },
  /** Status is cleared; reads upstream re-apply the Pending default, so it is stored here. */
  prepareForCreate(pvc) {
    pvc.status = { phase: 'Pending' };
  },
  prepareForUpdate: keepOldStatus,
  validate: (pvc) => [...validateCoreMeta(pvc.metadata), ...validateSpec(read(pvc, 'spec'))],
  validateUpdate: (pvc, old) => validateSpecUpdate(read(pvc, 'spec'), read(old, 'spec')),
  table: {
    columns: [
      nameColumn,
      column('Status', fieldDescriptions['PersistentVolumeClaimStatus.phase']),
      column('Volume', fieldDescriptions['PersistentVolumeClaimSpec.volumeName']),
      column('Capacity', fieldDescriptions['PersistentVolumeClaimStatus.capacity']),
      column('Access Modes', fieldDescriptions['PersistentVolumeClaimStatus.accessModes']),
      column('StorageClass', 'StorageClass of the pvc'),
      column('VolumeAttributesClass', 'VolumeAttributesClass of the pvc'),
      ageColumn,
      column('VolumeMode', fieldDescriptions['PersistentVolumeClaimSpec.volumeMode'], { wide: true }),
    ],
    row: claimRow,
  },
};

export const persistentVolumeClaimResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'PersistentVolumeClaim',
  resource: 'persistentvolumeclaims',
  singular: 'persistentvolumeclaim',
  namespaced: true,
  shortNames: ['pvc'],
  model: 'io.k8s.api.core.v1.PersistentVolumeClaim',
  subresources: { status: true },
  strategy: persistentVolumeClaimStrategy,
};
