import type { ResourceDefinition } from '../../resource.types';
import { clusterStrategy } from './cluster.strategy';

export const clusterResource: ResourceDefinition = {
  group: 'drydock.dev',
  version: 'v1',
  kind: 'Cluster',
  resource: 'clusters',
  singular: 'cluster',
  namespaced: false,
  // The name is a path segment (`/clusters/<name>/`) and a kubeconfig context: a DNS label.
  nameValidation: 'label',
  model: 'dev.drydock.v1.Cluster',
  subresources: {
    status: true,
    extra: [
      // POST (empty body): the cluster back to a fresh one, as eviction acts on a pod (answers a Status).
      { name: 'reset', group: '', version: 'v1', kind: 'Status', verbs: ['create'] },
      // POST {"snapshot": "<name>"}: the cluster back to one of its ClusterSnapshots (answers a Status).
      { name: 'restore', group: '', version: 'v1', kind: 'Status', verbs: ['create'] },
    ],
  },
  strategy: clusterStrategy,
};
