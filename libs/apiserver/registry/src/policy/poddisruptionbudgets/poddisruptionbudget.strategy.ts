import { FieldError, fieldErrors, KubeObject } from '@drydock/util';
import type { ResourceStrategy } from '../../resource.types';
import { isNotMoreThan100Percent, validatePositiveIntOrPercent } from '@drydock/kube';
import { validateLabelSelector } from '../../meta/label-selector-validation';
import { record } from '../../support/object-fields';
import { keepAllButStatus, keepStatusForUpdate, resetStatusForCreate } from '../../support/status-subresource';
import { age, ageColumn, column, intCell, nameColumn } from '../../support/table-columns';

/** ValidatePodDisruptionBudgetSpec. */
function validate(object: KubeObject): FieldError[] {
  const spec = record(object.spec);
  const errors: FieldError[] = [];
  if (spec.minAvailable != null && spec.maxUnavailable != null) errors.push(fieldErrors.invalid('spec', spec, 'minAvailable and maxUnavailable cannot be both set'));
  for (const key of ['minAvailable', 'maxUnavailable']) {
    if (spec[key] != null) errors.push(...validatePositiveIntOrPercent(spec[key], `spec.${key}`), ...isNotMoreThan100Percent(spec[key], `spec.${key}`));
  }
  errors.push(...validateLabelSelector(spec.selector, 'spec.selector'));
  const policy = spec.unhealthyPodEvictionPolicy;
  if (policy != null && policy !== 'AlwaysAllow' && policy !== 'IfHealthyBudget') {
    errors.push(fieldErrors.notSupported('spec.unhealthyPodEvictionPolicy', policy, ['AlwaysAllow', 'IfHealthyBudget']));
  }
  return errors;
}

/** IntOrString.String(). */
function intOrStringCell(value: unknown): string {
  return value == null ? 'N/A' : String(value);
}

/** policy/v1 PodDisruptionBudget, as pkg/registry/policy/poddisruptionbudget/strategy.go. */
export const podDisruptionBudgetStrategy: ResourceStrategy = {
  prepareForCreate: (object) => resetStatusForCreate(object, { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 }),
  prepareForUpdate: (object, old) => keepStatusForUpdate(object, old),
  validate,
  prepareForStatusUpdate: (object, old) => keepAllButStatus(object, old, false),
  table: {
    columns: [
      nameColumn,
      column('Min Available', 'string', 'The minimum number of pods that must be available.'),
      column('Max Unavailable', 'string', 'The maximum number of pods that may be unavailable.'),
      column('Allowed Disruptions', 'integer', 'Calculated number of pods that may be disrupted at this time.'),
      ageColumn,
    ],
    row: (object, ctx) => {
      const spec = record(object.spec);
      return [object.metadata.name, intOrStringCell(spec.minAvailable), intOrStringCell(spec.maxUnavailable), intCell(record(object.status).disruptionsAllowed), age(object, ctx.now)];
    },
  },
};
