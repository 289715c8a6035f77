import { ResourceDefinition, ResourceRegistry, allVerbs } from '@drydock/registry';

const subresourceVerbs = ['get', 'patch', 'update'];

interface SubresourceEntry {
  name: string;
  group?: string;
  version?: string;
  kind: string;
  verbs: string[];
}

function subresourcesOf(def: ResourceDefinition): SubresourceEntry[] {
  const entries: SubresourceEntry[] = [];
  if (def.subresources?.scale) entries.push({ name: 'scale', group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: subresourceVerbs });
  if (def.subresources?.status) entries.push({ name: 'status', kind: def.kind, verbs: subresourceVerbs });
  for (const { name, group, version, kind, verbs } of def.subresources?.extra ?? []) entries.push({ name, group, version, kind, verbs });
  return entries.sort((a, b) => a.name.localeCompare(b.name));
}

function resourceEntry(def: ResourceDefinition): Record<string, unknown> {
  const entry: Record<string, unknown> = { name: def.resource, singularName: def.singular, namespaced: def.namespaced, kind: def.kind, verbs: def.verbs ?? allVerbs };
  if (def.shortNames?.length) entry.shortNames = def.shortNames;
  if (def.categories?.length) entry.categories = def.categories;
  return entry;
}

/** `GET /api/v1`, `GET /apis/<g>/<v>`: the legacy APIResourceList. */
export function apiResourceList(registry: ResourceRegistry, group: string, version: string): Record<string, unknown> | undefined {
  const defs = registry.inGroupVersion(group, version);
  if (defs.length === 0) return undefined;
  const resources: Record<string, unknown>[] = [];
  for (const def of defs) {
    resources.push(resourceEntry(def));
    for (const sub of subresourcesOf(def)) {
      const entry: Record<string, unknown> = { name: `${def.resource}/${sub.name}`, singularName: def.singular, namespaced: def.namespaced, kind: sub.kind, verbs: sub.verbs };
      if (sub.group !== undefined) entry.group = sub.group;
      if (sub.version !== undefined) entry.version = sub.version;
      resources.push(entry);
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources };
}

/** `GET /api` (legacy): APIVersions. */
export function apiVersions(serverAddress: string): Record<string, unknown> {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

function groupEntry(group: string, versions: string[]): Record<string, unknown> {
  const entries = versions.map((version) => ({ groupVersion: `${group}/${version}`, version }));
  return { name: group, versions: entries, preferredVersion: entries[0] };
}

/** `GET /apis` (legacy): APIGroupList of every non-core group. */
export function apiGroupList(registry: ResourceRegistry): Record<string, unknown> {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: registry.groups().filter((g) => g.group !== '').map((g) => groupEntry(g.group, g.versions)) };
}

/** `GET /apis/<g>`: one APIGroup. */
export function apiGroup(registry: ResourceRegistry, group: string): Record<string, unknown> | undefined {
  const found = registry.groups().find((g) => g.group === group && group !== '');
  return found && { kind: 'APIGroup', apiVersion: 'v1', ...groupEntry(found.group, found.versions) };
}

function discoveryResource(def: ResourceDefinition): Record<string, unknown> {
  const entry: Record<string, unknown> = {
    resource: def.resource,
    responseKind: { group: def.group, version: def.version, kind: def.kind },
    scope: def.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: def.singular,
    verbs: def.verbs ?? allVerbs,
  };
  if (def.shortNames?.length) entry.shortNames = def.shortNames;
  if (def.categories?.length) entry.categories = def.categories;
  const subs = subresourcesOf(def).map((s) => ({ subresource: s.name, responseKind: { group: s.group ?? def.group, version: s.version ?? def.version, kind: s.kind }, verbs: s.verbs }));
  if (subs.length) entry.subresources = subs;
  return entry;
}

/**
 * Aggregated discovery (apidiscovery.k8s.io/v2 APIGroupDiscoveryList): `/api` holds the core group
 * (name ""), `/apis` every other group with every version's resources.
 */
export function aggregatedDiscovery(registry: ResourceRegistry, core: boolean, apiVersion: 'v2' | 'v2beta1'): Record<string, unknown> {
  const groups = registry.groups().filter((g) => (g.group === '') === core);
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: `apidiscovery.k8s.io/${apiVersion}`,
    metadata: {},
    items: groups.map((g) => ({
      metadata: { name: g.group },
      versions: g.versions.map((version) => ({ version, freshness: 'Current', resources: registry.inGroupVersion(g.group, version).map(discoveryResource) })),
    })),
  };
}

export function aggregatedContentType(apiVersion: 'v2' | 'v2beta1'): string {
  return `application/json;g=apidiscovery.k8s.io;v=${apiVersion};as=APIGroupDiscoveryList`;
}

/** `GET /version`: a v1.35 server, with a semver gitVersion (helm checks kubeVersion against it). */
export function versionInfo(): Record<string, string> {
  return {
    major: '1',
    minor: '35',
    emulationMajor: '1',
    emulationMinor: '35',
    minCompatibilityMajor: '1',
    minCompatibilityMinor: '34',
    gitVersion: 'v1.35.0',
    gitCommit: 'drydock',
    gitTreeState: 'clean',
    buildDate: '2026-11-01T00:00:00Z',
    goVersion: 'go1.25.0',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}
