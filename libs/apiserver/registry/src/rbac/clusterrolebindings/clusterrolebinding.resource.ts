import type { ResourceDefinition } from '../../resource.types';
import { bindingStrategy } from '../rolebindings/binding.strategy';

export const clusterRoleBindingResource: ResourceDefinition = {
  group: 'rbac.authorization.k8s.io',
  version: 'v1',
  kind: 'ClusterRoleBinding',
  resource: 'clusterrolebindings',
  singular: 'clusterrolebinding',
  namespaced: false,
  nameValidation: 'pathSegment',
  model: 'io.k8s.api.rbac.v1.ClusterRoleBinding',
  strategy: bindingStrategy(false),
};
