import type { FieldError, KubeObject } from '@drydock/util';
import { fieldImmutable } from '../../meta/field-validation';
import type { ResourceStrategy } from '../../resource.types';
import { validateCustomResourceDefinition, validateNames } from './crd-validation';
import { ensureRecord, list, record, records, text } from '../../support/object-fields';
import { keepAllButStatus, keepStatusForUpdate, resetStatusForCreate } from '../../support/status-subresource';

/** SetDefaults_CustomResourceDefinitionSpec (apiextensions/v1). */
function defaults(crd: KubeObject): void {
  const spec = ensureRecord(crd, 'spec');
  const names = ensureRecord(spec, 'names');
  if (!text(names.singular)) names.singular = text(names.kind).toLowerCase();
  if (!text(names.listKind) && text(names.kind)) names.listKind = `${text(names.kind)}List`;
  if (spec.conversion == null) spec.conversion = { strategy: 'None' };
}

/** The storage version is always listed in status.storedVersions. */
function recordStorageVersion(crd: KubeObject): void {
  const storage = records(record(crd.spec).versions).find((v) => v.storage === true);
  if (!storage) return;
  const status = ensureRecord(crd, 'status');
  const stored = list(status.storedVersions).map(text);
  if (!stored.includes(text(storage.name))) status.storedVersions = [...stored, text(storage.name)];
}

function isEstablished(crd: KubeObject): boolean {
  return list(record(crd.status).conditions).some((c) => record(c).type === 'Established' && record(c).status === 'True');
}

/** ValidateCustomResourceDefinitionUpdate: group and plural never change; scope and kind not once established. */
function validateUpdate(crd: KubeObject, old: KubeObject): FieldError[] {
  const spec = record(crd.spec);
  const oldSpec = record(old.spec);
  const errors: FieldError[] = [];
  if (isEstablished(old)) {
    errors.push(...fieldImmutable(spec.scope, oldSpec.scope, 'spec.scope'), ...fieldImmutable(record(spec.names).kind, record(oldSpec.names).kind, 'spec.names.kind'));
  }
  errors.push(...fieldImmutable(spec.group, oldSpec.group, 'spec.group'));
  return [...errors, ...fieldImmutable(record(spec.names).plural, record(oldSpec.names).plural, 'spec.names.plural')];
}

/** apiextensions.k8s.io/v1 CustomResourceDefinition (no printer upstream: Name + Created At). */
export const customResourceDefinitionStrategy: ResourceStrategy = {
  defaults,
  prepareForCreate: (crd) => {
    resetStatusForCreate(crd, { acceptedNames: { plural: '', kind: '' }, storedVersions: [] });
    recordStorageVersion(crd);
  },
  prepareForUpdate: (crd, old) => {
    keepStatusForUpdate(crd, old);
    crd.status = structuredClone(crd.status ?? {});
    recordStorageVersion(crd);
  },
  validate: validateCustomResourceDefinition,
  validateUpdate,
  // The store validates status writes with the whole strategy, so a writer that drops storedVersions keeps the storage version.
  prepareForStatusUpdate: (crd, old) => {
    keepAllButStatus(crd, old, false);
    recordStorageVersion(crd);
  },
};

/** ValidateCustomResourceDefinitionStatus: accepted names follow the same rules as spec.names. */
export function validateCustomResourceDefinitionStatus(crd: KubeObject): FieldError[] {
  return validateNames(record(record(crd.status).acceptedNames), 'status.acceptedNames');
}
