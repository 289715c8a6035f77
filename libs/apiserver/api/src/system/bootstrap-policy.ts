import type { KubeObject } from '@drydock/util';
import type { PolicyRule } from '../pipeline/rbac/policy-rule';

/**
 * Upstream's bootstrap policy (plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go): the
 * ClusterRoles and ClusterRoleBindings every cluster starts with, for what Drydock serves. The
 * controller, node and kube-system roles come with the workers' own identities (not yet).
 */
const Write = ['create', 'update', 'patch', 'delete', 'deletecollection'];
const ReadWrite = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];
const Read = ['get', 'list', 'watch'];

const rbacGroup = 'rbac.authorization.k8s.io';
const sorted = (values: string[]) => [...new Set(values)].sort();

/** rbacv1helpers.NewRule(verbs).Groups(groups).Resources(resources): every list sorted, as RuleOrDie leaves it. */
const rule = (verbs: string[], groups: string[], resources: string[]): PolicyRule => ({ verbs: sorted(verbs), apiGroups: sorted(groups), resources: sorted(resources) });
const urls = (verbs: string[], paths: string[]): PolicyRule => ({ verbs: sorted(verbs), nonResourceURLs: sorted(paths) });

/** addDefaultMetadata: the bootstrapping label and the autoupdate annotation. */
function metadata(name: string, labels: Record<string, string> = {}): KubeObject['metadata'] {
  return { name, labels: { ...labels, 'kubernetes.io/bootstrapping': 'rbac-defaults' }, annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' } };
}

const clusterRole = (name: string, rules: PolicyRule[], labels?: Record<string, string>): KubeObject => ({ apiVersion: `${rbacGroup}/v1`, kind: 'ClusterRole', metadata: metadata(name, labels), rules } as KubeObject);

const aggregated = (name: string, to: string, labels?: Record<string, string>): KubeObject =>
  ({ apiVersion: `${rbacGroup}/v1`, kind: 'ClusterRole', metadata: metadata(name, labels), aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [`${rbacGroup}/aggregate-to-${to}`]: 'true' } }] } } as KubeObject);

const aggregateTo = (to: string) => ({ [`${rbacGroup}/aggregate-to-${to}`]: 'true' });

export function bootstrapClusterRoles(): KubeObject[] {
  return [
    clusterRole('cluster-admin', [rule(['*'], ['*'], ['*']), urls(['*'], ['*'])]),
    clusterRole('system:discovery', [urls(['get'], ['/livez', '/readyz', '/healthz', '/version', '/version/', '/openapi', '/openapi/*', '/api', '/api/*', '/apis', '/apis/*'])]),
    clusterRole('system:monitoring', [urls(['get'], ['/metrics', '/metrics/slis', '/livez', '/readyz', '/healthz', '/livez/*', '/readyz/*', '/healthz/*'])]),
    clusterRole('system:basic-user', [rule(['create'], ['authorization.k8s.io'], ['selfsubjectaccessreviews', 'selfsubjectrulesreviews']), rule(['create'], ['authentication.k8s.io'], ['selfsubjectreviews'])]),
    clusterRole('system:public-info-viewer', [urls(['get'], ['/livez', '/readyz', '/healthz', '/version', '/version/'])]),
    clusterRole('system:service-account-issuer-discovery', [urls(['get'], ['/.well-known/openid-configuration', '/.well-known/openid-configuration/', '/openid/v1/jwks', '/openid/v1/jwks/'])]),
    aggregated('admin', 'admin'),
    aggregated('edit', 'edit', aggregateTo('admin')),
    aggregated('view', 'view', aggregateTo('edit')),
    clusterRole('system:aggregate-to-admin', [rule(['create'], ['authorization.k8s.io'], ['localsubjectaccessreviews']), rule(ReadWrite, [rbacGroup], ['roles', 'rolebindings'])], aggregateTo('admin')),
    clusterRole('system:aggregate-to-edit', aggregateToEditRules(), aggregateTo('edit')),
    clusterRole('system:aggregate-to-view', aggregateToViewRules(), aggregateTo('view')),
    aggregatedMetricsReader,
  ];
}

/**
 * What metrics-server's manifest installs with its API (Drydock serves metrics.k8s.io itself): read
 * access to the metrics, aggregated into admin, edit and view, so whoever may view pods may `kubectl top`.
 */
