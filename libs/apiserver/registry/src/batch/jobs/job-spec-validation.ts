import { FieldError, fieldErrors, KubeObject } from '@drydock/util';
import { validatePodTemplateSpec } from '../../core/pod-spec';
import { validateNonnegative } from '../../meta/field-validation';
import { isDns1123Label } from '@drydock/kube';
import { validateLabelSelector } from '../../meta/label-selector-validation';
import { labelSelectorMatches } from '../../apps/support/label-selector';
import { validatePodFailurePolicy, validateSuccessPolicy } from './job-policy-validation';
import { record, text } from '../../support/object-fields';

export const controllerUidLabel = 'batch.kubernetes.io/controller-uid';
export const jobNameLabel = 'batch.kubernetes.io/job-name';
export const legacyControllerUidLabel = 'controller-uid';
export const legacyJobNameLabel = 'job-name';

const maxParallelismForIndexedJob = 100000;

function validateCounts(spec: Record<string, unknown>, path: string): FieldError[] {
  const fields = ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished', 'backoffLimitPerIndex', 'maxFailedIndexes'];
  const errors = fields.flatMap((name) => validateNonnegative(spec[name], `${path}.${name}`));
  if (spec.maxFailedIndexes != null && spec.backoffLimitPerIndex == null) errors.push(fieldErrors.required(`${path}.backoffLimitPerIndex`, 'when maxFailedIndexes is specified'));
  return errors;
}

function validateCompletionMode(spec: Record<string, unknown>, path: string): FieldError[] {
  const mode = spec.completionMode;
  const errors: FieldError[] = [];
  if (mode != null && mode !== 'NonIndexed' && mode !== 'Indexed') errors.push(fieldErrors.notSupported(`${path}.completionMode`, mode, ['NonIndexed', 'Indexed']));
  if (mode === 'Indexed') {
    if (spec.completions == null) errors.push(fieldErrors.required(`${path}.completions`, 'when completion mode is Indexed'));
    if (typeof spec.parallelism === 'number' && spec.parallelism > maxParallelismForIndexedJob) {
      errors.push(fieldErrors.invalid(`${path}.parallelism`, spec.parallelism, `must be less than or equal to ${maxParallelismForIndexedJob} when completion mode is Indexed`));
    }
  } else {
    for (const name of ['backoffLimitPerIndex', 'maxFailedIndexes']) {
      if (spec[name] != null) errors.push(fieldErrors.invalid(`${path}.${name}`, spec[name], 'requires indexed completion mode'));
    }
  }
  return errors;
}

function validateRestartPolicy(spec: Record<string, unknown>, path: string): FieldError[] {
  const restartPolicy = record(record(spec.template).spec).restartPolicy;
  const field = `${path}.template.spec.restartPolicy`;
  if (restartPolicy === 'Always' || !restartPolicy) return [fieldErrors.required(field, 'valid values: "OnFailure", "Never"')];
  if (restartPolicy !== 'OnFailure' && restartPolicy !== 'Never') return [fieldErrors.notSupported(field, restartPolicy, ['OnFailure', 'Never'])];
  if (spec.podFailurePolicy != null && restartPolicy !== 'Never') return [fieldErrors.invalid(field, restartPolicy, 'only "Never" is supported when podFailurePolicy is specified')];
  return [];
}

function validatePodReplacementPolicy(spec: Record<string, unknown>, path: string): FieldError[] {
  const policy = spec.podReplacementPolicy;
  if (policy == null) return [];
  if (spec.podFailurePolicy != null) return policy === 'Failed' ? [] : [fieldErrors.notSupported(`${path}.podReplacementPolicy`, policy, ['Failed'])];
  return policy === 'Failed' || policy === 'TerminatingOrFailed' ? [] : [fieldErrors.notSupported(`${path}.podReplacementPolicy`, policy, ['Failed', 'TerminatingOrFailed'])];
}

