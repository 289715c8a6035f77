import { clusterLimits } from '@drydock/registry';
import { StatusError, type KubeObject } from '@drydock/util';
import type { ObjectKey } from '@drydock/storage';
import type { AdmissionRequest, ValidatingAdmissionPlugin } from './admission';

/** What the plugin reads of the watch cache: the Cluster objects and each cluster's object counts. */
export interface ClusterCounts {
  cached(key: ObjectKey): KubeObject | undefined;
  count(cluster: string, resource?: string): number;
}

const defaultCluster = 'default';

/** `objects=1,pods=1`: names in order, as upstream's quota prettyPrint. */
function pretty(values: Record<string, number>): string {
  return Object.keys(values).sort().map((name) => `${name}=${values[name]}`).join(',');
}

/**
 * The limits of a sandbox cluster (`spec.limits` of its Cluster: objects of any kind, nodes, pods), so that one
 * sandbox cannot starve the machine: a create that would pass one is refused with 403 Forbidden in the shape of
 * upstream's ResourceQuota refusal (`exceeded cluster limits: lab, requested: pods=1, used: pods=500, limited:
 * pods=500`). Counted from the watch cache, which may trail the last few writes by milliseconds: a limit may be
 * passed by writes racing each other, never by much. The default cluster has no limits; a dry run is checked as
 * a write.
 */
export class ClusterLimitsAdmission implements ValidatingAdmissionPlugin {
  readonly name = 'ClusterLimits';

  constructor(private readonly cache: ClusterCounts) {}

  async validate(request: Readonly<AdmissionRequest>): Promise<void> {
    if (request.operation !== 'CREATE' || request.subresource || request.cluster === defaultCluster) return;
    const cluster = this.cache.cached({ cluster: defaultCluster, resource: 'clusters.drydock.dev', namespace: '', name: request.cluster });
    if (!cluster) return;
    const limits = clusterLimits(cluster.spec);
    const resource = request.def.group ? `${request.def.resource}.${request.def.group}` : request.def.resource;
    const checked: Record<string, { used: number; limited: number }> = { objects: { used: this.cache.count(request.cluster), limited: limits.objects } };
    if (resource === 'pods' || resource === 'nodes') checked[resource] = { used: this.cache.count(request.cluster, resource), limited: limits[resource] };
    const exceeded = Object.entries(checked).filter(([, { used, limited }]) => used + 1 > limited);
    if (!exceeded.length) return;
    const pick = (field: 'used' | 'limited' | 'requested') => Object.fromEntries(exceeded.map(([name, values]) => [name, field === 'requested' ? 1 : values[field]]));
    throw StatusError.forbidden(
      { group: request.def.group, resource: request.def.resource },
      request.object.metadata.name ?? '',
      `exceeded cluster limits: ${request.cluster}, requested: ${pretty(pick('requested'))}, used: ${pretty(pick('used'))}, limited: ${pretty(pick('limited'))}`,
    );
  }
}
