import type { ResourceDefinition } from '../resource.types';
import { clusterRoleBindingResource } from './clusterrolebindings/clusterrolebinding.resource';
import { clusterRoleResource } from './clusterroles/clusterrole.resource';
import { roleBindingResource } from './rolebindings/rolebinding.resource';
import { roleResource } from './roles/role.resource';

/** rbac.authorization.k8s.io/v1, in upstream discovery order. */
export const rbacResources: ResourceDefinition[] = [clusterRoleBindingResource, clusterRoleResource, roleBindingResource, roleResource];
