import { StatusError } from '@drydock/util';
import type { KubeObject } from '@drydock/util';
import type { CollectionKey, ObjectStore } from '@drydock/storage';

/** The watch cache's current objects (namespaces are looked up there first, as upstream's informer). */
export interface CachedObjects {
  snapshot(filter: CollectionKey): { items: KubeObject[] };
}
import type { AdmissionRequest, MutatingAdmissionPlugin, ValidatingAdmissionPlugin } from './admission';

const immortalNamespaces = new Set(['default', 'kube-system', 'kube-public']);

/**
 * Upstream's NamespaceLifecycle: no new objects in a missing or terminating namespace, and the
 * system namespaces cannot be deleted. It only refuses, but upstream runs it as the first mutating
 * plugin (its Admit), so a create in a terminating namespace is refused for that before the
 * ServiceAccount plugin could refuse it for the namespace's missing `default` ServiceAccount; it runs
 * again among the validating ones, which are all a DELETE goes through.
 */
export class NamespaceLifecycleAdmission implements MutatingAdmissionPlugin, ValidatingAdmissionPlugin {
  readonly name = 'NamespaceLifecycle';

  constructor(
    private readonly store: ObjectStore,
    private readonly cache: CachedObjects,
  ) {}

  /** From the cache, else (a namespace created a moment ago) from the store. */
  private async namespace(cluster: string, name: string): Promise<KubeObject | null> {
    const cached = this.cache.snapshot({ cluster, resource: 'namespaces' }).items.find((n) => n.metadata.name === name);
    return cached ?? (await this.store.get({ cluster, resource: 'namespaces', namespace: '', name }));
  }

  admit(request: AdmissionRequest): Promise<void> {
    return this.validate(request);
  }

  async validate(request: Readonly<AdmissionRequest>): Promise<void> {
    if (request.def.group === '' && request.def.resource === 'namespaces') {
      if (request.operation === 'DELETE' && immortalNamespaces.has(request.object.metadata.name ?? '')) {
        throw StatusError.forbidden({ group: '', resource: 'namespaces' }, request.object.metadata.name!, 'this namespace may not be deleted');
      }
      return;
    }
    if (request.operation !== 'CREATE' || !request.def.namespaced) return;
    const namespace = request.object.metadata.namespace ?? '';
    const stored = await this.namespace(request.cluster, namespace);
    if (!stored) throw StatusError.notFound({ group: '', resource: 'namespaces' }, namespace);
    if (stored.metadata.deletionTimestamp || (stored.status as { phase?: string } | undefined)?.phase === 'Terminating') {
      const error = StatusError.forbidden(
        { group: request.def.group, resource: request.def.resource },
        request.object.metadata.name ?? '',
        `unable to create new content in namespace ${namespace} because it is being terminated`,
      );
      throw Object.assign(error, { details: { ...error.details, causes: [{ reason: 'NamespaceTerminating', message: `namespace ${namespace} is being terminated`, field: 'metadata.namespace' }] } });
    }
  }
}
