import { FieldError, fieldErrors, KubeObject } from '@drydock/util';
import type { ResourceStrategy, StrategyContext } from '../../resource.types';
import { timestampSince } from '../../meta/human-duration';
import { canonicalizeResourceList, parseQuantity, quantityError } from '@drydock/kube';
import { isQualifiedName } from '@drydock/kube';
import { invalidEach } from '../../support/field-errors';
import { record, stringMap } from '../../support/object-fields';
import { keepOldStatus } from '../../support/status-subresource';
import { ageColumn, column, nameColumn } from '../../support/table-columns';
import { validateCoreMeta } from '../../support/object-meta-fields';

const standardQuotaResources = [
  'pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps', 'persistentvolumeclaims',
  'services.nodeports', 'services.loadbalancers', 'requests.cpu', 'requests.memory', 'requests.storage', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'cpu', 'memory', 'ephemeral-storage',
];

function isStandardQuotaResource(name: string): boolean {
  return standardQuotaResources.includes(name) || name.startsWith('hugepages-') || name.startsWith('requests.hugepages-') || name.startsWith('count/');
}

/** ValidateResourceQuotaSpec's spec.hard rules (`base`: where the hard list sits, for Team's spec.quota). */
export function validateHard(hard: Record<string, unknown>, base = 'spec.hard'): FieldError[] {
  return Object.keys(hard).sort().flatMap((name) => {
    const path = `${base}[${name}]`;
    const errors = invalidEach(path, name, isQualifiedName(name));
    if (!errors.length && !name.includes('/') && !isStandardQuotaResource(name)) errors.push(fieldErrors.invalid(path, name, 'must be a standard resource for quota'));
    const malformed = quantityError(hard[name]);
    if (malformed) errors.push(fieldErrors.invalid(path, hard[name], malformed));
    else if (parseQuantity(hard[name]).sign() < 0) errors.push(fieldErrors.invalid(path, String(hard[name]), 'must be greater than or equal to 0'));
    return errors;
  });
}

/** printResourceQuota: `name: used/hard` pairs, sorted, limits.* in the Limit column. */
function quotaRow(quota: KubeObject, ctx: StrategyContext): unknown[] {
  const hard = stringMap(record(quota, 'status').hard);
  const used = stringMap(record(quota, 'status').used);
  const requests: string[] = [];
  const limits: string[] = [];
  for (const name of Object.keys(hard).sort()) {
    const pieces = name.split('.');
    (pieces.length > 1 && pieces[0] === 'limits' ? limits : requests).push(`${name}: ${used[name] || '0'}/${hard[name]}`);
  }
  return [quota.metadata.name ?? '', requests.join(', '), limits.join(', '), timestampSince(quota.metadata.creationTimestamp, ctx.now)];
}

export const resourceQuotaStrategy: ResourceStrategy = {
  defaults(quota) {
    canonicalizeResourceList(record(quota, 'spec').hard);
    canonicalizeResourceList(record(quota, 'status').hard);
    canonicalizeResourceList(record(quota, 'status').used);
  },
  prepareForCreate(quota) {
    quota.status = {};
  },
  prepareForUpdate: keepOldStatus,
  validate: (quota) => [...validateCoreMeta(quota.metadata), ...validateHard(record(quota, 'spec', 'hard'))],
  table: {
    columns: [
      nameColumn,
      column('Request', 'string', 'Request represents a minimum amount of cpu/memory that a container may consume.'),
      column('Limit', 'string', 'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.'),
      ageColumn,
    ],
    row: quotaRow,
  },
};
