import type { KubeObject } from '@drydock/util';
import type { PolicyRule, Subject } from '../pipeline/rbac/policy-rule';

/**
 * The builders of upstream's bootstrap policy (pkg/apis/rbac/v1 helpers.go and bootstrappolicy's
 * addDefaultMetadata): rules with every list sorted as RuleOrDie leaves them, roles and bindings with
 * the bootstrapping label and the autoupdate annotation.
 */
export const rbacGroup = 'rbac.authorization.k8s.io';
export const Write = ['create', 'update', 'patch', 'delete', 'deletecollection'];
export const ReadWrite = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];
export const Read = ['get', 'list', 'watch'];
export const ReadUpdate = ['get', 'list', 'watch', 'update', 'patch'];

const sorted = (values: string[]) => [...new Set(values)].sort();

/** rbacv1helpers.NewRule(verbs).Groups(groups).Resources(resources)[.Names(names)].RuleOrDie(). */
export function rule(verbs: string[], groups: string[], resources: string[], names?: string[]): PolicyRule {
  const built: PolicyRule = { verbs: sorted(verbs), apiGroups: sorted(groups), resources: sorted(resources) };
  if (names?.length) built.resourceNames = sorted(names);
  return built;
}

/** rbacv1helpers.NewRule(verbs).URLs(paths).RuleOrDie(). */
export const urls = (verbs: string[], paths: string[]): PolicyRule => ({ verbs: sorted(verbs), nonResourceURLs: sorted(paths) });

/** eventsRule(): what every component needs to record events, in both event groups. */
export const eventsRule = (): PolicyRule => rule(['create', 'update', 'patch'], ['', 'events.k8s.io'], ['events']);

/** addDefaultMetadata: the bootstrapping label and the autoupdate annotation. */
function metadata(name: string, namespace?: string, labels: Record<string, string> = {}): KubeObject['metadata'] {
  return { name, ...(namespace ? { namespace } : {}), labels: { ...labels, 'kubernetes.io/bootstrapping': 'rbac-defaults' }, annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' } };
}

export const clusterRole = (name: string, rules: PolicyRule[], labels?: Record<string, string>): KubeObject =>
  ({ apiVersion: `${rbacGroup}/v1`, kind: 'ClusterRole', metadata: metadata(name, undefined, labels), rules }) as KubeObject;

export const aggregated = (name: string, to: string, labels?: Record<string, string>): KubeObject =>
  ({ apiVersion: `${rbacGroup}/v1`, kind: 'ClusterRole', metadata: metadata(name, undefined, labels), aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [`${rbacGroup}/aggregate-to-${to}`]: 'true' } }] } }) as KubeObject;

export const role = (namespace: string, name: string, rules: PolicyRule[]): KubeObject => ({ apiVersion: `${rbacGroup}/v1`, kind: 'Role', metadata: metadata(name, namespace), rules }) as KubeObject;

/** Subjects as the helpers' Users(), Groups() and SAs() make them. */
export const users = (...names: string[]): Subject[] => names.map((name) => ({ apiGroup: rbacGroup, kind: 'User', name }));
export const groups = (...names: string[]): Subject[] => names.map((name) => ({ apiGroup: rbacGroup, kind: 'Group', name }));
export const serviceAccount = (namespace: string, name: string): Subject[] => [{ kind: 'ServiceAccount', name, namespace }];

/** NewClusterBinding(role): a binding named after its ClusterRole; no subjects leaves the field out, as upstream's JSON does. */
export function clusterRoleBinding(roleName: string, subjects: Subject[], name = roleName): KubeObject {
  const binding = { apiVersion: `${rbacGroup}/v1`, kind: 'ClusterRoleBinding', metadata: metadata(name), roleRef: { apiGroup: rbacGroup, kind: 'ClusterRole', name: roleName } } as KubeObject;
  if (subjects.length) binding.subjects = subjects;
  return binding;
}

/** NewRoleBinding(role, namespace): a binding of a Role in its namespace. */
export const roleBinding = (namespace: string, roleName: string, subjects: Subject[], name = roleName): KubeObject =>
  ({ apiVersion: `${rbacGroup}/v1`, kind: 'RoleBinding', metadata: metadata(name, namespace), roleRef: { apiGroup: rbacGroup, kind: 'Role', name: roleName }, subjects }) as KubeObject;
