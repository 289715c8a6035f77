import type { ResourceDefinition } from '../../resource.types';
import { replicationControllerStrategy } from './replicationcontroller.strategy';

export const replicationControllerResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'ReplicationController',
  resource: 'replicationcontrollers',
  singular: 'replicationcontroller',
  namespaced: true,
  shortNames: ['rc'],
  categories: ['all'],
  model: 'io.k8s.api.core.v1.ReplicationController',
  subresources: {
    status: true,
    scale: { specReplicasPath: 'spec.replicas', statusReplicasPath: 'status.replicas', labelSelectorPath: 'spec.selector' },
  },
  strategy: replicationControllerStrategy,
};
