import type { ResourceDefinition } from '../../resource.types';
import { replicaSetStrategy } from './replicaset.strategy';

export const replicaSetResource: ResourceDefinition = {
  group: 'apps',
  version: 'v1',
  kind: 'ReplicaSet',
  resource: 'replicasets',
  singular: 'replicaset',
  namespaced: true,
  shortNames: ['rs'],
  categories: ['all'],
  model: 'io.k8s.api.apps.v1.ReplicaSet',
  subresources: { status: true, scale: { specReplicasPath: 'spec.replicas', statusReplicasPath: 'status.replicas', labelSelectorPath: 'spec.selector' } },
  strategy: replicaSetStrategy,
};
