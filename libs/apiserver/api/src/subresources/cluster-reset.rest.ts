import type { SubresourceCall, SubresourceReply, SubresourceRest } from '@drydock/registry';
import type { GenericStore } from '../rest/generic-store';
import { created } from './pod-eviction.rest';

/** The sandbox clusters (clusters/sandbox-clusters.ts), bound once the API server has built them. */
export interface ClusterLifecycle {
  reset(name: string): Promise<void>;
  /** The cluster back to one of its ClusterSnapshots. */
  restore(name: string, snapshot: string): Promise<void>;
  /** The sandbox clusters a user may enter, by name. */
  reachableBy(user: { name: string; groups: string[] }): string[];
}

/**
 * `POST /apis/drydock.dev/v1/clusters/NAME/reset` (empty body): the cluster back to a fresh one (its objects
 * gone, its watches ended with 410, its namespaces, bootstrap RBAC and owner bindings made again). Answers
 * 201 with a Success Status once the fresh cluster is bootstrapped, as an eviction answers; 404 for an unknown
 * cluster, 409 while another reset or the deletion runs.
 */
export class ClusterResetRest implements SubresourceRest {
  readonly acceptsEmptyBody = true;

  constructor(
    private readonly generic: GenericStore,
    private readonly lifecycle: () => ClusterLifecycle | undefined,
  ) {}

  async create(call: SubresourceCall): Promise<SubresourceReply> {
    await this.generic.get(call.def, call.cluster, '', call.name);
    const lifecycle = this.lifecycle();
    if (!lifecycle) throw new Error('sandbox clusters are not served by this API server');
    await lifecycle.reset(call.name);
    return created();
  }
}