const aggregatedMetricsReader: KubeObject = {
  apiVersion: `${rbacGroup}/v1`,
  kind: 'ClusterRole',
  metadata: { name: 'system:aggregated-metrics-reader', labels: { 'k8s-app': 'metrics-server', ...aggregateTo('admin'), ...aggregateTo('edit'), ...aggregateTo('view') } },
  rules: [{ apiGroups: ['metrics.k8s.io'], resources: ['pods', 'nodes'], verbs: ['get', 'list', 'watch'] }],
} as KubeObject;

function aggregateToEditRules(): PolicyRule[] {
  return [
    rule(Read, [''], ['pods/attach', 'pods/proxy', 'pods/exec', 'pods/portforward', 'secrets', 'services/proxy']),
    rule(['impersonate'], [''], ['serviceaccounts']),
    rule(Write, [''], ['pods', 'pods/attach', 'pods/proxy', 'pods/exec', 'pods/portforward']),
    rule(['create'], [''], ['pods/eviction']),
    rule(Write, [''], ['replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/proxy', 'persistentvolumeclaims', 'configmaps', 'secrets', 'events']),
    rule(['create'], [''], ['serviceaccounts/token']),
    rule(Write, ['apps'], ['statefulsets', 'statefulsets/scale', 'daemonsets', 'deployments', 'deployments/scale', 'deployments/rollback', 'replicasets', 'replicasets/scale']),
    rule(Write, ['autoscaling'], ['horizontalpodautoscalers']),
    rule(Write, ['batch'], ['jobs', 'cronjobs']),
    rule(Write, ['extensions'], ['daemonsets', 'deployments', 'deployments/scale', 'deployments/rollback', 'ingresses', 'replicasets', 'replicasets/scale', 'replicationcontrollers/scale', 'networkpolicies']),
    rule(Write, ['policy'], ['poddisruptionbudgets']),
    rule(Write, ['networking.k8s.io'], ['networkpolicies', 'ingresses']),
  ];
}

function aggregateToViewRules(): PolicyRule[] {
  return [
    rule(Read, [''], ['pods', 'replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/status', 'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'configmaps']),
    rule(Read, [''], ['limitranges', 'resourcequotas', 'bindings', 'events', 'pods/status', 'resourcequotas/status', 'namespaces/status', 'replicationcontrollers/status', 'pods/log']),
    rule(Read, [''], ['namespaces']),
    rule(Read, ['discovery.k8s.io'], ['endpointslices']),
    rule(Read, ['apps'], ['controllerrevisions', 'statefulsets', 'statefulsets/status', 'statefulsets/scale', 'daemonsets', 'daemonsets/status', 'deployments', 'deployments/status', 'deployments/scale', 'replicasets', 'replicasets/status', 'replicasets/scale']),
    rule(Read, ['autoscaling'], ['horizontalpodautoscalers', 'horizontalpodautoscalers/status']),
    rule(Read, ['batch'], ['jobs', 'cronjobs', 'cronjobs/status', 'jobs/status']),
    rule(Read, ['extensions'], ['daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'ingresses', 'ingresses/status', 'replicasets', 'replicasets/scale', 'replicasets/status', 'replicationcontrollers/scale', 'networkpolicies']),
    rule(Read, ['policy'], ['poddisruptionbudgets', 'poddisruptionbudgets/status']),
    rule(Read, ['networking.k8s.io'], ['networkpolicies', 'ingresses', 'ingresses/status']),
  ];
}

/** NewClusterBinding(role).Groups(...): a binding named after its ClusterRole. */
const groupBinding = (role: string, ...groups: string[]): KubeObject =>
  ({ apiVersion: `${rbacGroup}/v1`, kind: 'ClusterRoleBinding', metadata: metadata(role), roleRef: { apiGroup: rbacGroup, kind: 'ClusterRole', name: role }, subjects: groups.map((name) => ({ apiGroup: rbacGroup, kind: 'Group', name })) } as KubeObject);

export function bootstrapClusterRoleBindings(): KubeObject[] {
  return [
    groupBinding('cluster-admin', 'system:masters'),
    groupBinding('system:monitoring', 'system:monitoring'),
    groupBinding('system:discovery', 'system:authenticated'),
    groupBinding('system:basic-user', 'system:authenticated'),
    groupBinding('system:public-info-viewer', 'system:authenticated', 'system:unauthenticated'),
    groupBinding('system:service-account-issuer-discovery', 'system:serviceaccounts'),
  ];
}
