import { queryFlag } from '@drydock/kube';
import { StatusError, isPlainObject } from '@drydock/util';

/** meta/v1 DeleteOptions as sent in a DELETE body or query. */
export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun: boolean;
  /** The deprecated orphanDependents, when sent: false asks for cascading deletion (Foreground, answered 202 while the object stays). */
  orphanDependents?: boolean;
}

const policies = ['Background', 'Foreground', 'Orphan'];

export function parseDeleteOptions(body: Record<string, unknown> | undefined, query: URLSearchParams): DeleteOptions {
  const source = body ?? {};
  const grace = source.gracePeriodSeconds ?? (query.get('gracePeriodSeconds') !== null ? Number(query.get('gracePeriodSeconds')) : undefined);
  if (grace !== undefined && (typeof grace !== 'number' || !Number.isInteger(grace) || grace < 0)) {
    throw StatusError.invalid('', 'DeleteOptions', '', [{ type: 'FieldValueInvalid', field: 'gracePeriodSeconds', value: grace, detail: 'must be greater than or equal to 0' }]);
  }
  let policy = (source.propagationPolicy ?? query.get('propagationPolicy') ?? undefined) as string | undefined;
  const orphanDependents = typeof source.orphanDependents === 'boolean' ? source.orphanDependents : query.get('orphanDependents') !== null ? queryFlag(query, 'orphanDependents') : undefined;
  // Upstream's ValidateDeleteOptions, then shouldOrphanDependents/shouldDeleteDependents: the old flag maps onto a policy.
  if (orphanDependents !== undefined && policy !== undefined) {
    throw StatusError.invalid('', 'DeleteOptions', '', [{ type: 'FieldValueInvalid', field: 'propagationPolicy', value: policy, detail: 'orphanDependents and deletionPropagation cannot be both set' }]);
  }
  if (orphanDependents !== undefined) policy = orphanDependents ? 'Orphan' : 'Foreground';
  if (policy !== undefined && !policies.includes(policy)) {
    throw StatusError.invalid('', 'DeleteOptions', '', [{ type: 'FieldValueNotSupported', field: 'propagationPolicy', value: policy, supported: policies }]);
  }
  const dryRun = Array.isArray(source.dryRun) ? (source.dryRun as string[]) : query.getAll('dryRun');
  const preconditions = isPlainObject(source.preconditions) ? (source.preconditions as DeleteOptions['preconditions']) : undefined;
  return { gracePeriodSeconds: grace as number | undefined, propagationPolicy: policy as DeleteOptions['propagationPolicy'], preconditions, dryRun: dryRun.includes('All'), orphanDependents };
}
