import type { KubeObject } from '@drydock/util';
import {
  addResources, lessThanOrEqual, maskResources, prettyPrintResources, QuotaEvaluator, quotaMatches, QuotaObject,
  removeZeros, ResourceList, serializeResourceList, subtractNonNegative, toResourceList,
} from '@drydock/kube';

/** A refusal, worded as upstream's quota admission (the plugin makes it a 403 for the object). */
export class QuotaRefusal extends Error {}

export interface QuotaCheckInput {
  evaluator: QuotaEvaluator;
  operation: 'CREATE' | 'UPDATE';
  subresource?: string;
  object: KubeObject;
  old: KubeObject | null;
  /** The namespace's quotas, as stored (their status.hard and status.used are what is checked). */
  quotas: QuotaObject[];
  now: number;
}

/** One quota whose status.used the request charges. */
export interface QuotaCharge {
  quota: QuotaObject;
  used: Record<string, string>;
}

function sortedNames(list: ResourceList): string {
  return Object.keys(list).sort().join(',');
}

/** The quotas that cover the object, after the constraint and "usage known" checks of CheckRequest. */
function coveringQuotas(input: QuotaCheckInput): QuotaObject[] {
  const covering: QuotaObject[] = [];
  for (const quota of input.quotas) {
    const hardNames = Object.keys(toResourceList(quota.status?.hard));
    if (!quotaMatches(input.evaluator, hardNames, quota, input.object)) continue;
    const restricted = input.evaluator.matchingResources(hardNames);
    const constraint = input.evaluator.constraints(restricted, input.object);
    if (constraint) throw new QuotaRefusal(`failed quota: ${quota.metadata.name}: ${constraint}`);
    const used = toResourceList(quota.status?.used);
    const unknown = restricted.filter((name) => !used[name]);
    if (unknown.length) throw new QuotaRefusal(`status unknown for quota: ${quota.metadata.name}, resources: ${[...restricted].sort().join(',')}`);
    covering.push(quota);
  }
  return covering;
}

/**
 * CheckRequest (staging/.../admission/plugin/resourcequota/controller.go): the usage delta of the
 * write against every covering quota; throws a QuotaRefusal (`exceeded quota: q, requested: pods=1,
 * used: pods=2, limited: pods=2`) or returns the new status.used of each quota the write charges.
 */
export function checkQuotaRequest(input: QuotaCheckInput): QuotaCharge[] {
  const covering = coveringQuotas(input);
  if (!covering.length) return [];
  const usage = input.evaluator.usage(input.object, input.now);
  const negative = Object.entries(usage).filter(([, value]) => value.sign() < 0).map(([name]) => name);
  if (negative.length) throw new QuotaRefusal(`quota usage is negative for resource(s): ${negative.sort().join(',')}`);
  const charges: QuotaCharge[] = [];
  for (const quota of covering) {
    let delta = usage;
    // An update is charged what it adds over the old object's usage, when the old object counted against this quota.
    if (input.operation === 'UPDATE' && input.old) {
      const hardNames = Object.keys(toResourceList(quota.status?.hard));
      if (quotaMatches(input.evaluator, hardNames, quota, input.old)) delta = subtractNonNegative(usage, input.evaluator.usage(input.old, input.now));
    }
    delta = removeZeros(delta);
    if (!Object.keys(delta).length) continue;
    const hard = toResourceList(quota.status?.hard);
    const used = toResourceList(quota.status?.used);
    const requested = maskResources(delta, Object.keys(hard));
    const newUsage = addResources(used, requested);
    if (input.subresource !== 'status') {
      const { allowed, exceeded } = lessThanOrEqual(maskResources(newUsage, Object.keys(requested)), hard);
      if (!allowed) {
        throw new QuotaRefusal(
          `exceeded quota: ${quota.metadata.name}, requested: ${prettyPrintResources(maskResources(requested, exceeded))}, ` +
            `used: ${prettyPrintResources(maskResources(used, exceeded))}, limited: ${prettyPrintResources(maskResources(hard, exceeded))}`,
        );
      }
    }
    if (sortedNames(requested)) charges.push({ quota, used: serializeResourceList(newUsage) });
  }
  return charges;
}
