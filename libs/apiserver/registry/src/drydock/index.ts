export { userResource } from './users/user.resource';
export { teamResource } from './teams/team.resource';
export { teamRoles, teamMembers } from './teams/team-spec-validation';
export { auditEventResource } from './auditevents/audit-event.resource';
export { clusterResource } from './clusters/cluster.resource';
export { clusterCleanupFinalizer, clusterOwner } from './clusters/cluster.strategy';
export { clusterNodePools, clusterLimits, defaultClusterLimits } from './clusters/cluster-spec-validation';
export { clusterSnapshotResource } from './clustersnapshots/cluster-snapshot.resource';
export { snapshotCluster } from './clustersnapshots/cluster-snapshot.strategy';
