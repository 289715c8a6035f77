import type { Logger } from 'pino';
import type { KubeObject } from '@drydock/util';
import { StatusError } from '@drydock/util';
import type { ObjectStore } from '@drydock/storage';
import { ResourceDefinition, ResourceRegistry, qualifiedResource } from '@drydock/registry';
import type { GenericStore } from '../rest/generic-store';
import type { WriteParams } from '../rest/request-context';
import { ContentTotals, NamespaceCondition, namespaceDeletionConditions } from './namespace-conditions';

const systemWrite: WriteParams = { dryRun: false, fieldManager: 'namespace-controller', fieldValidation: 'Ignore' };
/** Upstream's finalizerEstimateSeconds: how long to wait before looking again at content held by finalizers. */
const finalizerEstimateSeconds = 5;
const maxRetrySeconds = 15;

/** `resource.group` as upstream's namespace conditions print it (`pods.` for the core group). */
const conditionName = (def: ResourceDefinition) => `${def.resource}.${def.group}`;

/**
 * Upstream's namespace deleter (pkg/controller/namespace/deletion), run beside the API server: empties a
 * terminating namespace through the API's delete path (so the content's own finalizers and pods' grace
 * periods are honoured), pods first (OrderedNamespaceDeletion), keeps the namespace's deletion
 * conditions up to date, looks again while content remains, and once it is gone drops the `kubernetes`
 * finalizer through namespaces/NAME/finalize. Idempotent: any number of passes may run for a namespace.
 */
