import type { SubresourceCall, SubresourceReply, SubresourceRest } from '@drydock/registry';
import { StatusError, type KubeObject } from '@drydock/util';
import type { GenericStore } from '../rest/generic-store';
import type { ClusterLifecycle } from './cluster-reset.rest';
import { created } from './pod-eviction.rest';

/**
 * `POST /apis/drydock.dev/v1/clusters/NAME/restore` with `{"snapshot": "<name>"}`: the cluster back to one of
 * its ClusterSnapshots (its objects replaced by the snapshot's, its watches ended with 410 as after an etcd
 * restore). Answers 201 with a Success Status once the cluster is served again, as an eviction answers; 404 for
 * an unknown cluster, 422 for a snapshot that is not there or of another cluster, 409 while the snapshot is not
 * ready or another reset, restore or the deletion runs.
 */
export class ClusterRestoreRest implements SubresourceRest {
  constructor(
    private readonly generic: GenericStore,
    private readonly lifecycle: () => ClusterLifecycle | undefined,
  ) {}

  async create(call: SubresourceCall, body: KubeObject): Promise<SubresourceReply> {
    await this.generic.get(call.def, call.cluster, '', call.name);
    const snapshot = (body as { snapshot?: unknown }).snapshot;
    if (snapshot !== undefined && typeof snapshot !== 'string') throw StatusError.badRequest('snapshot: must be a string');
    const lifecycle = this.lifecycle();
    if (!lifecycle) throw new Error('sandbox clusters are not served by this API server');
    await lifecycle.restore(call.name, snapshot ?? '');
    return created();
  }
}
