import { FieldError, fieldErrors, KubeObject } from '@drydock/util';
import { list, record, records, text } from '../../support/object-fields';

const approvalAnnotation = 'api-approved.kubernetes.io';

/** IsProtectedCommunityGroup: k8s.io and kubernetes.io groups need API review. */
function isProtectedGroup(group: string): boolean {
  return group === 'k8s.io' || group.endsWith('.k8s.io') || group === 'kubernetes.io' || group.endsWith('.kubernetes.io');
}

/** validateAPIApproval: a URL, or a reason starting with "unapproved". */
export function validateApiApproval(crd: KubeObject): FieldError[] {
  if (!isProtectedGroup(text(record(crd.spec).group))) return [];
  const path = `metadata.annotations[${approvalAnnotation}]`;
  const value = crd.metadata.annotations?.[approvalAnnotation] ?? '';
  if (value === '') return [fieldErrors.required(path, `protected groups must have approval annotation "${approvalAnnotation}", see https://github.com/kubernetes/enhancements/pull/1111`)];
  if (value.startsWith('unapproved') || /^https?:\/\/\S+$/.test(value)) return [];
  return [fieldErrors.invalid(path, value, `protected groups must have approval annotation "${approvalAnnotation}" with either a URL or a reason starting with "unapproved", see https://github.com/kubernetes/enhancements/pull/1111`)];
}

/** validatePreserveUnknownFields: v1 CRDs prune; preservation is per schema node. */
export function validatePreserveUnknownFields(crd: KubeObject): FieldError[] {
  if (record(crd.spec).preserveUnknownFields !== true) return [];
  return [fieldErrors.invalid('spec.preserveUnknownFields', true, 'cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead')];
}

/** validateCustomResourceConversion (the webhook's client config is not checked in detail). */
export function validateConversion(conversion: unknown): FieldError[] {
  if (conversion == null) return [];
  const { strategy, webhook } = record(conversion);
  const path = 'spec.conversion';
  if (!strategy) return [fieldErrors.required(`${path}.strategy`, '')];
  if (strategy !== 'None' && strategy !== 'Webhook') return [fieldErrors.notSupported(`${path}.strategy`, strategy, ['None', 'Webhook'])];
  if (strategy === 'Webhook') {
    const clientConfig = record(webhook).clientConfig;
    const errors = clientConfig == null ? [fieldErrors.required(`${path}.webhook.clientConfig`, 'required when strategy is set to Webhook')] : [];
    if (list(record(webhook).conversionReviewVersions).length === 0) errors.push(fieldErrors.required(`${path}.webhook.conversionReviewVersions`, ''));
    return errors;
  }
  return webhook == null ? [] : [fieldErrors.forbidden(`${path}.webhook`, 'should not be set when strategy is not set to Webhook')];
}

/** validateDeprecationWarning. */
export function validateDeprecationWarning(version: Record<string, unknown>, path: string): FieldError[] {
  const warning = version.deprecationWarning;
  if (warning == null) return [];
  const field = `${path}.deprecationWarning`;
  if (version.deprecated !== true) return [fieldErrors.invalid(field, warning, 'can only be set for deprecated versions')];
  const errors: FieldError[] = [];
  if (text(warning).length > 256) errors.push(fieldErrors.invalid(field, warning, 'must be <= 256 characters long'));
  if (text(warning).length === 0) errors.push(fieldErrors.invalid(field, warning, 'must not be an empty string'));
  return errors;
}

/** ValidateCustomResourceDefinitionStoredVersions. */
export function validateStoredVersions(crd: KubeObject): FieldError[] {
  const path = 'status.storedVersions';
  const stored = list(record(crd.status).storedVersions).map(text);
  if (stored.length === 0) return [fieldErrors.invalid(path, [], 'must have at least one stored version')];
  const versions = records(record(crd.spec).versions);
  const errors: FieldError[] = [];
  for (const version of versions) if (version.storage === true && !stored.includes(text(version.name))) errors.push(fieldErrors.invalid(path, stored, `must have the storage version ${text(version.name)}`));
  stored.forEach((name, i) => {
    if (versions.some((v) => v.name === name)) return;
    errors.push(fieldErrors.invalid(`${path}[${i}]`, name, `missing from spec.versions; ${name} was previously a storage version, and must remain in spec.versions until a storage migration ensures no data remains persisted in ${name} and removes ${name} from status.storedVersions`));
  });
  return errors;
}
