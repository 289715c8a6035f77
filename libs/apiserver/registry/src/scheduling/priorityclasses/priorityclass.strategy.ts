import { FieldError, fieldErrors, KubeObject } from '@drydock/util';
import { fieldImmutable } from '../../meta/field-validation';
import type { ResourceStrategy } from '../../resource.types';
import { defaultField, text } from '../../support/object-fields';
import { age, ageColumn, column, nameColumn } from '../../support/table-columns';

const highestUserDefinablePriority = 1000000000;
/** The two system classes (IsKnownSystemPriorityClass). */
const systemPriorityClasses: Record<string, number> = { 'system-node-critical': 2000001000, 'system-cluster-critical': 2000000000 };

/** SetDefaults_PriorityClass. */
function defaults(object: KubeObject): void {
  defaultField(object, 'preemptionPolicy', 'PreemptLowerPriority');
}

function systemClassError(name: string, value: unknown, globalDefault: unknown): string | undefined {
  if (!(name in systemPriorityClasses)) return `${name} is not a known system priority class`;
  if (value !== systemPriorityClasses[name]) return `value of ${name} PriorityClass must be ${systemPriorityClasses[name]}`;
  if (globalDefault === true) return `globalDefault of ${name} PriorityClass must be false`;
  return undefined;
}

/** ValidatePriorityClass. */
function validate(object: KubeObject): FieldError[] {
  const name = text(object.metadata.name);
  const errors: FieldError[] = [];
  if (name.startsWith('system-')) {
    const error = systemClassError(name, object.value, object.globalDefault);
    if (error) errors.push(fieldErrors.forbidden('metadata.name', `priority class names with 'system-' prefix are reserved for system use only. error: ${error}`));
  } else if (typeof object.value === 'number' && object.value > highestUserDefinablePriority) {
    errors.push(fieldErrors.forbidden('value', `maximum allowed value of a user defined priority is ${highestUserDefinablePriority}`));
  }
  const policy = object.preemptionPolicy;
  if (policy === '') errors.push(fieldErrors.required('preemptionPolicy', ''));
  else if (policy != null && policy !== 'PreemptLowerPriority' && policy !== 'Never') errors.push(fieldErrors.notSupported('preemptionPolicy', policy, ['Never', 'PreemptLowerPriority']));
  return errors;
}

/** ValidatePriorityClassUpdate: value and preemptionPolicy are immutable. */
function validateUpdate(object: KubeObject, old: KubeObject): FieldError[] {
  const errors = object.value !== old.value ? [fieldErrors.forbidden('value', 'may not be changed in an update.')] : [];
  return [...errors, ...fieldImmutable(object.preemptionPolicy, old.preemptionPolicy, 'preemptionPolicy')];
}

/** scheduling.k8s.io/v1 PriorityClass. */
export const priorityClassStrategy: ResourceStrategy = {
  defaults,
  validate,
  validateUpdate,
  table: {
    columns: [
      nameColumn,
      column('Value', 'integer', 'value represents the integer value of this priority class. This is the actual priority that pods receive when they have the name of this class in their pod spec.'),
      column('Global-Default', 'boolean', 'globalDefault specifies whether this PriorityClass should be considered as the default priority for pods that do not have any priority class. Only one PriorityClass can be marked as `globalDefault`. However, if more than one PriorityClasses exists with their `globalDefault` field set to true, the smallest value of such global default PriorityClasses will be used as the default priority.'),
      ageColumn,
      column('PreemptionPolicy', 'string', 'preemptionPolicy is the Policy for preempting pods with lower priority. One of Never, PreemptLowerPriority. Defaults to PreemptLowerPriority if unset.'),
    ],
    row: (object, ctx) => [object.metadata.name, typeof object.value === 'number' ? object.value : 0, object.globalDefault === true, age(object, ctx.now), text(object.preemptionPolicy)],
  },
};
