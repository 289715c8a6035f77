import type { ResourceDefinition } from '../../resource.types';
import { roleStrategy } from './role.strategy';

export const roleResource: ResourceDefinition = {
  group: 'rbac.authorization.k8s.io',
  version: 'v1',
  kind: 'Role',
  resource: 'roles',
  singular: 'role',
  namespaced: true,
  nameValidation: 'pathSegment',
  model: 'io.k8s.api.rbac.v1.Role',
  strategy: roleStrategy,
};
