import { FieldError, fieldErrors, KubeObject } from '@drydock/util';
import { fieldImmutable } from '../../meta/field-validation';
import type { ResourceStrategy } from '../../resource.types';
import { defaultField, ensureRecord, list, record, text } from '../../support/object-fields';
import { age, ageColumn, column, nameColumn } from '../../support/table-columns';

/** SetDefaults_CSIDriver. */
function defaults(object: KubeObject): void {
  const spec = ensureRecord(object, 'spec');
  defaultField(spec, 'attachRequired', true);
  defaultField(spec, 'podInfoOnMount', false);
  defaultField(spec, 'storageCapacity', false);
  defaultField(spec, 'fsGroupPolicy', 'ReadWriteOnceWithFSType');
  if (list(spec.volumeLifecycleModes).length === 0) spec.volumeLifecycleModes = ['Persistent'];
  defaultField(spec, 'requiresRepublish', false);
}

/** ValidateCSIDriver's spec rules. */
function validate(object: KubeObject): FieldError[] {
  const spec = record(object.spec);
  const errors: FieldError[] = [];
  for (const key of ['attachRequired', 'podInfoOnMount', 'storageCapacity']) if (spec[key] == null) errors.push(fieldErrors.required(`spec.${key}`, ''));
  const policy = spec.fsGroupPolicy;
  if (policy != null && !['File', 'None', 'ReadWriteOnceWithFSType'].includes(text(policy))) errors.push(fieldErrors.notSupported('spec.fsGroupPolicy', policy, ['File', 'None', 'ReadWriteOnceWithFSType']));
  list(spec.volumeLifecycleModes).forEach((mode, i) => {
    if (mode !== 'Persistent' && mode !== 'Ephemeral') errors.push(fieldErrors.notSupported(`spec.volumeLifecycleModes[${i}]`, mode, ['Ephemeral', 'Persistent']));
  });
  const audiences = new Set<string>();
  list(spec.tokenRequests).forEach((request, i) => {
    const audience = text(record(request).audience);
    if (audiences.has(audience)) errors.push(fieldErrors.duplicate(`spec.tokenRequests[${i}].audience`, audience));
    audiences.add(audience);
    const expiration = record(request).expirationSeconds;
    if (typeof expiration === 'number' && expiration < 600) errors.push(fieldErrors.invalid(`spec.tokenRequests[${i}].expirationSeconds`, expiration, 'may not specify a duration less than 10 minutes'));
  });
  return errors;
}

/** ValidateCSIDriverUpdate (upstream's path really says `attachedRequired`). */
function validateUpdate(object: KubeObject, old: KubeObject): FieldError[] {
  const spec = record(object.spec);
  const oldSpec = record(old.spec);
  return [...fieldImmutable(spec.attachRequired, oldSpec.attachRequired, 'spec.attachedRequired'), ...fieldImmutable(spec.volumeLifecycleModes, oldSpec.volumeLifecycleModes, 'spec.volumeLifecycleModes')];
}

function row(object: KubeObject, ctx: { now: Date }): unknown[] {
  const spec = record(object.spec);
  const modes = list(spec.volumeLifecycleModes).map(text).join(',') || '<none>';
  const tokenRequests = spec.tokenRequests == null ? '<unset>' : list(spec.tokenRequests).map((t) => text(record(t).audience)).join(',');
  const flag = (value: unknown, fallback: boolean) => (typeof value === 'boolean' ? value : fallback);
  return [object.metadata.name, flag(spec.attachRequired, true), flag(spec.podInfoOnMount, false), flag(spec.storageCapacity, false), tokenRequests, flag(spec.requiresRepublish, false), modes, age(object, ctx.now)];
}

/** storage.k8s.io/v1 CSIDriver. */
export const csiDriverStrategy: ResourceStrategy = {
  defaults,
  validate,
  validateUpdate,
  table: {
    columns: [
      nameColumn,
      column('AttachRequired', 'boolean', 'attachRequired indicates this CSI volume driver requires an attach operation.'),
      column('PodInfoOnMount', 'boolean', 'podInfoOnMount indicates this CSI volume driver requires additional pod information (like podName, podUID, etc.) during mount operations.'),
      column('StorageCapacity', 'boolean', 'storageCapacity indicates that the CSI volume driver wants pod scheduling to consider the storage capacity that the driver deployment will report.'),
      column('TokenRequests', 'string', 'tokenRequests indicates the CSI driver needs pods\' service account tokens it is mounting volume for to do necessary authentication.'),
      column('RequiresRepublish', 'boolean', 'requiresRepublish indicates the CSI driver wants `NodePublishVolume` being periodically called to reflect any possible change in the mounted volume.'),
      column('Modes', 'string', 'volumeLifecycleModes defines what kind of volumes this CSI volume driver supports.'),
      ageColumn,
    ],
    row,
  },
};
