import { FieldError, fieldErrors, KubeObject } from '@drydock/util';
import type { ResourceStrategy, StrategyContext } from '../../resource.types';
import { jsonEqual } from '../../meta/field-validation';
import { timestampSince } from '../../meta/human-duration';
import { canonicalizeResourceList, parseQuantity, quantityError } from '@drydock/kube';
import { accessModesString, storageClass, unset, validateAccessModes, validateVolumeMode } from '../storage-helpers';
import { fieldDescriptions } from '../field-descriptions';
import { ensureRecord, Json, record, text } from '../../support/object-fields';
import { keepOldStatus } from '../../support/status-subresource';
import { ageColumn, column, nameColumn } from '../../support/table-columns';
import { validateCoreMeta } from '../../support/object-meta-fields';

/** ValidatePersistentVolumeClaimSpec: access modes, a positive storage request, volume mode. */
function validateSpec(spec: Json): FieldError[] {
  const errors = validateAccessModes(spec.accessModes, 'spec.accessModes', 'at least 1 access mode is required');
  const requests = record(spec, 'resources', 'requests');
  if (!('storage' in requests)) errors.push(fieldErrors.required('spec.resources[storage]'));
  else if (quantityError(requests.storage) || parseQuantity(requests.storage).sign() <= 0) errors.push(fieldErrors.invalid('spec.resources[storage]', text(requests.storage), 'must be greater than zero'));
  return [...errors, ...validateVolumeMode(spec.volumeMode, 'spec.volumeMode')];
}

/**
 * Only resources.requests and volumeAttributesClassName may change after creation; besides, the PV
 * controller may set volumeName once (while it is empty) and storageClassName while it is unset (the
 * retroactive default StorageClass), as upstream's ValidatePersistentVolumeClaimUpdate allows.
 */
function validateSpecUpdate(spec: Json, old: Json): FieldError[] {
  const strip = (s: Json) => ({ ...s, resources: { ...record(s, 'resources'), requests: undefined }, volumeAttributesClassName: undefined });
  const settable = { ...old, ...(text(old.volumeName) ? {} : { volumeName: spec.volumeName }), ...(old.storageClassName === undefined || old.storageClassName === null ? { storageClassName: spec.storageClassName } : {}) };
  if (jsonEqual(strip(spec), strip(settable))) return [];
  return [fieldErrors.forbidden('spec', 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims')];
}

function claimRow(pvc: KubeObject, ctx: StrategyContext): unknown[] {
  const spec = record(pvc, 'spec');
  const status = record(pvc, 'status');
  const bound = Boolean(text(spec.volumeName));
  return [
    pvc.metadata.name ?? '',
    pvc.metadata.deletionTimestamp ? 'Terminating' : text(status.phase),
    text(spec.volumeName),
    bound ? text(record(status, 'capacity').storage) || '0' : '',
    bound ? accessModesString(status.accessModes) : '',
    storageClass(pvc),
    unset(spec.volumeAttributesClassName),
    timestampSince(pvc.metadata.creationTimestamp, ctx.now),
    unset(spec.volumeMode),
  ];
}

export const persistentVolumeClaimStrategy: ResourceStrategy = {
  defaults(pvc) {
    const spec = ensureRecord(pvc, 'spec');
    if (spec.volumeMode === undefined || spec.volumeMode === null) spec.volumeMode = 'Filesystem';
    canonicalizeResourceList(record(spec, 'resources').requests);
    canonicalizeResourceList(record(spec, 'resources').limits);
    canonicalizeResourceList(record(pvc, 'status').capacity);
  },
  /** Status is cleared; reads upstream re-apply the Pending default, so it is stored here. */
  prepareForCreate(pvc) {
    pvc.status = { phase: 'Pending' };
  },
  prepareForUpdate: keepOldStatus,
  validate: (pvc) => [...validateCoreMeta(pvc.metadata), ...validateSpec(record(pvc, 'spec'))],
  validateUpdate: (pvc, old) => validateSpecUpdate(record(pvc, 'spec'), record(old, 'spec')),
  table: {
    columns: [
      nameColumn,
      column('Status', 'string', fieldDescriptions['PersistentVolumeClaimStatus.phase']),
      column('Volume', 'string', fieldDescriptions['PersistentVolumeClaimSpec.volumeName']),
      column('Capacity', 'string', fieldDescriptions['PersistentVolumeClaimStatus.capacity']),
      column('Access Modes', 'string', fieldDescriptions['PersistentVolumeClaimStatus.accessModes']),
      column('StorageClass', 'string', 'StorageClass of the pvc'),
      column('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pvc'),
      ageColumn,
      column('VolumeMode', 'string', fieldDescriptions['PersistentVolumeClaimSpec.volumeMode'], 1),
    ],
    row: claimRow,
  },
};
