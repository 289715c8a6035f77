import type { ResourceDefinition } from '../../resource.types';
import { clusterSnapshotStrategy } from './cluster-snapshot.strategy';

export const clusterSnapshotResource: ResourceDefinition = {
  group: 'drydock.dev',
  version: 'v1',
  kind: 'ClusterSnapshot',
  resource: 'clustersnapshots',
  singular: 'clustersnapshot',
  namespaced: false,
  model: 'dev.drydock.v1.ClusterSnapshot',
  subresources: { status: true },
  strategy: clusterSnapshotStrategy,
};
