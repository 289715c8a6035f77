import type { KubeObject } from '@drydock/util';
import type { PolicyRule } from '../pipeline/rbac/policy-rule';
import { componentClusterRoleBindings, componentClusterRoles } from './component-policy';
import { controllerRoleBindings, controllerRoles } from './controller-policy';
import { aggregated, clusterRole, clusterRoleBinding, eventsRule, groups, rbacGroup, Read, ReadUpdate, ReadWrite, rule, serviceAccount, urls, users, Write } from './policy-builders';

/**
 * Upstream's bootstrap policy (plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go): the
 * ClusterRoles and ClusterRoleBindings every cluster starts with: the user-facing roles, the roles of
 * the components (system:kube-scheduler, system:kube-controller-manager, system:node, ...) and the
 * controllers' roles (controller-policy.ts). Feature-gated rules are those of upstream's defaults.
 */
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
    clusterRole('system:heapster', [rule(Read, [''], ['events', 'pods', 'nodes', 'namespaces']), rule(Read, ['extensions'], ['deployments'])]),
    clusterRole('system:node', nodeRules()),
    clusterRole('system:node-problem-detector', [rule(['get'], [''], ['nodes']), rule(['patch'], [''], ['nodes/status']), eventsRule()]),
    clusterRole('system:kubelet-api-admin', [rule(['get', 'list', 'watch'], [''], ['nodes']), rule(['proxy'], [''], ['nodes']), rule(['*'], [''], ['nodes/proxy', 'nodes/metrics', 'nodes/spec', 'nodes/stats', 'nodes/log'])]),
    clusterRole('system:node-bootstrapper', [rule(['create', 'get', 'list', 'watch'], [certificatesGroup], ['certificatesigningrequests'])]),
    clusterRole('system:auth-delegator', [rule(['create'], ['authentication.k8s.io'], ['tokenreviews']), rule(['create'], ['authorization.k8s.io'], ['subjectaccessreviews'])]),
    clusterRole('system:kube-aggregator', [rule(Read, [''], ['services', 'endpoints'])]),
    clusterRole('system:kube-controller-manager', kubeControllerManagerRules()),
    clusterRole('system:kube-dns', [rule(['list', 'watch'], [''], ['endpoints', 'services'])]),
    clusterRole('system:persistent-volume-provisioner', persistentVolumeProvisionerRules()),
    clusterRole('system:certificates.k8s.io:certificatesigningrequests:nodeclient', [rule(['create'], [certificatesGroup], ['certificatesigningrequests/nodeclient'])]),
    clusterRole('system:certificates.k8s.io:certificatesigningrequests:selfnodeclient', [rule(['create'], [certificatesGroup], ['certificatesigningrequests/selfnodeclient'])]),
    clusterRole('system:volume-scheduler', [rule(ReadUpdate, [''], ['persistentvolumes']), rule(Read, ['storage.k8s.io'], ['storageclasses']), rule(ReadUpdate, [''], ['persistentvolumeclaims'])]),
    ...['legacy-unknown', 'kubelet-serving', 'kube-apiserver-client', 'kube-apiserver-client-kubelet'].map((signer) =>
      clusterRole(`system:certificates.k8s.io:${signer}-approver`, [rule(['approve'], [certificatesGroup], ['signers'], [signerNames[signer]])]),
    ),
    clusterRole('system:node-proxier', [rule(['list', 'watch'], [''], ['services', 'endpoints']), rule(Read, [''], ['nodes']), eventsRule(), rule(['list', 'watch'], ['discovery.k8s.io'], ['endpointslices'])]),
    clusterRole('system:kube-scheduler', kubeSchedulerRules()),
    ...controllerRoles(),
    ...componentClusterRoles(),
    auditReaderForAdmins,
  ];
}

const certificatesGroup = 'certificates.k8s.io';

/** capi's well-known signer names. */
const signerNames: Record<string, string> = {
  'legacy-unknown': 'kubernetes.io/legacy-unknown',
  'kubelet-serving': 'kubernetes.io/kubelet-serving',
  'kube-apiserver-client': 'kubernetes.io/kube-apiserver-client',
  'kube-apiserver-client-kubelet': 'kubernetes.io/kube-apiserver-client-kubelet',
};

/** NodeRules(): what a kubelet may do at all; the Node authorizer and NodeRestriction narrow it to its own node. */
export function nodeRules(): PolicyRule[] {
  return [
    rule(['create'], ['authentication.k8s.io'], ['tokenreviews']),
    rule(['create'], ['authorization.k8s.io'], ['subjectaccessreviews', 'localsubjectaccessreviews']),
    rule(Read, [''], ['services']),
    rule(['create', 'get', 'list', 'watch'], [''], ['nodes']),
    rule(['update', 'patch'], [''], ['nodes/status']),
    rule(['update', 'patch'], [''], ['nodes']),
    rule(['create', 'update', 'patch'], [''], ['events']),
    rule(Read, [''], ['pods']),
    rule(['create', 'delete'], [''], ['pods']),
    rule(['update', 'patch'], [''], ['pods/status']),
    rule(['create'], [''], ['pods/eviction']),
    rule(['get', 'list', 'watch'], [''], ['secrets', 'configmaps']),
    rule(['get'], [''], ['persistentvolumeclaims', 'persistentvolumes']),
    rule(['get'], [''], ['endpoints']),
    rule(['create', 'get', 'list', 'watch'], [certificatesGroup], ['certificatesigningrequests']),
    rule(['get', 'create', 'update', 'patch', 'delete'], ['coordination.k8s.io'], ['leases']),
    rule(['get'], ['storage.k8s.io'], ['volumeattachments']),
    rule(['get', 'update', 'patch'], [''], ['persistentvolumeclaims/status']),
    rule(['create'], [''], ['serviceaccounts/token']),
    rule(['get', 'watch', 'list'], ['storage.k8s.io'], ['csidrivers']),
    rule(['get', 'create', 'update', 'patch', 'delete'], ['storage.k8s.io'], ['csinodes']),
    rule(['get', 'list', 'watch'], ['node.k8s.io'], ['runtimeclasses']),
  ];
}