export class NamespaceFinalizer {
  private readonly running = new Set<string>();
  private readonly retries = new Map<string, NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly store: ObjectStore,
    private readonly generic: GenericStore,
    private readonly registries: { registry(cluster: string): ResourceRegistry },
    private readonly logger: Logger,
  ) {}

  onNamespace(namespace: KubeObject, cluster: string): void {
    const name = namespace.metadata.name!;
    const id = `${cluster}/${name}`;
    if (this.stopped || !namespace.metadata.deletionTimestamp || this.running.has(id)) return;
    clearTimeout(this.retries.get(id));
    this.retries.delete(id);
    this.running.add(id);
    this.sync(cluster, name)
      .then((retrySeconds) => this.retryAfter(id, namespace, cluster, retrySeconds))
      .catch((error) => {
        this.logger.warn({ err: error, namespace: name }, 'namespace finalization failed; will retry');
        this.retryAfter(id, namespace, cluster, maxRetrySeconds);
      })
      .finally(() => this.running.delete(id));
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.retries.values()) clearTimeout(timer);
    this.retries.clear();
  }

  private retryAfter(id: string, namespace: KubeObject, cluster: string, seconds: number | undefined): void {
    if (seconds === undefined || this.stopped) return;
    const timer = setTimeout(() => {
      this.retries.delete(id);
      this.onNamespace(namespace, cluster);
    }, Math.min(Math.max(seconds, 1), maxRetrySeconds) * 1000);
    timer.unref();
    this.retries.set(id, timer);
  }

  /** One pass; returns seconds to wait before the next one while content remains, undefined when done. */
  async sync(cluster: string, namespace: string): Promise<number | undefined> {
    const namespaces = this.namespaceDefinition(cluster);
    const current = await this.store.get({ cluster, resource: 'namespaces', namespace: '', name: namespace });
    if (!current?.metadata.deletionTimestamp) return undefined;
    if (!((current.spec as { finalizers?: string[] } | undefined)?.finalizers ?? []).includes('kubernetes')) return undefined;
    const totals: ContentTotals = { remaining: new Map(), finalizers: new Map(), deleteErrors: [] };
    const [pods, others] = this.contentDefinitions(cluster);
    let estimate = 0;
    for (const def of pods ? [pods] : []) estimate = Math.max(estimate, await this.deleteContent(def, cluster, namespace, totals));
    if (totals.remaining.size === 0) {
      for (const def of others) estimate = Math.max(estimate, await this.deleteContent(def, cluster, namespace, totals));
    }
    await this.updateConditions(namespaces, cluster, namespace, totals);
    if (totals.remaining.size > 0 || totals.deleteErrors.length > 0) return Math.max(estimate, 1);
    await this.release(namespaces, cluster, namespace);
    this.logger.info({ namespace, cluster }, 'namespace finalized');
    return undefined;
  }

  private namespaceDefinition(cluster: string): ResourceDefinition {
    return this.registries.registry(cluster).all().find((def) => def.group === '' && def.resource === 'namespaces')!;
  }

  /** Namespaced resources that can be listed and deleted, one version each; pods apart (they go first). */
  private contentDefinitions(cluster: string): [ResourceDefinition | undefined, ResourceDefinition[]] {
    const seen = new Set<string>();
    const defs: ResourceDefinition[] = [];
    for (const def of this.registries.registry(cluster).all()) {
      const verbs = def.verbs ?? ['list', 'delete'];
      if (!def.namespaced || def.review || def.computed || !verbs.includes('list') || !verbs.includes('delete')) continue;
      if (seen.has(qualifiedResource(def))) continue;
      seen.add(qualifiedResource(def));
      defs.push(def);
    }
    const isPods = (def: ResourceDefinition) => def.group === '' && def.resource === 'pods';
    return [defs.find(isPods), defs.filter((def) => !isPods(def))];
  }

  /**
   * Upstream's deleteAllContentForGroupVersionResource: delete every object (background propagation),
   * then count what remains and the finalizers it carries. Returns the seconds to wait for it.
   */
  private async deleteContent(def: ResourceDefinition, cluster: string, namespace: string, totals: ContentTotals): Promise<number> {
    const resource = qualifiedResource(def);
    for (const item of await this.listAll(cluster, resource, namespace)) {
      try {
        await this.generic.delete(def, cluster, namespace, item.metadata.name!, { dryRun: false, propagationPolicy: 'Background' });
      } catch (error) {
        if (error instanceof StatusError && error.code === 404) continue;
        totals.deleteErrors.push(error instanceof Error ? error.message : String(error));
        break;
      }
    }
    const remaining = await this.listAll(cluster, resource, namespace);
    if (remaining.length === 0) return 0;
    totals.remaining.set(conditionName(def), remaining.length);
    let estimate = 0;
    for (const item of remaining) {
      for (const finalizer of item.metadata.finalizers ?? []) totals.finalizers.set(finalizer, (totals.finalizers.get(finalizer) ?? 0) + 1);
      const ends = item.metadata.deletionTimestamp ? (Date.parse(item.metadata.deletionTimestamp) - Date.now()) / 1000 : 0;
      estimate = Math.max(estimate, item.metadata.finalizers?.length ? finalizerEstimateSeconds : Math.ceil(ends));
    }
    return estimate;
  }

  private async listAll(cluster: string, resource: string, namespace: string): Promise<KubeObject[]> {
    const items: KubeObject[] = [];
    let after: { namespace: string; name: string } | undefined;
    do {
      const page = await this.store.list({ cluster, resource, namespace }, { limit: 500, after });
      items.push(...page.items);
      after = page.next;
    } while (after);
    return items;
  }

  private async updateConditions(def: ResourceDefinition, cluster: string, name: string, totals: ContentTotals): Promise<void> {
    const current = await this.store.get({ cluster, resource: 'namespaces', namespace: '', name });
    const conditions = ((current?.status as { conditions?: NamespaceCondition[] } | undefined)?.conditions ?? []);
    if (!current || !namespaceDeletionConditions(conditions, totals)) return;
    await this.generic.update(def, cluster, '', name, systemWrite, (latest) => {
      const status = (latest!.status ?? {}) as { conditions?: NamespaceCondition[] };
      const next = namespaceDeletionConditions(status.conditions ?? [], totals) ?? status.conditions;
      return { ...latest!, status: { ...status, conditions: next } };
    }, { subresource: 'status' });
  }

  /** namespaces/NAME/finalize without `kubernetes`; the namespace goes once no metadata.finalizers remain either. */
  private async release(def: ResourceDefinition, cluster: string, name: string): Promise<void> {
    await this.generic.update(def, cluster, '', name, systemWrite, (latest) => {
      const spec = (latest!.spec ?? {}) as { finalizers?: string[] };
      return { ...latest!, spec: { ...spec, finalizers: (spec.finalizers ?? []).filter((f) => f !== 'kubernetes') } };
    }, { subresource: 'finalize' });
  }
}
