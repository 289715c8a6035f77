import { FieldError, fieldErrors } from '@drydock/util';
import { validateNonnegative } from '../../meta/field-validation';
import { isQualifiedName } from '@drydock/kube';
import { list, record, records, text } from '../../support/object-fields';
import { invalidEach } from '../../support/field-errors';

const maxRules = 20;
const maxExitCodes = 255;
const maxConditionPatterns = 20;
const actions = ['Count', 'FailIndex', 'FailJob', 'Ignore'];
const goQuoted = (values: string[]) => `[${values.map((v) => JSON.stringify(v)).join(' ')}]`;

function omitted(field: string, detail: string): FieldError {
  return { type: 'FieldValueInvalid', field, detail };
}

function validateOnExitCodes(requirement: Record<string, unknown>, path: string, containerNames: Set<string>): FieldError[] {
  const errors: FieldError[] = [];
  const operator = requirement.operator;
  if (!operator) errors.push(fieldErrors.required(`${path}.operator`, `valid values: ${goQuoted(['In', 'NotIn'])}`));
  else if (operator !== 'In' && operator !== 'NotIn') errors.push(fieldErrors.notSupported(`${path}.operator`, operator, ['In', 'NotIn']));
  if (requirement.containerName != null && !containerNames.has(text(requirement.containerName))) {
    errors.push(fieldErrors.invalid(`${path}.containerName`, requirement.containerName, 'must be one of the container or initContainer names in the pod template'));
  }
  const values = list(requirement.values).map(Number);
  if (values.length === 0) errors.push(fieldErrors.invalid(`${path}.values`, requirement.values ?? null, 'at least one value is required'));
  else if (values.length > maxExitCodes) errors.push({ type: 'FieldValueTooMany', field: `${path}.values`, value: values.length, detail: `must have at most ${maxExitCodes} items` });
  values.forEach((value, j) => {
    if (operator === 'In' && value === 0) errors.push(fieldErrors.invalid(`${path}.values[${j}]`, value, 'must not be 0 for the In operator'));
    if (values.indexOf(value) !== j) errors.push(fieldErrors.duplicate(`${path}.values[${j}]`, value));
  });
  if (values.some((value, j) => j > 0 && values[j - 1] > value)) errors.push(fieldErrors.invalid(`${path}.values`, values, 'must be ordered'));
  return errors;
}

function validateOnPodConditions(patterns: unknown[], path: string): FieldError[] {
  const errors: FieldError[] = patterns.length > maxConditionPatterns ? [{ type: 'FieldValueTooMany', field: path, value: patterns.length, detail: `must have at most ${maxConditionPatterns} items` }] : [];
  records(patterns).forEach((pattern, j) => {
    errors.push(...invalidEach(`${path}[${j}].type`, pattern.type ?? '', isQualifiedName(text(pattern.type))));
    if (!pattern.status) errors.push(fieldErrors.required(`${path}[${j}].status`, `valid values: ${goQuoted(['False', 'True', 'Unknown'])}`));
    else if (!['False', 'True', 'Unknown'].includes(text(pattern.status))) errors.push(fieldErrors.notSupported(`${path}[${j}].status`, pattern.status, ['False', 'True', 'Unknown']));
  });
  return errors;
}

function validateRule(spec: Record<string, unknown>, rule: Record<string, unknown>, path: string, containerNames: Set<string>): FieldError[] {
  const errors: FieldError[] = [];
  if (!rule.action) errors.push(fieldErrors.required(`${path}.action`, `valid values: ${goQuoted(actions)}`));
  else if (rule.action === 'FailIndex' && spec.backoffLimitPerIndex == null) errors.push(fieldErrors.invalid(`${path}.action`, rule.action, 'requires the backoffLimitPerIndex to be set'));
  else if (!actions.includes(text(rule.action))) errors.push(fieldErrors.notSupported(`${path}.action`, rule.action, actions));
  if (rule.onExitCodes != null) errors.push(...validateOnExitCodes(record(rule.onExitCodes), `${path}.onExitCodes`, containerNames));
  const conditions = list(rule.onPodConditions);
  if (conditions.length) errors.push(...validateOnPodConditions(conditions, `${path}.onPodConditions`));
  if (rule.onExitCodes != null && conditions.length) errors.push(omitted(path, 'specifying both OnExitCodes and OnPodConditions is not supported'));
  if (rule.onExitCodes == null && conditions.length === 0) errors.push(omitted(path, 'specifying one of OnExitCodes and OnPodConditions is required'));
  return errors;
}

/** validatePodFailurePolicy. */
export function validatePodFailurePolicy(spec: Record<string, unknown>, path: string): FieldError[] {
  const rules = records(record(spec.podFailurePolicy).rules);
  const errors: FieldError[] = rules.length > maxRules ? [{ type: 'FieldValueTooMany', field: `${path}.rules`, value: rules.length, detail: `must have at most ${maxRules} items` }] : [];
  const podSpec = record(record(spec.template).spec);
  const containerNames = new Set([...list(podSpec.containers), ...list(podSpec.initContainers)].map((c) => text(record(c).name)));
  rules.forEach((rule, i) => errors.push(...validateRule(spec, rule, `${path}.rules[${i}]`, containerNames)));
  return errors;
}

/** validateSuccessPolicy (indexed jobs only; the caller checks the completion mode). */
export function validateSuccessPolicy(spec: Record<string, unknown>, path: string): FieldError[] {
  const rules = records(record(spec.successPolicy).rules);
  const errors: FieldError[] = rules.length === 0 ? [fieldErrors.required(`${path}.rules`, 'at least one rules must be specified when the successPolicy is specified')] : [];
  const completions = typeof spec.completions === 'number' ? spec.completions : 0;
  rules.forEach((rule, i) => {
    const rulePath = `${path}.rules[${i}]`;
    if (rule.succeededCount == null && rule.succeededIndexes == null) errors.push(fieldErrors.required(rulePath, 'at least one of succeededCount or succeededIndexes must be specified'));
    if (typeof rule.succeededCount !== 'number') return;
    errors.push(...validateNonnegative(rule.succeededCount, `${rulePath}.succeededCount`));
    if (rule.succeededCount > completions) {
      errors.push(fieldErrors.invalid(`${rulePath}.succeededCount`, rule.succeededCount, `must be less than or equal to ${completions} (the number of specified completions)`));
    }
  });
  return errors;
}
