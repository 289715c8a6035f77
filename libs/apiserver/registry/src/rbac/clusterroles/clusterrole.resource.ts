import type { ResourceDefinition } from '../../resource.types';
import { clusterRoleStrategy } from './clusterrole.strategy';

export const clusterRoleResource: ResourceDefinition = {
  group: 'rbac.authorization.k8s.io',
  version: 'v1',
  kind: 'ClusterRole',
  resource: 'clusterroles',
  singular: 'clusterrole',
  namespaced: false,
  nameValidation: 'pathSegment',
  model: 'io.k8s.api.rbac.v1.ClusterRole',
  strategy: clusterRoleStrategy,
};
