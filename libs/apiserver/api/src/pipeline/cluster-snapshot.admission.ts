import type { KubeObject } from '@drydock/util';
import { StatusError } from '@drydock/util';
import type { ObjectKey } from '@drydock/storage';
import type { AdmissionRequest, ValidatingAdmissionPlugin } from './admission';
import type { Authorizer } from './authorization';
import { requestUser } from './rbac/request-user';

const drydockGroup = 'drydock.dev';
const defaultCluster = 'default';

/**
 * Who may copy a sandbox cluster's objects. A ClusterSnapshot names its cluster in its body, and so does a
 * clone (a Cluster with `spec.source.snapshot`, through the snapshot's cluster), so RBAC on the collection
 * cannot tell one cluster from another: the writer must also hold the special verb `snapshot` on
 * `clusters.drydock.dev` of that name, as upstream's RBAC storage asks for `bind` on the role a binding names.
 * The owners' `drydock:cluster-owner:<cluster>` ClusterRole grants it for their own cluster; cluster-admin
 * holds every verb. The API server's own writes (no request user) pass.
 */
export class ClusterSnapshotAdmission implements ValidatingAdmissionPlugin {
  readonly name = 'ClusterSnapshot';

  constructor(
    private readonly authorizer: Authorizer,
    private readonly cache: { cached(key: ObjectKey): KubeObject | undefined },
  ) {}

  async validate(request: Readonly<AdmissionRequest>): Promise<void> {
    if (request.operation !== 'CREATE' || request.subresource || request.cluster !== defaultCluster || request.def.group !== drydockGroup) return;
    const user = requestUser();
    if (!user) return;
    const copied = this.copiedCluster(request);
    if (!copied) return;
    const attributes = { cluster: defaultCluster, verb: 'snapshot', group: drydockGroup, version: '', namespace: '', resource: 'clusters', subresource: '', name: copied };
    if (this.authorizer.authorize(user, attributes).allowed) return;
    throw StatusError.forbidden({ group: drydockGroup, resource: request.def.resource }, request.object.metadata.name ?? '', `User "${user.name}" cannot snapshot resource "clusters" in API group "${drydockGroup}" at the cluster scope: "${copied}"`);
  }

  /** The cluster whose objects the new object copies; undefined when none (validation reports a missing field). */
  private copiedCluster(request: Readonly<AdmissionRequest>): string | undefined {
    const spec = (request.object.spec ?? {}) as { cluster?: unknown; source?: { snapshot?: unknown } };
    if (request.def.resource === 'clustersnapshots') return typeof spec.cluster === 'string' ? spec.cluster : undefined;
    if (request.def.resource !== 'clusters' || typeof spec.source?.snapshot !== 'string') return undefined;
    const snapshot = this.cache.cached({ cluster: defaultCluster, resource: 'clustersnapshots.drydock.dev', namespace: '', name: spec.source.snapshot });
    const cluster = (snapshot?.spec as { cluster?: unknown } | undefined)?.cluster;
    return typeof cluster === 'string' ? cluster : undefined;
  }
}
