import { clusterOwner } from '@drydock/registry';
import { StatusError, type KubeObject } from '@drydock/util';
import type { CollectionKey } from '@drydock/storage';
import type { AdmissionRequest, ValidatingAdmissionPlugin } from './admission';

/** What the plugin reads of the watch cache: the Cluster objects of the default cluster. */
export interface ClusterObjects {
  snapshot(filter: CollectionKey): { items: KubeObject[] };
}

const clusters: CollectionKey = { cluster: 'default', resource: 'clusters.drydock.dev' };
/** Upstream's object-count quota name for the kind (`count/<resource>.<group>`). */
const countName = 'count/clusters.drydock.dev';

/**
 * How many sandbox clusters one owner (a team or a user) may have: a Cluster created for an owner who already has
 * `limit` (or moved to one by an update of `spec.owner`) is refused with 403 Forbidden in upstream's ResourceQuota
 * wording, the owner as the quota's name (`exceeded quota: team/blue, requested: count/clusters.drydock.dev=1,
 * used: count/clusters.drydock.dev=3, limited: count/clusters.drydock.dev=3`). Every Cluster of the owner counts
 * until it is gone, one being deleted too, as a quota counts an object until it is removed. Counted from the watch
 * cache, which may trail the last few writes by milliseconds: creates racing each other may pass the limit by a few,
 * as ClusterLimits. `limit` 0: no limit. A dry run is checked as a write.
 */
export class ClusterOwnerQuotaAdmission implements ValidatingAdmissionPlugin {
  readonly name = 'ClusterOwnerQuota';

  constructor(
    private readonly cache: ClusterObjects,
    private readonly limit: number,
  ) {}

  async validate(request: Readonly<AdmissionRequest>): Promise<void> {
    if (!this.limit || request.subresource || request.cluster !== clusters.cluster || request.def.group !== 'drydock.dev' || request.def.resource !== 'clusters') return;
    const owner = clusterOwner(request.object);
    if (request.operation === 'UPDATE' ? !request.old || clusterOwner(request.old) === owner : request.operation !== 'CREATE') return;
    const name = request.object.metadata.name ?? '';
    const used = this.cache.snapshot(clusters).items.filter((cluster) => cluster.metadata.name !== name && clusterOwner(cluster) === owner).length;
    if (used + 1 <= this.limit) return;
    throw StatusError.forbidden(
      { group: request.def.group, resource: request.def.resource },
      name,
      `exceeded quota: ${owner}, requested: ${countName}=1, used: ${countName}=${used}, limited: ${countName}=${this.limit}`,
    );
  }
}
