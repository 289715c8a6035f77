import type { ObjectStore } from '@drydock/storage';
import { Admission } from './admission';
import { ClusterCounts, ClusterLimitsAdmission } from './cluster-limits.admission';
import { ClusterObjects, ClusterOwnerQuotaAdmission } from './cluster-owner-quota.admission';
import { ClusterSnapshotAdmission } from './cluster-snapshot.admission';
import { DefaultStorageClassAdmission } from './default-storage-class.admission';
import { LimitRangerAdmission } from './limit-ranger.admission';
import { CachedObjects, NamespaceLifecycleAdmission } from './namespace-lifecycle.admission';
import { PodDefaultsAdmission } from './pod-defaults.admission';
import { ResourceQuotaAdmission } from './resource-quota.admission';
import { ServiceAccountAdmission } from './service-account.admission';
import { ServiceIpAdmission } from './service-ip.admission';
import type { Authorizer } from './authorization';
import { RbacEscalationAdmission } from './rbac/escalation.admission';
import { NodeRestrictionAdmission } from './node/node-restriction.admission';
import type { RbacAuthorizer } from './rbac/rbac.authorizer';

/**
 * The one ordered list of admission plugins (upstream's AllOrderedPlugins). New stages go here and
 * nowhere else: NamespaceLifecycle first, ServiceAccount and LimitRanger among the mutating ones (before the pod defaults),
 * ResourceQuota last among the validating ones, as upstream orders them; a sandbox cluster's limits
 * (ClusterLimits) after it, as a quota over the whole cluster. ClusterSnapshot asks for `snapshot` on the cluster a
 * ClusterSnapshot or a clone copies, as RBACEscalation asks for `bind`; ClusterOwnerQuota counts each owner's
 * Clusters against `maxClustersPerOwner` (0: no limit).
 */
export function admissionPlugins(store: ObjectStore, cache: CachedObjects & ClusterCounts & ClusterObjects, authorization: { authorizer: Authorizer; rbac: RbacAuthorizer }, limits: { maxClustersPerOwner: number } = { maxClustersPerOwner: 0 }): Admission {
  const limitRanger = new LimitRangerAdmission(store, cache);
  const serviceAccount = new ServiceAccountAdmission(store, cache);
  const namespaceLifecycle = new NamespaceLifecycleAdmission(store, cache);
  return new Admission(
    [namespaceLifecycle, limitRanger, serviceAccount, new PodDefaultsAdmission(store, cache), new ServiceIpAdmission(store), new DefaultStorageClassAdmission(store)],
    [namespaceLifecycle, new NodeRestrictionAdmission(), new RbacEscalationAdmission(authorization.authorizer, authorization.rbac), new ClusterSnapshotAdmission(authorization.authorizer, cache), limitRanger, serviceAccount, new ResourceQuotaAdmission(store, cache), new ClusterOwnerQuotaAdmission(cache, limits.maxClustersPerOwner), new ClusterLimitsAdmission(cache)],
  );
}
