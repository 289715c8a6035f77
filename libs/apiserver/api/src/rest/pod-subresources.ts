import type { KubeObject } from '@drydock/util';
import { StatusError, isPlainObject } from '@drydock/util';
import { ObjectStore, StoreError } from '@drydock/storage';
import { ResourceDefinition } from '@drydock/registry';
import { labelSelectorFromObject, labelSelectorString, matchesLabels } from '@drydock/kube';
import { parseDeleteOptions } from './delete-options';
import type { GenericStore } from './generic-store';
import type { WriteParams } from './request-context';

const success = (code: number) => ({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code });

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

/** Takes one disruption from the budget (optimistically, as upstream) or refuses with 429. */
async function spendDisruption(store: ObjectStore, cluster: string, pod: KubeObject, pdb: KubeObject): Promise<void> {
  const status = (pdb.status ?? {}) as BudgetStatus;
  if ((status.observedGeneration ?? 0) < (pdb.metadata.generation ?? 0) || (status.disruptionsAllowed ?? 0) <= 0) throw tooManyRequests(pdb, status);
  const spent: BudgetStatus = { ...status, disruptionsAllowed: (status.disruptionsAllowed ?? 0) - 1, disruptedPods: { ...status.disruptedPods, [pod.metadata.name!]: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') } };
  const key = { cluster, resource: pdbResource, namespace: pdb.metadata.namespace!, name: pdb.metadata.name! };
  try {
    await store.update(key, { ...pdb, status: spent }, { expectedRevision: Number(pdb.metadata.resourceVersion) });
  } catch (error) {
    if (error instanceof StoreError && error.code === 'Conflict') throw StatusError.conflict({ group: 'policy', resource: 'poddisruptionbudgets' }, pdb.metadata.name!);
    throw error;
  }
}

/** Concurrent evictions race for the same budget: as upstream (EvictionsRetry), re-read and retry on conflicts. */
const budgetConflictRetries = 20;

async function checkAndSpendBudget(store: ObjectStore, cluster: string, namespace: string, pod: KubeObject): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const budgets = budgetsFor(pod, (await store.list({ cluster, resource: pdbResource, namespace })).items);
    if (budgets.length > 1) throw StatusError.internal('This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
    if (budgets.length === 0) return;
    try {
      return await spendDisruption(store, cluster, pod, budgets[0]);
    } catch (error) {
      if (!(error instanceof StatusError && error.reason === 'Conflict') || attempt >= budgetConflictRetries) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * attempt));
    }
  }
}

/**
 * `POST pods/NAME/eviction` (policy/v1 Eviction): deletes the pod with the eviction's delete options,
 * unless its PodDisruptionBudget has no disruption left (429, kubectl drain retries), as upstream's
 * eviction REST. The budget's status is kept by the controller-manager's disruption controller.
 */
export async function evictPod(generic: GenericStore, store: ObjectStore, def: ResourceDefinition, cluster: string, namespace: string, name: string, body: KubeObject): Promise<Record<string, unknown>> {
  if (body.kind !== undefined && body.kind !== 'Eviction') throw StatusError.badRequest(`${String(body.kind)} cannot be handled as an Eviction`);
  const metadataName = body.metadata?.name;
  if (metadataName && metadataName !== name) throw StatusError.badRequest(`name in URL does not match name in Eviction object`);
  const pod = await store.get({ cluster, resource: 'pods', namespace, name });
  if (!pod) throw StatusError.notFound({ group: '', resource: 'pods' }, name);
  if (!ignoresBudgets(pod)) await checkAndSpendBudget(store, cluster, namespace, pod);
  const options = isPlainObject(body.deleteOptions) ? (body.deleteOptions as Record<string, unknown>) : undefined;
  await generic.delete(def, cluster, namespace, name, parseDeleteOptions(options, new URLSearchParams()));
  return success(201);
}

/** `POST pods/NAME/binding` (core/v1 Binding): sets spec.nodeName once, as the scheduler does upstream. */
export async function bindPod(generic: GenericStore, def: ResourceDefinition, cluster: string, namespace: string, name: string, body: KubeObject, params: WriteParams): Promise<Record<string, unknown>> {
  const target = body.target as { kind?: string; name?: string } | undefined;
  if (!target?.name) throw StatusError.invalid('', 'Binding', name, [{ type: 'FieldValueRequired', field: 'target.name', detail: '' }]);
  if (target.kind && target.kind !== 'Node') throw StatusError.invalid('', 'Binding', name, [{ type: 'FieldValueNotSupported', field: 'target.kind', value: target.kind, supported: ['Node'] }]);
  await generic.update(def, cluster, namespace, name, params, (current) => {
    const pod = current!;
    const spec = (pod.spec ?? {}) as { nodeName?: string };
    if (pod.metadata.deletionTimestamp) throw StatusError.conflict({ group: '', resource: 'pods' }, name, 'pod is being deleted, cannot be assigned to a host');
    if (spec.nodeName) throw StatusError.conflict({ group: '', resource: 'pods' }, name, `pod ${name} is already assigned to node "${spec.nodeName}"`);
    // As upstream's binding REST: the node name and the PodScheduled=True condition in one write.
    const status = (pod.status ?? {}) as { conditions?: { type: string }[] };
    const conditions = (status.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
    const scheduled = { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') };
    return { ...pod, spec: { ...spec, nodeName: target.name }, status: { ...status, conditions: [...conditions, scheduled] } };
  }, { subresource: 'binding' });
  return success(201);
}
