import { FieldError, fieldErrors, isPlainObject } from '@drydock/util';
import { inclusiveRangeError } from '@drydock/kube';
import { jsonEqual } from '../../meta/field-validation';
import { Json, records } from '../../support/object-fields';

const updatableFieldsMessage =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

function validateDeadlineUpdate(spec: Json, old: Json): FieldError[] {
  const next = spec.activeDeadlineSeconds;
  const previous = old.activeDeadlineSeconds;
  const path = 'spec.activeDeadlineSeconds';
  if (typeof next === 'number') {
    if (next < 0 || next > 2147483647) return [fieldErrors.invalid(path, next, inclusiveRangeError(0, 2147483647))];
    if (typeof previous === 'number' && previous < next) return [fieldErrors.invalid(path, next, 'must be less than or equal to previous value')];
  } else if (typeof previous === 'number') {
    return [fieldErrors.invalid(path, null, 'must not update from a positive integer to nil value')];
  }
  return [];
}

/** validateOnlyAddedTolerations: every old toleration must still be there (tolerationSeconds may change). */
function validateTolerationsUpdate(spec: Json, old: Json): FieldError[] {
  const next = records(spec.tolerations);
  for (const previous of records(old.tolerations)) {
    const found = next.some((t) => jsonEqual({ ...previous, tolerationSeconds: t.tolerationSeconds }, t));
    if (!found) return [fieldErrors.forbidden('spec.tolerations', 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return [];
}

/** The spec with every field a pod update may change replaced by the old value (upstream's "munged" spec). */
function mungedSpec(spec: Json, old: Json): Json {
  const munged: Json = { ...spec };
  for (const key of ['containers', 'initContainers']) {
    const previous = records(old[key]);
    if (Array.isArray(spec[key])) munged[key] = records(spec[key]).map((c, i) => (previous[i] ? { ...c, image: previous[i].image } : c));
  }
  munged.activeDeadlineSeconds = old.activeDeadlineSeconds;
  munged.tolerations = old.tolerations;
  if (typeof old.terminationGracePeriodSeconds === 'number' && old.terminationGracePeriodSeconds < 0 && spec.terminationGracePeriodSeconds === 1) {
    munged.terminationGracePeriodSeconds = old.terminationGracePeriodSeconds;
  }
  const gates = records(spec.schedulingGates);
  if (gates.every((g) => records(old.schedulingGates).some((o) => jsonEqual(o, g)))) munged.schedulingGates = old.schedulingGates;
  if (!isPlainObject(spec.securityContext) && isPlainObject(old.securityContext)) munged.securityContext = old.securityContext;
  return munged;
}

/** A short "- old / + new" account of the top-level spec fields that differ (upstream prints cmp.Diff). */
function specDiff(spec: Json, old: Json): string {
  const keys = [...new Set([...Object.keys(old), ...Object.keys(spec)])].sort();
  const lines = ['  core.PodSpec{'];
  for (const key of keys) {
    if (jsonEqual(spec[key], old[key])) continue;
    if (old[key] !== undefined) lines.push(`- \t${key}: ${JSON.stringify(old[key])},`);
    if (spec[key] !== undefined) lines.push(`+ \t${key}: ${JSON.stringify(spec[key])},`);
  }
  lines.push('  }');
  return lines.join('\n');
}

/** ValidatePodUpdate's spec rules: only images, activeDeadlineSeconds, added tolerations and removed scheduling gates may change. */
export function validatePodSpecUpdate(spec: Json, old: Json): FieldError[] {
  const errors = [...validateDeadlineUpdate(spec, old), ...validateTolerationsUpdate(spec, old)];
  if (errors.length) return errors;
  const munged = mungedSpec(spec, old);
  if (!jsonEqual(munged, old)) errors.push(fieldErrors.forbidden('spec', `${updatableFieldsMessage}\n${specDiff(munged, old)}`));
  return errors;
}
