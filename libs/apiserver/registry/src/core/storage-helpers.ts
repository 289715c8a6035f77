import { FieldError, fieldErrors } from '@drydock/util';
import { Json, record, text } from '../support/object-fields';

export const accessModes = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];

/** helper.GetAccessModesAsString: RWO, ROX, RWX, RWOP in that order. */
export function accessModesString(modes: unknown): string {
  const set = new Set(Array.isArray(modes) ? modes.map(text) : []);
  const short: [string, string][] = [['ReadWriteOnce', 'RWO'], ['ReadOnlyMany', 'ROX'], ['ReadWriteMany', 'RWX'], ['ReadWriteOncePod', 'RWOP']];
  return short.filter(([mode]) => set.has(mode)).map(([, abbreviation]) => abbreviation).join(',');
}

/** The beta storage-class annotation wins over spec.storageClassName (GetPersistentVolume(Claim)Class). */
export function storageClass(object: Json): string {
  const annotations = record(object, 'metadata', 'annotations');
  if ('volume.beta.kubernetes.io/storage-class' in annotations) return text(annotations['volume.beta.kubernetes.io/storage-class']);
  return text(record(object, 'spec').storageClassName);
}

/** Access modes are required and must be known. */
export function validateAccessModes(modes: unknown, path: string, requiredDetail = ''): FieldError[] {
  const values = Array.isArray(modes) ? modes.map(text) : [];
  if (values.length === 0) return [fieldErrors.required(path, requiredDetail)];
  return values.filter((m) => !accessModes.includes(m)).map((m) => fieldErrors.notSupported(path, m, accessModes));
}

export function validateVolumeMode(mode: unknown, path: string): FieldError[] {
  if (mode === undefined || mode === null) return [];
  return ['Block', 'Filesystem'].includes(text(mode)) ? [] : [fieldErrors.notSupported(path, mode, ['Block', 'Filesystem'])];
}

/** `<unset>` when a pointer field (volumeMode, volumeAttributesClassName) is nil. */
export function unset(value: unknown): string {
  return value === undefined || value === null ? '<unset>' : text(value);
}

