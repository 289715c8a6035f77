import { FieldError, fieldErrors, KubeObject } from '@drydock/util';
import type { ResourceStrategy, StrategyContext } from '../../resource.types';
import { fieldImmutable, jsonEqual } from '../../meta/field-validation';
import { timestampSince } from '../../meta/human-duration';
import { canonicalizeResourceList, kubeTime } from '@drydock/kube';
import { accessModesString, storageClass, unset, validateAccessModes, validateVolumeMode } from '../storage-helpers';
import { fieldDescriptions } from '../field-descriptions';
import { ensureRecord, Json, record, text } from '../../support/object-fields';
import { keepOldStatus } from '../../support/status-subresource';
import { ageColumn, column, nameColumn } from '../../support/table-columns';
import { validateCoreMeta } from '../../support/object-meta-fields';

const volumeSources = [
  'gcePersistentDisk', 'awsElasticBlockStore', 'hostPath', 'glusterfs', 'nfs', 'rbd', 'iscsi', 'cinder', 'cephfs', 'fc', 'flocker',
  'flexVolume', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'local', 'storageos', 'csi',
];
const reclaimPolicies = ['Delete', 'Recycle', 'Retain'];
const specFields = ['accessModes', 'capacity', 'claimRef', 'persistentVolumeReclaimPolicy', 'storageClassName', 'mountOptions', 'volumeMode', 'nodeAffinity', 'volumeAttributesClassName'];

function validateSpec(spec: Json): FieldError[] {
  const errors = validateAccessModes(spec.accessModes, 'spec.accessModes');
  const capacity = record(spec, 'capacity');
  if (Object.keys(capacity).length === 0) errors.push(fieldErrors.required('spec.capacity'));
  else if (!('storage' in capacity) || Object.keys(capacity).length > 1) errors.push(fieldErrors.notSupported('spec.capacity', capacity, ['storage']));
  const sources = volumeSources.filter((key) => spec[key] !== undefined && spec[key] !== null);
  if (sources.length === 0) errors.push(fieldErrors.required('spec', 'must specify a volume type'));
  sources.slice(1).forEach((key) => errors.push(fieldErrors.forbidden(`spec.${key}`, 'may not specify more than 1 volume type')));
  if (spec.persistentVolumeReclaimPolicy && !reclaimPolicies.includes(text(spec.persistentVolumeReclaimPolicy))) {
    errors.push(fieldErrors.notSupported('spec.persistentVolumeReclaimPolicy', spec.persistentVolumeReclaimPolicy, reclaimPolicies));
  }
  return [...errors, ...validateVolumeMode(spec.volumeMode, 'spec.volumeMode')];
}

/** The volume source part of the spec: everything but the fields that are not the source. */
function volumeSource(spec: Json): Json {
  return Object.fromEntries(Object.entries(spec).filter(([key]) => !specFields.includes(key)));
}

function validateSpecUpdate(spec: Json, old: Json): FieldError[] {
  const errors: FieldError[] = [];
  if (!jsonEqual(volumeSource(spec), volumeSource(old))) errors.push(fieldErrors.forbidden('spec.persistentvolumesource', 'spec.persistentvolumesource is immutable after creation'));
  return [...errors, ...fieldImmutable(spec.volumeMode, old.volumeMode, 'volumeMode')];
}

function persistentVolumeRow(pv: KubeObject, ctx: StrategyContext): unknown[] {
  const spec = record(pv, 'spec');
  const claim = record(spec, 'claimRef');
  const claimRef = spec.claimRef ? `${text(claim.namespace)}/${text(claim.name)}` : '';
  const phase = pv.metadata.deletionTimestamp ? 'Terminating' : text(record(pv, 'status').phase);
  return [
    pv.metadata.name ?? '', text(record(spec, 'capacity').storage) || '0', accessModesString(spec.accessModes), text(spec.persistentVolumeReclaimPolicy),
    phase, claimRef, storageClass(pv), unset(spec.volumeAttributesClassName), text(record(pv, 'status').reason),
    timestampSince(pv.metadata.creationTimestamp, ctx.now), unset(spec.volumeMode),
  ];
}

export const persistentVolumeStrategy: ResourceStrategy = {
  /** SetDefaults_PersistentVolume. */
  defaults(pv) {
    const spec = ensureRecord(pv, 'spec');
    if (!spec.persistentVolumeReclaimPolicy) spec.persistentVolumeReclaimPolicy = 'Retain';
    if (spec.volumeMode === undefined || spec.volumeMode === null) spec.volumeMode = 'Filesystem';
    canonicalizeResourceList(spec.capacity);
  },
  prepareForCreate(pv, ctx) {
    pv.status = { phase: 'Pending', lastPhaseTransitionTime: kubeTime(ctx.now) };
  },
  prepareForUpdate: keepOldStatus,
  validate: (pv) => [...validateCoreMeta(pv.metadata), ...validateSpec(record(pv, 'spec'))],
  validateUpdate: (pv, old) => validateSpecUpdate(record(pv, 'spec'), record(old, 'spec')),
  table: {
    columns: [
      nameColumn,
      column('Capacity', 'string', fieldDescriptions['PersistentVolumeSpec.capacity']),
      column('Access Modes', 'string', fieldDescriptions['PersistentVolumeSpec.accessModes']),
      column('Reclaim Policy', 'string', fieldDescriptions['PersistentVolumeSpec.persistentVolumeReclaimPolicy']),
      column('Status', 'string', fieldDescriptions['PersistentVolumeStatus.phase']),
      column('Claim', 'string', fieldDescriptions['PersistentVolumeSpec.claimRef']),
      column('StorageClass', 'string', 'StorageClass of the pv'),
      column('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pv'),
      column('Reason', 'string', fieldDescriptions['PersistentVolumeStatus.reason']),
      ageColumn,
      column('VolumeMode', 'string', fieldDescriptions['PersistentVolumeSpec.volumeMode'], 1),
    ],
    row: persistentVolumeRow,
  },
};
