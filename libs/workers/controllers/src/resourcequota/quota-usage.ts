import type { KubeObject } from '@drydock/util';
import {
  addResources, maskResources, Quantity, quotaEvaluatorFor, QuotaObject, quotaScopes, ResourceList,
  resourceListsEqual, serializeResourceList, toResourceList,
} from '@drydock/kube';

/** The group-resource a quota resource name charges (`pods`, `count/deployments.apps` → `deployments.apps`). */
export function chargedGroupResource(name: string): string | undefined {
  if (name.startsWith('count/')) return name.slice('count/'.length);
  if (['pods', 'cpu', 'memory', 'ephemeral-storage'].includes(name) || /^(requests|limits)\.(cpu|memory|ephemeral-storage)$/.test(name)) return 'pods';
  if (name.startsWith('hugepages-') || name.startsWith('requests.hugepages-')) return 'pods';
  if (name.startsWith('services')) return 'services';
  if (name === 'persistentvolumeclaims' || name === 'requests.storage' || name.includes('.storageclass.storage.k8s.io/')) return 'persistentvolumeclaims';
  if (['configmaps', 'secrets', 'replicationcontrollers', 'resourcequotas'].includes(name)) return name;
  return undefined;
}

/**
 * quota.CalculateUsage as the quota controller runs it: for every group-resource the quota limits,
 * the summed usage of the namespace's objects that match the quota's scopes (zero when there are
 * none), masked to the quota's hard names.
 */
export function calculateUsage(quota: QuotaObject, objectsOf: (groupResource: string) => KubeObject[], now: number): ResourceList {
  const hardNames = Object.keys(toResourceList(quota.spec?.hard));
  const scopes = quotaScopes(quota);
  const groupResources = new Set(hardNames.map(chargedGroupResource).filter((gr): gr is string => gr !== undefined));
  let used: ResourceList = {};
  for (const groupResource of groupResources) {
    const evaluator = quotaEvaluatorFor(groupResource);
    const matching = evaluator.matchingResources(hardNames);
    if (!matching.length) continue;
    let usage: ResourceList = Object.fromEntries(matching.map((name) => [name, new Quantity(0n)]));
    for (const item of objectsOf(groupResource)) {
      if (!scopes.every((scope) => evaluator.matchesScope(scope, item))) continue;
      usage = addResources(usage, maskResources(evaluator.usage(item, now), matching));
    }
    used = addResources(used, usage);
  }
  return maskResources(used, hardNames);
}

/**
 * syncResourceQuota's new status: hard from spec, used recalculated (past observations kept for
 * names nothing here counts); undefined when the stored status already says so.
 */
export function quotaStatusUpdate(quota: QuotaObject, objectsOf: (groupResource: string) => KubeObject[], now: number): { hard: Record<string, string>; used: Record<string, string> } | undefined {
  const hard = toResourceList(quota.spec?.hard);
  const previous = toResourceList(quota.status?.used);
  const used = maskResources({ ...previous, ...calculateUsage(quota, objectsOf, now) }, Object.keys(hard));
  const dirty = !quota.status?.hard || !quota.status?.used || !resourceListsEqual(hard, toResourceList(quota.status.hard)) || !resourceListsEqual(used, previous);
  return dirty ? { hard: serializeResourceList(hard), used: serializeResourceList(used) } : undefined;
}
