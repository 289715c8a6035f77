import type { KubeObject } from '@drydock/util';
import { StatusError, isPlainObject } from '@drydock/util';
import { ObjectStore, StoreError } from '@drydock/storage';
import type { SubresourceCall, SubresourceReply, SubresourceRest } from '@drydock/registry';
import { kubeTime, labelSelectorFromObject, labelSelectorString, matchesLabels } from '@drydock/kube';
import { parseDeleteOptions } from '../rest/delete-options';
import type { GenericStore } from '../rest/generic-store';

/** The `Status` a successful create-style subresource answers (201 Success). */
export const created = (): SubresourceReply => ({ code: 201, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 } });

interface BudgetStatus {
  disruptionsAllowed?: number;
  currentHealthy?: number;
  desiredHealthy?: number;
  observedGeneration?: number;
  disruptedPods?: Record<string, string>;
}

const pdbResource = 'poddisruptionbudgets.policy';

/** Upstream's canIgnorePDB: pods that are not running (or already going) are evicted without a budget check. */
function ignoresBudgets(pod: KubeObject): boolean {
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  return Boolean(pod.metadata.deletionTimestamp) || phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || phase === undefined;
}

function budgetsFor(pod: KubeObject, budgets: KubeObject[]): KubeObject[] {
  return budgets.filter((pdb) => {
    const selector = (pdb.spec as { selector?: unknown } | undefined)?.selector;
    if (!isPlainObject(selector)) return false;
    const parsed = labelSelectorFromObject(selector);
    return labelSelectorString(parsed) !== '' && matchesLabels(parsed, pod.metadata.labels ?? {});
  });
}

function tooManyRequests(pdb: KubeObject, status: BudgetStatus): StatusError {
  const message = `The disruption budget ${pdb.metadata.name} needs ${status.desiredHealthy ?? 0} healthy pods and has ${status.currentHealthy ?? 0} currently`;
  return new StatusError(429, 'TooManyRequests', "Cannot evict pod as it would violate the pod's disruption budget.", { causes: [{ reason: 'DisruptionBudget', message }] });
}

/** Concurrent evictions race for the same budget: as upstream (EvictionsRetry), re-read and retry on conflicts. */
const budgetConflictRetries = 20;

/**
 * `POST pods/NAME/eviction` (policy/v1 Eviction), upstream's EvictionREST: deletes the pod with the
 * eviction's delete options, unless its PodDisruptionBudget has no disruption left (429, kubectl
 * drain retries). The budget's status is kept by the controller-manager's disruption controller.
 */
export class EvictionRest implements SubresourceRest {
  constructor(
    private readonly generic: GenericStore,
    private readonly store: ObjectStore,
  ) {}

  async create({ def, cluster, namespace, name }: SubresourceCall, body: KubeObject): Promise<SubresourceReply> {
    if (body.kind !== undefined && body.kind !== 'Eviction') throw StatusError.badRequest(`${String(body.kind)} cannot be handled as an Eviction`);
    const metadataName = body.metadata?.name;
    if (metadataName && metadataName !== name) throw StatusError.badRequest(`name in URL does not match name in Eviction object`);
    const pod = await this.generic.get(def, cluster, namespace, name);
    if (!ignoresBudgets(pod)) await this.checkAndSpendBudget(cluster, namespace, pod);
    const options = isPlainObject(body.deleteOptions) ? (body.deleteOptions as Record<string, unknown>) : undefined;
    await this.generic.delete(def, cluster, namespace, name, parseDeleteOptions(options, new URLSearchParams()));
    return created();
  }

  private async checkAndSpendBudget(cluster: string, namespace: string, pod: KubeObject): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const budgets = budgetsFor(pod, (await this.store.list({ cluster, resource: pdbResource, namespace })).items);
      if (budgets.length > 1) throw StatusError.internal('This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
      if (budgets.length === 0) return;
      try {
        return await this.spendDisruption(cluster, pod, budgets[0]);
      } catch (error) {
        if (!(error instanceof StatusError && error.reason === 'Conflict') || attempt >= budgetConflictRetries) throw error;
        await new Promise((resolve) => setTimeout(resolve, 10 * attempt));
      }
    }
  }

  /** Takes one disruption from the budget (optimistically, as upstream) or refuses with 429. */
  private async spendDisruption(cluster: string, pod: KubeObject, pdb: KubeObject): Promise<void> {
    const status = (pdb.status ?? {}) as BudgetStatus;
    if ((status.observedGeneration ?? 0) < (pdb.metadata.generation ?? 0) || (status.disruptionsAllowed ?? 0) <= 0) throw tooManyRequests(pdb, status);
    const spent: BudgetStatus = { ...status, disruptionsAllowed: (status.disruptionsAllowed ?? 0) - 1, disruptedPods: { ...status.disruptedPods, [pod.metadata.name!]: kubeTime(new Date()) } };
    const key = { cluster, resource: pdbResource, namespace: pdb.metadata.namespace!, name: pdb.metadata.name! };
    try {
      await this.store.update(key, { ...pdb, status: spent }, { expectedRevision: Number(pdb.metadata.resourceVersion) });
    } catch (error) {
      if (error instanceof StoreError && error.code === 'Conflict') throw StatusError.conflict({ group: 'policy', resource: 'poddisruptionbudgets' }, pdb.metadata.name!);
      throw error;
    }
  }
}
