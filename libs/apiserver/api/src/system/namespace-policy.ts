import type { KubeObject } from '@drydock/util';
import { controllerRolePrefix } from './controller-policy';
import { eventsRule, role, roleBinding, rule, serviceAccount, users } from './policy-builders';

/**
 * Upstream's namespace policy (bootstrappolicy/namespace_policy.go): the Roles and RoleBindings of
 * kube-system and kube-public, for reading the authentication config, leader locking, and the bootstrap
 * signer and token cleaner.
 */
export function bootstrapNamespaceRoles(): KubeObject[] {
  return [
    role('kube-system', 'extension-apiserver-authentication-reader', [rule(['get', 'list', 'watch'], [''], ['configmaps'], ['extension-apiserver-authentication'])]),
    role('kube-system', `${controllerRolePrefix}bootstrap-signer`, [rule(['get', 'list', 'watch'], [''], ['secrets'])]),
    role('kube-system', `${controllerRolePrefix}cloud-provider`, [rule(['create', 'get', 'list', 'watch'], [''], ['configmaps'])]),
    role('kube-system', `${controllerRolePrefix}token-cleaner`, [rule(['get', 'list', 'watch', 'delete'], [''], ['secrets']), eventsRule()]),
    role('kube-system', 'system::leader-locking-kube-controller-manager', [
      rule(['watch'], [''], ['configmaps']),
      rule(['get', 'update'], [''], ['configmaps'], ['kube-controller-manager']),
      rule(['get', 'watch', 'list', 'create', 'update'], ['coordination.k8s.io'], ['leases']),
    ]),
    role('kube-system', 'system::leader-locking-kube-scheduler', [rule(['watch'], [''], ['configmaps']), rule(['get', 'update'], [''], ['configmaps'], ['kube-scheduler'])]),
    role('kube-public', `${controllerRolePrefix}bootstrap-signer`, [rule(['get', 'list', 'watch'], [''], ['configmaps']), rule(['update'], [''], ['configmaps'], ['cluster-info']), eventsRule()]),
  ];
}

export function bootstrapNamespaceRoleBindings(): KubeObject[] {
  return [
    roleBinding('kube-system', 'extension-apiserver-authentication-reader', users('system:kube-controller-manager', 'system:kube-scheduler'), 'system::extension-apiserver-authentication-reader'),
    roleBinding('kube-system', 'system::leader-locking-kube-controller-manager', [...users('system:kube-controller-manager'), ...serviceAccount('kube-system', 'kube-controller-manager')]),
    roleBinding('kube-system', 'system::leader-locking-kube-scheduler', [...users('system:kube-scheduler'), ...serviceAccount('kube-system', 'kube-scheduler')]),
    roleBinding('kube-system', `${controllerRolePrefix}bootstrap-signer`, serviceAccount('kube-system', 'bootstrap-signer')),
    roleBinding('kube-system', `${controllerRolePrefix}cloud-provider`, serviceAccount('kube-system', 'cloud-provider')),
    roleBinding('kube-system', `${controllerRolePrefix}token-cleaner`, serviceAccount('kube-system', 'token-cleaner')),
    roleBinding('kube-public', `${controllerRolePrefix}bootstrap-signer`, serviceAccount('kube-system', 'bootstrap-signer')),
  ];
}
