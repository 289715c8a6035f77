import { FieldError, fieldErrors, KubeObject } from '@drydock/util';
import type { ResourceStrategy } from '../../resource.types';
import { record, text } from '../../support/object-fields';
import { age, ageColumn, column, nameColumn } from '../../support/table-columns';

/** ValidateLeaseSpec. */
function validate(object: KubeObject): FieldError[] {
  const spec = record(object.spec);
  const errors: FieldError[] = [];
  const { leaseDurationSeconds, leaseTransitions, strategy, preferredHolder } = spec;
  if (typeof leaseDurationSeconds === 'number' && leaseDurationSeconds <= 0) errors.push(fieldErrors.invalid('spec.leaseDurationSeconds', leaseDurationSeconds, 'must be greater than 0'));
  if (typeof leaseTransitions === 'number' && leaseTransitions < 0) errors.push(fieldErrors.invalid('spec.leaseTransitions', leaseTransitions, 'must be greater than or equal to 0'));
  if (text(preferredHolder) && !text(strategy)) errors.push(fieldErrors.forbidden('spec.preferredHolder', 'may only be specified if `strategy` is defined'));
  return errors;
}

/** coordination.k8s.io/v1 Lease (leader election and node heartbeats). */
export const leaseStrategy: ResourceStrategy = {
  validate,
  table: {
    columns: [nameColumn, column('Holder', 'string', 'holderIdentity contains the identity of the holder of a current lease. If Coordinated Leader Election is used, the holder identity must be equal to the elected LeaseCandidate.metadata.name field.'), ageColumn],
    row: (object, ctx) => [object.metadata.name, text(record(object.spec).holderIdentity), age(object, ctx.now)],
  },
};
