import { FieldError, fieldErrors, isPlainObject, ObjectMeta, OwnerReference } from '@drydock/util';
import { NameValidator, validateNamespaceName } from './name-validation';
import { isLabelValue, isQualifiedName } from '@drydock/kube';
import { fieldImmutable, validateNonnegative } from './field-validation';

const totalAnnotationSizeLimit = 256 * (1 << 10);

/** metav1validation.ValidateLabels: every error is reported at the map's path, not the key's. */
export function validateLabels(labels: unknown, path: string): FieldError[] {
  if (!isPlainObject(labels)) return [];
  const errors: FieldError[] = [];
  for (const key of Object.keys(labels).sort()) {
    for (const msg of isQualifiedName(key)) errors.push(fieldErrors.invalid(path, key, msg));
    const value = String(labels[key] ?? '');
    for (const msg of isLabelValue(value)) errors.push(fieldErrors.invalid(path, value, msg));
  }
  return errors;
}

export function validateAnnotations(annotations: unknown, path: string): FieldError[] {
  if (!isPlainObject(annotations)) return [];
  const errors: FieldError[] = [];
  let size = 0;
  for (const key of Object.keys(annotations).sort()) {
    for (const msg of isQualifiedName(key.toLowerCase())) errors.push(fieldErrors.invalid(path, key, msg));
    size += Buffer.byteLength(key) + Buffer.byteLength(String(annotations[key] ?? ''));
  }
  if (size > totalAnnotationSizeLimit) errors.push(fieldErrors.tooLong(path, '', totalAnnotationSizeLimit));
  return errors;
}

function validateOwnerReference(ref: OwnerReference, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const apiVersion = ref.apiVersion ?? '';
  const version = apiVersion.includes('/') ? apiVersion.split('/')[1] : apiVersion;
  if (!version) errors.push(fieldErrors.invalid(`${path}.apiVersion`, apiVersion, 'version must not be empty'));
  if (!ref.kind) errors.push(fieldErrors.invalid(`${path}.kind`, ref.kind ?? '', 'must not be empty'));
  if (!ref.name) errors.push(fieldErrors.invalid(`${path}.name`, ref.name ?? '', 'must not be empty'));
  if (!ref.uid) errors.push(fieldErrors.invalid(`${path}.uid`, ref.uid ?? '', 'must not be empty'));
  if (apiVersion === 'v1' && ref.kind === 'Event') errors.push(fieldErrors.invalid(path, ref, '/v1, Kind=Event is disallowed from being an owner'));
  return errors;
}

export function validateOwnerReferences(refs: OwnerReference[] | undefined, path: string): FieldError[] {
  const errors: FieldError[] = [];
  let firstController = '';
  for (const ref of refs ?? []) {
    errors.push(...validateOwnerReference(ref, path));
    if (!ref.controller) continue;
    const current = `${ref.kind}/${ref.name}`;
    if (firstController) {
      errors.push(fieldErrors.invalid(path, refs, `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`));
    } else {
      firstController = current;
    }
  }
  return errors;
}

export function validateFinalizers(finalizers: string[] | undefined, path: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const finalizer of finalizers ?? []) {
    for (const msg of isQualifiedName(finalizer)) errors.push(fieldErrors.invalid(path, finalizer, msg));
  }
  if (finalizers?.includes('orphan') && finalizers.includes('foregroundDeletion')) {
    errors.push(fieldErrors.invalid(path, finalizers, 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  return errors;
}

function validateMetaCommon(meta: ObjectMeta, path: string): FieldError[] {
  return [
    ...validateNonnegative(meta.generation, `${path}.generation`),
    ...validateLabels(meta.labels, `${path}.labels`),
    ...validateAnnotations(meta.annotations, `${path}.annotations`),
    ...validateOwnerReferences(meta.ownerReferences, `${path}.ownerReferences`),
    ...validateFinalizers(meta.finalizers, `${path}.finalizers`),
  ];
}

/**
 * ValidateObjectMeta on create (after name generation). `namespaced` says whether the kind requires
 * metadata.namespace (and forbids it otherwise).
 */
export function validateObjectMeta(meta: ObjectMeta, namespaced: boolean, nameValidator: NameValidator, path = 'metadata'): FieldError[] {
  const errors: FieldError[] = [];
  if (meta.generateName) {
    for (const msg of nameValidator(meta.generateName, true)) errors.push(fieldErrors.invalid(`${path}.generateName`, meta.generateName, msg));
  }
  if (!meta.name) errors.push(fieldErrors.required(`${path}.name`, 'name or generateName is required'));
  else for (const msg of nameValidator(meta.name, false)) errors.push(fieldErrors.invalid(`${path}.name`, meta.name, msg));
  if (namespaced) {
    if (!meta.namespace) errors.push(fieldErrors.required(`${path}.namespace`));
    else for (const msg of validateNamespaceName(meta.namespace, false)) errors.push(fieldErrors.invalid(`${path}.namespace`, meta.namespace, msg));
  } else if (meta.namespace) {
    errors.push(fieldErrors.forbidden(`${path}.namespace`, 'not allowed on this type'));
  }
  return [...errors, ...validateMetaCommon(meta, path)];
}

/** ValidateObjectMetaUpdate: identity and timestamps are immutable; no new finalizers once deleting. */
export function validateObjectMetaUpdate(meta: ObjectMeta, old: ObjectMeta, path = 'metadata'): FieldError[] {
  const errors: FieldError[] = [];
  if (old.deletionTimestamp) {
    const added = [...new Set(meta.finalizers ?? [])].filter((f) => !(old.finalizers ?? []).includes(f)).sort();
    if (added.length) {
      errors.push(fieldErrors.forbidden(`${path}.finalizers`, `no new finalizers can be added if the object is being deleted, found new finalizers []string{${added.map((f) => JSON.stringify(f)).join(', ')}}`));
    }
  }
  if (!meta.resourceVersion) errors.push(fieldErrors.invalid(`${path}.resourceVersion`, meta.resourceVersion ?? '', 'must be specified for an update'));
  if ((meta.generation ?? 0) < (old.generation ?? 0)) errors.push(fieldErrors.invalid(`${path}.generation`, meta.generation ?? 0, 'must not be decremented'));
  const immutable = ['name', 'namespace', 'uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds'] as const;
  for (const key of immutable) errors.push(...fieldImmutable(meta[key], old[key], `${path}.${key}`));
  return [
    ...errors,
    ...validateLabels(meta.labels, `${path}.labels`),
    ...validateAnnotations(meta.annotations, `${path}.annotations`),
    ...validateOwnerReferences(meta.ownerReferences, `${path}.ownerReferences`),
    ...validateFinalizers(meta.finalizers, `${path}.finalizers`),
  ];
}
