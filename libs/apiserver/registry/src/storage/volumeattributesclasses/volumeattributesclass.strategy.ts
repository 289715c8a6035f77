import { FieldError, fieldErrors, KubeObject } from '@drydock/util';
import { isQualifiedName } from '@drydock/kube';
import { jsonEqual } from '../../meta/field-validation';
import type { ResourceStrategy } from '../../resource.types';
import { record, text } from '../../support/object-fields';
import { age, ageColumn, column, nameColumn } from '../../support/table-columns';
import { invalidEach } from '../../support/field-errors';

/** ValidateVolumeAttributesClass: a driver name, and at least one parameter. */
function validate(object: KubeObject): FieldError[] {
  const driver = text(object.driverName);
  const errors = driver ? invalidEach('driverName', driver.toLowerCase(), isQualifiedName(driver.toLowerCase())) : [fieldErrors.required('driverName', '')];
  if (Object.keys(record(object.parameters)).length === 0) errors.push(fieldErrors.required('parameters', 'must contain at least one key/value pair'));
  return errors;
}

/** ValidateVolumeAttributesClassUpdate: driverName and parameters are immutable. */
function validateUpdate(object: KubeObject, old: KubeObject): FieldError[] {
  const errors: FieldError[] = [];
  if (object.driverName !== old.driverName) errors.push(fieldErrors.forbidden('driverName', 'updates to driverName are forbidden.'));
  if (!jsonEqual(object.parameters, old.parameters)) errors.push(fieldErrors.forbidden('parameters', 'updates to parameters are forbidden.'));
  return errors;
}

/** storage.k8s.io/v1 VolumeAttributesClass. */
export const volumeAttributesClassStrategy: ResourceStrategy = {
  validate,
  validateUpdate,
  table: {
    columns: [nameColumn, column('DriverName', 'string', 'Name of the CSI driver'), ageColumn],
    row: (object, ctx) => [object.metadata.name, text(object.driverName), age(object, ctx.now)],
  },
};
