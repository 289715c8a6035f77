import { FieldError, fieldErrors, KubeObject } from '@drydock/util';
import { record, records, text } from '../support/object-fields';

/** ValidateFlowSchemaStatus / ValidatePriorityLevelConfigurationStatus: each condition has a type, and a type appears once. */
export function validateConditions(object: KubeObject): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  records(record(object.status).conditions).forEach((condition, i) => {
    const type = text(condition.type);
    if (seen.has(type)) errors.push(fieldErrors.duplicate(`status.conditions[${i}].type`, type));
    seen.add(type);
    if (!type) errors.push(fieldErrors.required(`status.conditions[${i}].type`, 'must not be empty'));
  });
  return errors;
}
