import type { KubeObject } from '@drydock/util';
import type { ChangeEvent } from '@drydock/storage';
import type { WatchSource } from '../../watch/watch-source';

export const rbacResources = {
  roles: 'roles.rbac.authorization.k8s.io',
  roleBindings: 'rolebindings.rbac.authorization.k8s.io',
  clusterRoles: 'clusterroles.rbac.authorization.k8s.io',
  clusterRoleBindings: 'clusterrolebindings.rbac.authorization.k8s.io',
} as const;

type RbacResource = keyof typeof rbacResources;

/** One resource's objects by namespace ('' for cluster-scoped), then name. */
class ByNamespace {
  private readonly namespaces = new Map<string, Map<string, KubeObject>>();

  apply(event: ChangeEvent): void {
    const { namespace, name } = event.key;
    let names = this.namespaces.get(namespace);
    if (event.type === 'DELETED') {
      names?.delete(name);
      if (names?.size === 0) this.namespaces.delete(namespace);
      return;
    }
    if (!names) this.namespaces.set(namespace, (names = new Map()));
    names.set(name, event.object);
  }

  get(namespace: string, name: string): KubeObject | undefined {
    return this.namespaces.get(namespace)?.get(name);
  }

  in(namespace: string): Iterable<KubeObject> {
    return this.namespaces.get(namespace)?.values() ?? [];
  }

  *all(): Iterable<KubeObject> {
    for (const names of this.namespaces.values()) yield* names.values();
  }
}

/** The Roles, ClusterRoles and their bindings of one logical cluster, kept current by the watch cache. */
export class ClusterPolicy {
  readonly objects: Record<RbacResource, ByNamespace> = { roles: new ByNamespace(), roleBindings: new ByNamespace(), clusterRoles: new ByNamespace(), clusterRoleBindings: new ByNamespace() };
  private readonly handles: { close(): void }[] = [];

  constructor(source: WatchSource, cluster: string, onLost: () => void) {
    for (const [field, resource] of Object.entries(rbacResources) as [RbacResource, string][]) {
      const filter = { cluster, resource };
      const snapshot = source.snapshot(filter);
      for (const object of snapshot.items) {
        const key = { cluster, resource, namespace: object.metadata.namespace ?? '', name: object.metadata.name ?? '' };
        this.objects[field].apply({ revision: snapshot.revision, type: 'ADDED', key, object });
      }
      const apply = (events: ChangeEvent[]) => events.forEach((event) => this.objects[field].apply(event));
      this.handles.push(source.watch(filter, snapshot.revision, apply, onLost));
    }
  }

  close(): void {
    this.handles.splice(0).forEach((handle) => handle.close());
  }
}

/**
 * The RBAC objects of every cluster in memory (upstream's RBAC authorizer reads informer listers, never
 * etcd): built from the watch cache's snapshot on a cluster's first request, then followed. A watch the
 * cache had to drop (it fell behind compaction) discards the cluster's copy; the next request rebuilds it.
 */
export class RbacIndex {
  private readonly clusters = new Map<string, ClusterPolicy>();

  constructor(private readonly source: WatchSource) {}

  policy(cluster: string): ClusterPolicy {
    const existing = this.clusters.get(cluster);
    if (existing) return existing;
    const policy: ClusterPolicy = new ClusterPolicy(this.source, cluster, () => {
      if (this.clusters.get(cluster) !== policy) return;
      policy.close();
      this.clusters.delete(cluster);
    });
    this.clusters.set(cluster, policy);
    return policy;
  }

  /** Drops a deleted cluster's copy (a later request for it would build an empty one). */
  forget(cluster: string): void {
    this.clusters.get(cluster)?.close();
    this.clusters.delete(cluster);
  }

  close(): void {
    for (const policy of this.clusters.values()) policy.close();
    this.clusters.clear();
  }
}
