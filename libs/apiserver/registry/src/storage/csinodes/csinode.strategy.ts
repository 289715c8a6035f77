import { FieldError, fieldErrors, KubeObject } from '@drydock/util';
import type { ResourceStrategy } from '../../resource.types';
import { list, record, text } from '../../support/object-fields';
import { age, ageColumn, column, nameColumn } from '../../support/table-columns';

/** ValidateCSINode's driver rules: each driver has a unique name and a node ID. */
function validate(object: KubeObject): FieldError[] {
  const names = new Set<string>();
  return list(record(object.spec).drivers).flatMap((value, i) => {
    const driver = record(value);
    const path = `spec.drivers[${i}]`;
    const errors: FieldError[] = [];
    if (!text(driver.name)) errors.push(fieldErrors.required(`${path}.name`, ''));
    else if (names.has(text(driver.name))) errors.push(fieldErrors.duplicate(`${path}.name`, driver.name));
    names.add(text(driver.name));
    if (!text(driver.nodeID)) errors.push(fieldErrors.required(`${path}.nodeID`, ''));
    return errors;
  });
}

/** storage.k8s.io/v1 CSINode (written by kubelets). */
export const csiNodeStrategy: ResourceStrategy = {
  validate,
  table: {
    columns: [nameColumn, column('Drivers', 'integer', 'Drivers indicates the number of CSI drivers registered on the node'), ageColumn],
    row: (object, ctx) => [object.metadata.name, list(record(object.spec).drivers).length, age(object, ctx.now)],
  },
};
