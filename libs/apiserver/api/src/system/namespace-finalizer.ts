import type { Logger } from 'pino';
import type { KubeObject } from '@drydock/util';
import { StatusError } from '@drydock/util';
import type { ObjectStore } from '@drydock/storage';
import { ResourceRegistry, qualifiedResource } from '@drydock/registry';

/**
 * Empties a terminating namespace and then removes it (upstream's namespace controller does this in
 * kube-controller-manager; Drydock runs it beside the API server until its controller-manager exists).
 * Idempotent: `finalize(name)` may run any number of times for the same namespace.
 */
export class NamespaceFinalizer {
  private readonly running = new Set<string>();

  constructor(
    private readonly store: ObjectStore,
    private readonly registries: { registry(cluster: string): ResourceRegistry },
    private readonly logger: Logger,
  ) {}

  onNamespace(namespace: KubeObject, cluster: string): void {
    const name = namespace.metadata.name!;
    if (!namespace.metadata.deletionTimestamp || this.running.has(`${cluster}/${name}`)) return;
    this.running.add(`${cluster}/${name}`);
    this.finalize(cluster, name)
      .catch((error) => this.logger.warn({ err: error, namespace: name }, 'namespace finalization failed; will retry on the next change'))
      .finally(() => this.running.delete(`${cluster}/${name}`));
  }

  private async finalize(cluster: string, namespace: string): Promise<void> {
    const seen = new Set<string>();
    for (const def of this.registries.registry(cluster).all()) {
      const resource = qualifiedResource(def);
      if (!def.namespaced || seen.has(resource)) continue;
      seen.add(resource);
      for (;;) {
        const page = await this.store.list({ cluster, resource, namespace }, { limit: 500 });
        if (page.items.length === 0) break;
        for (const item of page.items) await this.removeQuietly({ cluster, resource, namespace, name: item.metadata.name! });
        if (!page.next) break;
      }
    }
    await this.release(cluster, namespace);
    this.logger.info({ namespace }, 'namespace finalized');
  }

  /** Drops the `kubernetes` finalizer; the namespace goes once no metadata.finalizers remain either. */
  private async release(cluster: string, name: string): Promise<void> {
    const key = { cluster, resource: 'namespaces', namespace: '', name };
    const current = await this.store.get(key);
    if (!current) return;
    if (current.metadata.finalizers?.length) {
      const spec = { ...(current.spec as object), finalizers: [] };
      await this.store.update(key, { ...current, spec }, { expectedRevision: Number(current.metadata.resourceVersion) });
      return;
    }
    await this.removeQuietly(key);
  }

  private async removeQuietly(key: { cluster: string; resource: string; namespace: string; name: string }): Promise<void> {
    try {
      await this.store.delete(key);
    } catch (error) {
      if (!(error instanceof StatusError) && (error as { code?: string }).code !== 'NotFound') throw error;
    }
  }
}
