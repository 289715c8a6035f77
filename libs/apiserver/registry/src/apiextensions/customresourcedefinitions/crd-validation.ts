import { FieldError, fieldErrors, KubeObject } from '@drydock/util';
import { isDns1035Label, isDns1123Subdomain } from '@drydock/kube';
import { validateApiApproval, validateConversion, validateDeprecationWarning, validatePreserveUnknownFields, validateStoredVersions } from './crd-policy-validation';
import { validateVersionSchema } from './crd-schema-validation';
import { list, record, records, text } from '../../support/object-fields';

const columnTypes = ['boolean', 'date', 'integer', 'number', 'string'];
const columnFormats = ['binary', 'byte', 'date', 'date-time', 'double', 'float', 'int32', 'int64', 'password'];

function dns1035(value: string, path: string, prefix = ''): FieldError[] {
  const errs = isDns1035Label(prefix ? value.toLowerCase() : value);
  return errs.length ? [fieldErrors.invalid(path, value, prefix + errs.join(','))] : [];
}

/** ValidateCustomResourceDefinitionNames (for spec.names and status.acceptedNames). */
export function validateNames(names: Record<string, unknown>, path: string): FieldError[] {
  const mixedCase = 'may have mixed case, but should otherwise match: ';
  const errors: FieldError[] = [];
  if (text(names.plural)) errors.push(...dns1035(text(names.plural), `${path}.plural`));
  if (text(names.singular)) errors.push(...dns1035(text(names.singular), `${path}.singular`));
  if (text(names.kind)) errors.push(...dns1035(text(names.kind), `${path}.kind`, mixedCase));
  if (text(names.listKind)) errors.push(...dns1035(text(names.listKind), `${path}.listKind`, mixedCase));
  list(names.shortNames).forEach((name, i) => errors.push(...dns1035(text(name), `${path}.shortNames[${i}]`)));
  if (text(names.kind) && names.kind === names.listKind) errors.push(fieldErrors.invalid(`${path}.listKind`, names.listKind, 'kind and listKind may not be the same'));
  list(names.categories).forEach((name, i) => errors.push(...dns1035(text(name), `${path}.categories[${i}]`)));
  return errors;
}

function validateColumn(column: Record<string, unknown>, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!text(column.name)) errors.push(fieldErrors.required(`${path}.name`, ''));
  if (!text(column.type)) errors.push(fieldErrors.required(`${path}.type`, `must be one of ${columnTypes.join(',')}`));
  else if (!columnTypes.includes(text(column.type))) errors.push(fieldErrors.invalid(`${path}.type`, column.type, `must be one of ${columnTypes.join(',')}`));
  if (text(column.format) && !columnFormats.includes(text(column.format))) errors.push(fieldErrors.invalid(`${path}.format`, column.format, `must be one of ${columnFormats.join(',')}`));
  if (!text(column.jsonPath)) return [...errors, fieldErrors.required(`${path}.jsonPath`, '')];
  // Paths beyond the subset printed here (parseSimpleJsonPath) are accepted and print as empty cells.
  if (!text(column.jsonPath).startsWith('.')) errors.push(fieldErrors.invalid(`${path}.jsonPath`, column.jsonPath, 'must be a simple json path starting with .'));
  return errors;
}

/** ValidateCustomResourceDefinitionSubresources: scale paths under .spec / .status. */
function validateSubresources(subresources: unknown, path: string): FieldError[] {
  const scale = record(subresources).scale;
  if (scale == null) return [];
  const { specReplicasPath, statusReplicasPath, labelSelectorPath } = record(scale);
  const scalePath = `${path}.scale`;
  const errors: FieldError[] = [];
  if (!text(specReplicasPath)) errors.push(fieldErrors.required(`${scalePath}.specReplicasPath`, ''));
  else if (!text(specReplicasPath).startsWith('.spec.')) errors.push(fieldErrors.invalid(`${scalePath}.specReplicasPath`, specReplicasPath, 'should be a json path under .spec'));
  if (!text(statusReplicasPath)) errors.push(fieldErrors.required(`${scalePath}.statusReplicasPath`, ''));
  else if (!text(statusReplicasPath).startsWith('.status.')) errors.push(fieldErrors.invalid(`${scalePath}.statusReplicasPath`, statusReplicasPath, 'should be a json path under .status'));
  if (text(labelSelectorPath) && !/^\.(spec|status)\./.test(text(labelSelectorPath))) {
    errors.push(fieldErrors.invalid(`${scalePath}.labelSelectorPath`, labelSelectorPath, 'should be a json path under either .spec or .status'));
  }
  return errors;
}

function validateVersions(versions: Record<string, unknown>[]): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  let unique = true;
  versions.forEach((version, i) => {
    const path = `spec.versions[${i}]`;
    if (seen.has(text(version.name))) unique = false;
    seen.add(text(version.name));
    errors.push(...dns1035(text(version.name), `${path}.name`), ...validateDeprecationWarning(version, path));
    errors.push(...validateVersionSchema(version, path), ...validateSubresources(version.subresources, `${path}.subresources`));
    list(version.additionalPrinterColumns).forEach((column, j) => errors.push(...validateColumn(record(column), `${path}.additionalPrinterColumns[${j}]`)));
  });
  if (!unique) errors.push(fieldErrors.invalid('spec.versions', versions, 'must contain unique version names'));
  if (versions.filter((v) => v.storage === true).length !== 1) errors.push(fieldErrors.invalid('spec.versions', versions, 'must have exactly one version marked as storage version'));
  return errors;
}

function validateGroupAndScope(spec: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  const group = text(spec.group);
  if (!group) errors.push(fieldErrors.required('spec.group', ''));
  else if (isDns1123Subdomain(group).length) errors.push(fieldErrors.invalid('spec.group', group, isDns1123Subdomain(group).join(',')));
  else if (group.split('.').length < 2) errors.push(fieldErrors.invalid('spec.group', group, 'should be a domain with at least one dot'));
  if (!spec.scope) errors.push(fieldErrors.required('spec.scope', ''));
  else if (spec.scope !== 'Cluster' && spec.scope !== 'Namespaced') errors.push(fieldErrors.notSupported('spec.scope', spec.scope, ['Cluster', 'Namespaced']));
  return errors;
}

/**
 * ValidateCustomResourceDefinition in upstream's order: the name, group, scope, versions, names,
 * conversion, accepted names, stored versions, API approval and preserveUnknownFields.
 */
export function validateCustomResourceDefinition(crd: KubeObject): FieldError[] {
  const spec = record(crd.spec);
  const names = record(spec.names);
  const errors: FieldError[] = [];
  if (crd.metadata.name !== `${text(names.plural)}.${text(spec.group)}`) errors.push(fieldErrors.invalid('metadata.name', crd.metadata.name ?? '', 'must be spec.names.plural+"."+spec.group'));
  errors.push(...validateGroupAndScope(spec), ...validateVersions(records(spec.versions)));
  for (const key of ['plural', 'singular', 'kind', 'listKind']) if (!text(names[key])) errors.push(fieldErrors.required(`spec.names.${key}`, ''));
  errors.push(...validateNames(names, 'spec.names'), ...validateConversion(spec.conversion));
  errors.push(...validateNames(record(record(crd.status).acceptedNames), 'status.acceptedNames'), ...validateStoredVersions(crd));
  return [...errors, ...validateApiApproval(crd), ...validatePreserveUnknownFields(crd)];
}
