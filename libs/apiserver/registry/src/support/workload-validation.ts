import { FieldError, fieldErrors, isPlainObject } from '@drydock/util';
import { validatePodTemplateSpec } from '../core/pod-spec';
import { isEmptySelector } from '@drydock/kube';
import { validateLabelSelector } from '../meta/label-selector-validation';
import { labelSelectorMatches } from '../apps/support/label-selector';
import { record } from './object-fields';

/**
 * The selector rules shared by Deployment, ReplicaSet and StatefulSet: required, valid, non-empty
 * (`empty selector is invalid for <kind>`).
 */
export function validateWorkloadSelector(selector: unknown, path: string, kindWord: string): FieldError[] {
  if (!isPlainObject(selector)) return [fieldErrors.required(path, '')];
  const errors = validateLabelSelector(selector, path);
  if (isEmptySelector(selector)) errors.push(fieldErrors.invalid(path, selector, `empty selector is invalid for ${kindWord}`));
  return errors;
}

/** The template's labels must be selected by a non-empty selector (`selector` does not match template `labels`). */
export function validateSelectorMatchesTemplate(selector: unknown, template: unknown, path: string): FieldError[] {
  const labels = record(record(template).metadata).labels;
  if (isPlainObject(selector) && isEmptySelector(selector)) return [];
  // A missing selector converts to labels.Nothing(), which matches no template.
  const matches = labelSelectorMatches(selector, labels);
  if (matches === undefined) return [];
  return matches ? [] : [fieldErrors.invalid(`${path}.metadata.labels`, labels ?? null, '`selector` does not match template `labels`')];
}

/**
 * ValidatePodTemplateSpecForReplicaSet (also used by Deployment and DaemonSet): selector match, the pod
 * template itself, restartPolicy Always and no activeDeadlineSeconds.
 */
export function validateTemplateForController(selector: unknown, template: unknown, path: string, kind: string): FieldError[] {
  if (!isPlainObject(template)) return [fieldErrors.required(path, '')];
  const errors = validateSelectorMatchesTemplate(selector, template, path);
  errors.push(...validatePodTemplateSpec(template, path));
  errors.push(...validateAlwaysRestart(template, path, kind));
  return errors;
}

/** restartPolicy must be Always and activeDeadlineSeconds unset for long-running controllers. */
export function validateAlwaysRestart(template: unknown, path: string, kind: string): FieldError[] {
  const podSpec = record(record(template).spec);
  const errors: FieldError[] = [];
  if (podSpec.restartPolicy !== 'Always') errors.push(fieldErrors.notSupported(`${path}.spec.restartPolicy`, podSpec.restartPolicy ?? '', ['Always']));
  if (podSpec.activeDeadlineSeconds !== undefined && podSpec.activeDeadlineSeconds !== null) {
    errors.push(fieldErrors.forbidden(`${path}.spec.activeDeadlineSeconds`, `activeDeadlineSeconds in ${kind} is not Supported`));
  }
  return errors;
}
