import { FieldError, fieldErrors, isPlainObject } from '@drydock/util';
import { isDns1123Label } from '@drydock/kube';
import { volumeSourceKeys } from './pod-spec-defaults';
import { invalidEach } from '../../support/field-errors';
import { Json, records, text } from '../../support/object-fields';

const requiredByKind: Record<string, string[]> = {
  hostPath: ['path'],
  secret: ['secretName'],
  configMap: ['name'],
  persistentVolumeClaim: ['claimName'],
  nfs: ['server', 'path'],
  csi: ['driver'],
};

const hostPathTypes = ['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'];

function validateDefaultMode(mode: unknown, path: string): FieldError[] {
  if (mode === undefined || mode === null) return [];
  return typeof mode === 'number' && mode >= 0 && mode <= 0o777 ? [] : [fieldErrors.invalid(path, mode, 'must be a number between 0 and 0777 (octal), both inclusive')];
}

/** validateVolumeSource: exactly one source, and that source's required fields. */
function validateVolumeSource(volume: Json, path: string): FieldError[] {
  const set = volumeSourceKeys.filter((key) => isPlainObject(volume[key]));
  if (set.length === 0) return [fieldErrors.required(path, 'must specify a volume type')];
  const errors = set.slice(1).map((key) => fieldErrors.forbidden(`${path}.${key}`, 'may not specify more than 1 volume type'));
  const kind = set[0];
  const source = volume[kind] as Json;
  for (const field of requiredByKind[kind] ?? []) {
    if (!text(source[field])) errors.push(fieldErrors.required(`${path}.${kind}.${field}`));
  }
  if (kind === 'hostPath' && typeof source.type === 'string' && !hostPathTypes.includes(source.type)) {
    errors.push(fieldErrors.notSupported(`${path}.hostPath.type`, source.type, hostPathTypes));
  }
  if (['secret', 'configMap', 'downwardAPI', 'projected'].includes(kind)) errors.push(...validateDefaultMode(source.defaultMode, `${path}.${kind}.defaultMode`));
  return errors;
}

/** ValidateVolumes: returns the errors and the set of declared volume names (for volumeMounts). */
export function validateVolumes(volumes: unknown, path: string): { errors: FieldError[]; names: Set<string> } {
  const errors: FieldError[] = [];
  const names = new Set<string>();
  records(volumes).forEach((volume, i) => {
    const at = `${path}[${i}]`;
    const name = text(volume.name);
    errors.push(...validateVolumeSource(volume, at));
    if (!name) errors.push(fieldErrors.required(`${at}.name`));
    else errors.push(...invalidEach(`${at}.name`, name, isDns1123Label(name)));
    if (names.has(name)) errors.push(fieldErrors.duplicate(`${at}.name`, name));
    else names.add(name);
  });
  return { errors, names };
}
