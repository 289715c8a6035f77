import { StatusError } from '@drydock/util';
import type { KubeObject } from '@drydock/util';
import { StoreError } from '@drydock/storage';
import type { ObjectStore } from '@drydock/storage';
import { quotaEvaluatorFor, QuotaObject } from '@drydock/kube';
import type { AdmissionRequest, ValidatingAdmissionPlugin } from './admission';
import type { CachedObjects } from './namespace-lifecycle.admission';
import { LiveLookup } from './live-lookup';
import { checkQuotaRequest, QuotaCharge, QuotaRefusal } from './resource-quota-check';

/** Upstream's default ignoredResources: events are never charged. */
const ignoredResources = new Set(['events']);
/** Attempts at charging before giving up with the last conflict (upstream retries too, then fails). */
const maxAttempts = 20;

/**
 * Upstream's ResourceQuota admission: checks a write against every quota of its namespace that covers
 * it and charges those quotas' status.used before the object is stored. The charge is written with
 * the quota's resourceVersion as a precondition and retried on a fresh read after a conflict, so
 * concurrent creates (in this process or another API server) can never exceed `hard`; within one
 * process the writes of a namespace are also queued (as upstream's per-namespace work queue) so they
 * rarely conflict. A charge for a write that then fails is corrected by the quota controller's recount.
 */
export class ResourceQuotaAdmission implements ValidatingAdmissionPlugin {
  readonly name = 'ResourceQuota';
  private readonly namespaceQueues = new Map<string, Promise<unknown>>();
  private readonly quotas: LiveLookup;

  constructor(
    private readonly store: ObjectStore,
    cache: CachedObjects,
    private readonly now: () => number = Date.now,
  ) {
    this.quotas = new LiveLookup(store, cache, 'resourcequotas');
  }

  async validate(request: Readonly<AdmissionRequest>): Promise<void> {
    const { def, operation } = request;
    if (!def.namespaced || operation === 'DELETE' || ignoredResources.has(def.group ? `${def.resource}.${def.group}` : def.resource)) return;
    const evaluator = quotaEvaluatorFor(def.group ? `${def.resource}.${def.group}` : def.resource);
    if (!evaluator.handles(operation, request.subresource)) return;
    const namespace = request.object.metadata.namespace ?? '';
    // Almost every write has no quota to check: answered without a query.
    if (!(await this.quotas.list(request.cluster, namespace)).length) return;
    await this.inNamespaceQueue(`${request.cluster}/${namespace}`, () => this.charge(request, evaluator, namespace));
  }

  private async inNamespaceQueue<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.namespaceQueues.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    this.namespaceQueues.set(key, next);
    try {
      return await next;
    } finally {
      if (this.namespaceQueues.get(key) === next) this.namespaceQueues.delete(key);
    }
  }

  private async charge(request: Readonly<AdmissionRequest>, evaluator: ReturnType<typeof quotaEvaluatorFor>, namespace: string): Promise<void> {
    const { def, object } = request;
    const name = object.metadata.name || object.metadata.generateName || 'Unknown';
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      const quotas = (await this.store.list({ cluster: request.cluster, resource: 'resourcequotas', namespace })).items as (KubeObject & QuotaObject)[];
      let charges: QuotaCharge[];
      try {
        charges = checkQuotaRequest({ evaluator, operation: request.operation as 'CREATE' | 'UPDATE', subresource: request.subresource, object, old: request.old, quotas, now: this.now() });
      } catch (error) {
        if (error instanceof QuotaRefusal) throw StatusError.forbidden({ group: def.group, resource: def.resource }, name, error.message);
        throw error;
      }
      // A dry run is checked as the real write would be, but charges nothing.
      if (request.dryRun || (await this.writeCharges(request.cluster, charges))) return;
    }
    throw StatusError.conflict({ group: '', resource: 'resourcequotas' }, namespace, 'too many concurrent updates; please try again');
  }

  /** Writes each charged quota under its resourceVersion; false when one moved (the caller re-reads). */
  private async writeCharges(cluster: string, charges: QuotaCharge[]): Promise<boolean> {
    for (const { quota, used } of charges) {
      const stored = quota as KubeObject & QuotaObject;
      const key = { cluster, resource: 'resourcequotas', namespace: stored.metadata.namespace ?? '', name: stored.metadata.name ?? '' };
      try {
        await this.store.update(key, { ...stored, status: { ...stored.status, used } }, { expectedRevision: Number(stored.metadata.resourceVersion) });
      } catch (error) {
        if (error instanceof StoreError && (error.code === 'Conflict' || error.code === 'NotFound')) return false;
        throw error;
      }
    }
    return true;
  }
}
