import { ResourceDefinition } from './resource.types';

/** A group with its versions in preference order (the first is preferred). */
export interface GroupVersions {
  group: string;
  versions: string[];
}

/** Key for lookups by group, version and plural resource. */
function gvrKey(group: string, version: string, resource: string): string {
  return `${group}/${version}/${resource}`;
}

/**
 * The one table of served resources. Discovery, OpenAPI, routing and printing read it; CRDs add
 * and remove their definitions at run time (`replaceSource`), so readers must not cache lookups.
 */
export class ResourceRegistry {
  private readonly sources = new Map<string, ResourceDefinition[]>();
  private byGvr = new Map<string, ResourceDefinition>();
  private ordered: ResourceDefinition[] = [];
  private generation = 0;

  constructor(builtins: ResourceDefinition[] = []) {
    this.replaceSource('builtin', builtins);
  }

  /** Registers (or replaces) the definitions contributed by one source, e.g. `crd:widgets.example.com`. */
  replaceSource(source: string, definitions: ResourceDefinition[]): void {
    if (definitions.length === 0) this.sources.delete(source);
    else this.sources.set(source, definitions);
    this.rebuild();
  }

  /** Increases whenever the set of resources changes (for discovery and OpenAPI caches). */
  get version(): number {
    return this.generation;
  }

  all(): ResourceDefinition[] {
    return this.ordered;
  }

  lookup(group: string, version: string, resource: string): ResourceDefinition | undefined {
    return this.byGvr.get(gvrKey(group, version, resource));
  }

  /** Groups in discovery order: core first, then the built-in order, then CRD groups alphabetically. */
  groups(): GroupVersions[] {
    const result = new Map<string, string[]>();
    for (const def of this.ordered) {
      const versions = result.get(def.group) ?? [];
      if (!versions.includes(def.version)) versions.push(def.version);
      result.set(def.group, versions);
    }
    return [...result].map(([group, versions]) => ({ group, versions: sortVersions(versions) }));
  }

  inGroupVersion(group: string, version: string): ResourceDefinition[] {
    return this.ordered.filter((d) => d.group === group && d.version === version);
  }

  /** The definition for a kind in its group's preferred version (for kinds sent to the wrong URL). */
  byKind(group: string, version: string, kind: string): ResourceDefinition | undefined {
    return this.ordered.find((d) => d.group === group && d.version === version && d.kind === kind);
  }

  private rebuild(): void {
    const builtin = this.sources.get('builtin') ?? [];
    const others = [...this.sources].filter(([name]) => name !== 'builtin').sort(([a], [b]) => a.localeCompare(b)).flatMap(([, defs]) => defs);
    this.ordered = [...builtin, ...others];
    this.byGvr = new Map(this.ordered.map((d) => [gvrKey(d.group, d.version, d.resource), d]));
    this.generation++;
  }
}

/** Kubernetes version priority: GA > beta > alpha, higher numbers first (as apimachinery's CompareKubeAwareVersionStrings). */
export function sortVersions(versions: string[]): string[] {
  const rank = (v: string): [number, number, number] => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return [3, 0, 0];
    const stage = m[2] === 'alpha' ? 2 : m[2] === 'beta' ? 1 : 0;
    return [stage, -Number(m[1]), -Number(m[3] ?? 0)];
  };
  return [...versions].sort((a, b) => {
    const [ra, rb] = [rank(a), rank(b)];
    return ra[0] - rb[0] || ra[1] - rb[1] || ra[2] - rb[2] || a.localeCompare(b);
  });
}

/** `deployments.apps`, `pods`: the store's resource key and the error messages' qualified name. */
export function qualifiedResource(def: Pick<ResourceDefinition, 'group' | 'resource'>): string {
  return def.group ? `${def.resource}.${def.group}` : def.resource;
}

export function apiVersionOf(def: Pick<ResourceDefinition, 'group' | 'version'>): string {
  return def.group ? `${def.group}/${def.version}` : def.version;
}