/** system:kube-controller-manager: its shared informers, leader election and the controllers' service accounts and tokens. */
function kubeControllerManagerRules(): PolicyRule[] {
  return [
    eventsRule(),
    rule(['create'], ['coordination.k8s.io'], ['leases']),
    rule(['get', 'update'], ['coordination.k8s.io'], ['leases'], ['kube-controller-manager']),
    rule(['create'], [''], ['endpoints']),
    rule(['get', 'update'], [''], ['endpoints'], ['kube-controller-manager']),
    rule(['create'], [''], ['secrets', 'serviceaccounts']),
    rule(['delete'], [''], ['secrets']),
    rule(['get'], [''], ['namespaces', 'secrets', 'serviceaccounts', 'configmaps']),
    rule(['update'], [''], ['secrets', 'serviceaccounts']),
    rule(['create'], ['authentication.k8s.io'], ['tokenreviews']),
    rule(['create'], ['authorization.k8s.io'], ['subjectaccessreviews']),
    rule(['list', 'watch'], ['*'], ['*']),
    rule(['create'], [''], ['serviceaccounts/token']),
  ];
}

function persistentVolumeProvisionerRules(): PolicyRule[] {
  return [
    rule(['get', 'list', 'watch', 'create', 'delete'], [''], ['persistentvolumes']),
    rule(['get', 'list', 'watch', 'update'], [''], ['persistentvolumeclaims']),
    rule(Read, ['storage.k8s.io'], ['storageclasses']),
    rule(['watch'], [''], ['events']),
    eventsRule(),
  ];
}

function kubeSchedulerRules(): PolicyRule[] {
  return [
    eventsRule(),
    rule(['create'], ['coordination.k8s.io'], ['leases']),
    rule(['get', 'update'], ['coordination.k8s.io'], ['leases'], ['kube-scheduler']),
    rule(['create'], [''], ['endpoints']),
    rule(['get', 'update'], [''], ['endpoints'], ['kube-scheduler']),
    rule(Read, [''], ['nodes']),
    rule(['get', 'list', 'watch', 'delete'], [''], ['pods']),
    rule(['create'], [''], ['pods/binding', 'bindings']),
    rule(['patch', 'update'], [''], ['pods/status']),
    rule(Read, [''], ['services', 'replicationcontrollers']),
    rule(Read, ['apps', 'extensions'], ['replicasets']),
    rule(Read, ['apps'], ['statefulsets']),
    rule(Read, ['policy'], ['poddisruptionbudgets']),
    rule(Read, [''], ['persistentvolumeclaims', 'persistentvolumes']),
    rule(['create'], ['authentication.k8s.io'], ['tokenreviews']),
    rule(['create'], ['authorization.k8s.io'], ['subjectaccessreviews']),
    rule(Read, ['storage.k8s.io'], ['csinodes']),
    rule(Read, [''], ['namespaces']),
    rule(Read, ['storage.k8s.io'], ['csidrivers']),
    rule(Read, ['storage.k8s.io'], ['csistoragecapacities']),
  ];
}

/**
 * Drydock's audit log (drydock.dev auditevents, namespaced by the object a request addressed), readable
 * by whoever holds admin in a namespace: a team admin sees the events of the team's namespaces. All
 * namespaces at once (and cluster-scoped requests) stay with cluster-wide roles such as cluster-admin.
 */
const auditReaderForAdmins: KubeObject = clusterRole('drydock:aggregate-to-admin-auditevents', [rule(['get', 'list'], ['drydock.dev'], ['auditevents'])], aggregateTo('admin'));

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

export function bootstrapClusterRoleBindings(): KubeObject[] {
  return [
    clusterRoleBinding('cluster-admin', groups('system:masters')),
    clusterRoleBinding('system:monitoring', groups('system:monitoring')),
    clusterRoleBinding('system:discovery', groups('system:authenticated')),
    clusterRoleBinding('system:basic-user', groups('system:authenticated')),
    clusterRoleBinding('system:public-info-viewer', groups('system:authenticated', 'system:unauthenticated')),
    clusterRoleBinding('system:node-proxier', users('system:kube-proxy')),
    clusterRoleBinding('system:kube-controller-manager', users('system:kube-controller-manager')),
    clusterRoleBinding('system:kube-dns', serviceAccount('kube-system', 'kube-dns')),
    clusterRoleBinding('system:kube-scheduler', users('system:kube-scheduler')),
    clusterRoleBinding('system:volume-scheduler', users('system:kube-scheduler')),
    // Deprecated since the Node authorizer (1.7): kept without subjects, as upstream keeps it.
    clusterRoleBinding('system:node', []),
    clusterRoleBinding('system:service-account-issuer-discovery', groups('system:serviceaccounts')),
    ...controllerRoleBindings(),
    ...componentClusterRoleBindings(),
  ];
}
