import type { ResourceDefinition } from '../../resource.types';
import { bindingStrategy } from './binding.strategy';

export const roleBindingResource: ResourceDefinition = {
  group: 'rbac.authorization.k8s.io',
  version: 'v1',
  kind: 'RoleBinding',
  resource: 'rolebindings',
  singular: 'rolebinding',
  namespaced: true,
  nameValidation: 'pathSegment',
  model: 'io.k8s.api.rbac.v1.RoleBinding',
  strategy: bindingStrategy(true),
};
