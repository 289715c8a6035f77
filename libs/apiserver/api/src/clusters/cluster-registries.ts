import { ResourceDefinition, ResourceRegistry } from '@drydock/registry';
import { OpenApiService } from '../discovery/openapi.service';
import { DEFAULT_CLUSTER } from './cluster-path';

const drydockGroup = 'drydock.dev';

/**
 * The resources each logical cluster serves: the built-in ones everywhere, and each cluster's own CRDs in
 * that cluster only. A cluster without CRDs shares one registry (and its cached OpenAPI documents) with
 * every other such cluster, so an idle sandbox costs no copy of the table; its first CRD gives it its own.
 * Drydock's own group (users, teams, clusters) is served in the default cluster only: identities and the
 * sandboxes themselves live there.
 */
export class ClusterRegistries {
  private readonly shared: ResourceRegistry;
  private readonly own = new Map<string, { registry: ResourceRegistry; sources: Set<string> }>();
  private readonly openapi = new WeakMap<ResourceRegistry, OpenApiService>();
  private readonly sandboxBuiltins: ResourceDefinition[];

  constructor(builtins: ResourceDefinition[]) {
    this.sandboxBuiltins = builtins.filter((def) => def.group !== drydockGroup);
    this.shared = new ResourceRegistry(this.sandboxBuiltins);
    this.own.set(DEFAULT_CLUSTER, { registry: new ResourceRegistry(builtins), sources: new Set() });
  }

  /** The registry of the default cluster (the one at `/`), which always has its own. */
  get defaultRegistry(): ResourceRegistry {
    return this.own.get(DEFAULT_CLUSTER)!.registry;
  }

  registry(cluster: string): ResourceRegistry {
    return this.own.get(cluster)?.registry ?? this.shared;
  }

  openApi(cluster: string): OpenApiService {
    const registry = this.registry(cluster);
    let service = this.openapi.get(registry);
    if (!service) this.openapi.set(registry, (service = new OpenApiService(registry)));
    return service;
  }

  /** Registers (or with no definitions removes) what one source, e.g. `crd:widgets.example.com`, adds to one cluster. */
  replaceSource(cluster: string, source: string, definitions: ResourceDefinition[]): void {
    let entry = this.own.get(cluster);
    if (!entry) {
      if (definitions.length === 0) return;
      entry = { registry: new ResourceRegistry(this.sandboxBuiltins), sources: new Set() };
      this.own.set(cluster, entry);
    }
    entry.registry.replaceSource(source, definitions);
    if (definitions.length) entry.sources.add(source);
    else entry.sources.delete(source);
    if (entry.sources.size === 0 && cluster !== DEFAULT_CLUSTER) this.own.delete(cluster);
  }

  /** Forgets a deleted cluster's own resources. */
  forget(cluster: string): void {
    if (cluster !== DEFAULT_CLUSTER) this.own.delete(cluster);
  }
}