function validateSuccessPolicyMode(spec: Record<string, unknown>, path: string): FieldError[] {
  if (spec.successPolicy == null) return [];
  if (spec.completionMode !== 'Indexed') return [fieldErrors.invalid(`${path}.successPolicy`, spec.successPolicy, 'requires indexed completion mode')];
  return validateSuccessPolicy(spec, `${path}.successPolicy`);
}

/** validateJobSpec: the rules shared by a Job and a CronJob's jobTemplate (not the selector). */
export function validateJobSpecFields(spec: Record<string, unknown>, path: string): FieldError[] {
  return [
    ...validateCounts(spec, path),
    ...validateCompletionMode(spec, path),
    ...(spec.podFailurePolicy != null ? validatePodFailurePolicy(spec, `${path}.podFailurePolicy`) : []),
    ...validateSuccessPolicyMode(spec, path),
    ...validatePodReplacementPolicy(spec, path),
    ...validatePodTemplateSpec(record(spec.template), `${path}.template`),
    ...validateRestartPolicy(spec, path),
  ];
}

/** ValidateJobSpec: the spec fields plus a required selector that matches the template. */
export function validateJobSpec(spec: Record<string, unknown>): FieldError[] {
  const errors = validateJobSpecFields(spec, 'spec');
  if (spec.selector == null) errors.push(fieldErrors.required('spec.selector', ''));
  else errors.push(...validateLabelSelector(spec.selector, 'spec.selector'));
  const labels = record(record(spec.template).metadata).labels;
  if (labelSelectorMatches(spec.selector, labels) === false) {
    errors.push(fieldErrors.invalid('spec.template.metadata.labels', labels ?? null, '`selector` does not match template `labels`'));
  }
  return errors;
}

function hasLabel(labels: Record<string, unknown>, key: string, value: string): FieldError[] {
  const path = `spec.template.metadata.labels[${key}]`;
  if (!(key in labels)) return [fieldErrors.required(path, `must be '${value}'`)];
  return labels[key] === value ? [] : [fieldErrors.invalid(path, labels, `must be '${value}'`)];
}

/**
 * validateGeneratedSelector: unless manualSelector, the template must carry the generated labels and
 * the selector must select them. `requirePrefixedLabels` is false for updates of jobs created before
 * the batch.kubernetes.io labels existed.
 */
export function validateGeneratedSelector(job: KubeObject, requirePrefixedLabels: boolean): FieldError[] {
  const spec = record(job.spec);
  if (spec.manualSelector === true || spec.selector == null) return [];
  const uid = text(job.metadata.uid);
  const name = text(job.metadata.name);
  const errors = uid === '' ? [fieldErrors.required('metadata.uid', '')] : [];
  const labels = record(record(spec.template).metadata).labels;
  const expected: Record<string, string> = { [legacyControllerUidLabel]: uid, [legacyJobNameLabel]: name };
  errors.push(...hasLabel(record(labels), legacyControllerUidLabel, uid), ...hasLabel(record(labels), legacyJobNameLabel, name));
  if (requirePrefixedLabels) {
    errors.push(...hasLabel(record(labels), controllerUidLabel, uid), ...hasLabel(record(labels), jobNameLabel, name));
    Object.assign(expected, { [controllerUidLabel]: uid, [jobNameLabel]: name });
  }
  if (labelSelectorMatches(spec.selector, expected) === false) errors.push(fieldErrors.invalid('spec.selector', spec.selector, '`selector` not auto-generated'));
  return errors;
}

/** For Indexed jobs the last pod hostname (`<name>-<completions-1>`) must be a DNS label. */
export function validateIndexedHostname(job: KubeObject): FieldError[] {
  const spec = record(job.spec);
  if (spec.completionMode !== 'Indexed' || typeof spec.completions !== 'number' || spec.completions <= 0) return [];
  const hostname = `${text(job.metadata.name)}-${spec.completions - 1}`;
  if (isDns1123Label(hostname).length === 0) return [];
  return [fieldErrors.invalid('metadata.name', job.metadata.name, `will not able to create pod with invalid DNS label: ${hostname}`)];
}
