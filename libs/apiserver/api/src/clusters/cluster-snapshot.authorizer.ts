import type { KubeObject } from '@drydock/util';
import type { ObjectKey } from '@drydock/storage';
import type { UserInfo } from '../rest/request-context';
import type { Authorizer, AuthorizationAttributes, Decision, UserRules } from '../pipeline/authorization';
import { DEFAULT_CLUSTER } from './cluster-path';

const drydockGroup = 'drydock.dev';
const readVerbs = new Set(['get', 'list', 'watch']);
const noOpinion: Decision = { allowed: false, reason: '' };

/**
 * Who may read a ClusterSnapshot: whoever may `snapshot` the cluster it copies (its owners' admins, through their
 * `drydock:cluster-owner:<cluster>` ClusterRole; cluster-admin through its wildcard), since RBAC cannot name the
 * snapshots of one cluster. As upstream's Node authorizer decides from the objects a request names (a kubelet reads
 * the secrets of its pods) and, with AuthorizeNodeWithSelectors, lets a kubelet list and watch pods only with the
 * field selector `spec.nodeName=<node>`:
 * - `get` or `watch` of one snapshot (by name, or a list or watch selecting `metadata.name`): allowed when the user
 *   may snapshot its `spec.cluster`. The snapshot is looked up in the watch cache, which may trail a create by
 *   milliseconds; one not (yet) there gets no opinion (RBAC then decides: Forbidden for an owner, never a name).
 * - `list` or `watch` of the collection with the field selector `spec.cluster=<cluster>`: allowed when the user may
 *   snapshot that cluster; the list is then of that cluster's snapshots only.
 * A list without that selector is RBAC's alone: an owner's is Forbidden, so no other team's snapshot name leaks.
 * No opinion on anything else.
 */
export class ClusterSnapshotAuthorizer implements Authorizer {
  constructor(
    private readonly rbac: Authorizer,
    private readonly cache: { cached(key: ObjectKey): KubeObject | undefined },
  ) {}

  authorize(user: UserInfo, attributes: AuthorizationAttributes): Decision {
    const { cluster, group, resource, subresource, verb } = attributes;
    if (cluster !== DEFAULT_CLUSTER || group !== drydockGroup || resource !== 'clustersnapshots' || subresource || !readVerbs.has(verb)) return noOpinion;
    const copied = attributes.name ? this.clusterOf(attributes.name) : selectedCluster(attributes);
    if (!copied) return noOpinion;
    const snapshot: AuthorizationAttributes = { cluster: DEFAULT_CLUSTER, verb: 'snapshot', group: drydockGroup, version: '', namespace: '', resource: 'clusters', subresource: '', name: copied };
    return this.rbac.authorize(user, snapshot).allowed ? { allowed: true, reason: '' } : noOpinion;
  }

  /** Its rights follow objects, not rules: SelfSubjectRulesReview shows none (as for the Node authorizer's graph). */
  rulesFor(): UserRules {
    return { rules: [], incomplete: false };
  }

  private clusterOf(name: string): string | undefined {
    const snapshot = this.cache.cached({ cluster: DEFAULT_CLUSTER, resource: 'clustersnapshots.drydock.dev', namespace: '', name });
    const copied = (snapshot?.spec as { cluster?: unknown } | undefined)?.cluster;
    return typeof copied === 'string' && copied ? copied : undefined;
  }
}

/** The cluster a list or watch selects with `spec.cluster=<name>`, if it does. */
function selectedCluster(attributes: AuthorizationAttributes): string | undefined {
  if (attributes.verb === 'get') return undefined;
  return attributes.fieldSelector?.find((requirement) => requirement.field === 'spec.cluster')?.value || undefined;
}
