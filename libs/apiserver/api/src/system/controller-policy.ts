import type { KubeObject } from '@drydock/util';
import type { PolicyRule } from '../pipeline/rbac/policy-rule';
import { clusterRole, clusterRoleBinding, eventsRule, Read, rule, serviceAccount } from './policy-builders';

/**
 * Upstream's controller policy (bootstrappolicy/controller_policy.go): one `system:controller:<account>`
 * ClusterRole per controller, bound to the ServiceAccount kube-system/<account> the controller-manager
 * runs that controller as (--use-service-account-credentials). Every upstream controller's role exists
 * whether Drydock runs the controller or not, as on any kubeadm cluster; the roles of Drydock's own
 * controllers (teams, the simulated provisioner) follow in the same style. Feature-gated roles and rules
 * are those of upstream's default gates.
 */
export const controllerRolePrefix = 'system:controller:';

const apps = 'apps';
const batch = 'batch';
const extensions = 'extensions';
const storage = 'storage.k8s.io';
const drydock = 'drydock.dev';

/** [account, rules] in upstream's order. */
function upstreamControllers(): [string, PolicyRule[]][] {
  return [
    ['attachdetach-controller', [rule(['list', 'watch'], [''], ['persistentvolumes', 'persistentvolumeclaims']), rule(Read, [''], ['nodes']), rule(['patch', 'update'], [''], ['nodes/status']), rule(['list', 'watch'], [''], ['pods']), eventsRule(), rule(['get', 'create', 'delete', 'list', 'watch'], [storage], ['volumeattachments']), rule(['get', 'watch', 'list'], [storage], ['csidrivers']), rule(['get', 'watch', 'list'], [storage], ['csinodes'])]],
    ['clusterrole-aggregation-controller', [rule(['escalate', 'get', 'list', 'watch', 'update', 'patch'], ['rbac.authorization.k8s.io'], ['clusterroles'])]],
    ['cronjob-controller', [rule(['get', 'list', 'watch', 'update'], [batch], ['cronjobs']), rule(['get', 'list', 'watch', 'create', 'update', 'delete', 'patch'], [batch], ['jobs']), rule(['update'], [batch], ['cronjobs/status']), rule(['update'], [batch], ['cronjobs/finalizers']), rule(['list', 'delete'], [''], ['pods']), eventsRule()]],
    ['daemon-set-controller', [rule(Read, [extensions, apps], ['daemonsets']), rule(['update'], [extensions, apps], ['daemonsets/status']), rule(['update'], [extensions, apps], ['daemonsets/finalizers']), rule(['list', 'watch'], [''], ['nodes']), rule(['list', 'watch', 'create', 'delete', 'patch'], [''], ['pods']), rule(['create'], [''], ['pods/binding']), rule(['get', 'list', 'watch', 'create', 'delete', 'update', 'patch'], [apps], ['controllerrevisions']), eventsRule()]],
    ['deployment-controller', [rule(['get', 'list', 'watch', 'update'], [extensions, apps], ['deployments']), rule(['update'], [extensions, apps], ['deployments/status']), rule(['update'], [extensions, apps], ['deployments/finalizers']), rule(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'], [apps, extensions], ['replicasets']), rule(['get', 'list', 'watch', 'update'], [''], ['pods']), eventsRule()]],
    ['disruption-controller', [rule(Read, [extensions, apps], ['deployments']), rule(Read, [apps, extensions], ['replicasets']), rule(Read, [''], ['replicationcontrollers']), rule(Read, ['policy'], ['poddisruptionbudgets']), rule(Read, [apps], ['statefulsets']), rule(['update'], ['policy'], ['poddisruptionbudgets/status']), rule(['patch', 'update'], [''], ['pods/status']), rule(['get'], ['*'], ['*/scale']), eventsRule()]],
    ['endpoint-controller', [rule(Read, [''], ['services', 'pods']), rule(['get', 'list', 'create', 'update', 'delete'], [''], ['endpoints']), rule(['create'], [''], ['endpoints/restricted']), eventsRule()]],
    ['endpointslice-controller', [rule(Read, [''], ['services', 'pods', 'nodes']), rule(['update'], [''], ['services/finalizers']), rule(['get', 'list', 'create', 'update', 'delete'], ['discovery.k8s.io'], ['endpointslices']), eventsRule()]],
    ['endpointslicemirroring-controller', [rule(Read, [''], ['services', 'endpoints']), rule(['update'], [''], ['services/finalizers']), rule(['update'], [''], ['endpoints/finalizers']), rule(['get', 'list', 'create', 'update', 'delete'], ['discovery.k8s.io'], ['endpointslices']), eventsRule()]],
    ['expand-controller', [rule(['get', 'list', 'watch', 'update', 'patch'], [''], ['persistentvolumes']), rule(['update', 'patch'], [''], ['persistentvolumeclaims/status']), rule(Read, [''], ['persistentvolumeclaims']), rule(Read, [storage], ['storageclasses']), rule(['get'], [''], ['services', 'endpoints']), rule(['get'], [''], ['secrets']), eventsRule()]],
    ['ephemeral-volume-controller', [rule(Read, [''], ['pods']), rule(['update'], [''], ['pods/finalizers']), rule(['get', 'list', 'watch', 'create'], [''], ['persistentvolumeclaims']), eventsRule()]],
    ['generic-garbage-collector', [rule(['get', 'list', 'watch', 'patch', 'update', 'delete'], ['*'], ['*']), eventsRule()]],
    ['horizontal-pod-autoscaler', [rule(Read, ['autoscaling'], ['horizontalpodautoscalers']), rule(['update'], ['autoscaling'], ['horizontalpodautoscalers/status']), rule(['get', 'update'], ['*'], ['*/scale']), rule(['list'], [''], ['pods']), rule(['list'], ['metrics.k8s.io'], ['pods']), rule(['get', 'list'], ['custom.metrics.k8s.io'], ['*']), rule(['get', 'list'], ['external.metrics.k8s.io'], ['*']), eventsRule()]],
    ['job-controller', [rule(['get', 'list', 'watch', 'update', 'patch'], [batch], ['jobs']), rule(['update'], [batch], ['jobs/status']), rule(['update'], [batch], ['jobs/finalizers']), rule(['list', 'watch', 'create', 'delete', 'patch'], [''], ['pods']), eventsRule()]],
    ['namespace-controller', [rule(['get', 'list', 'watch', 'delete'], [''], ['namespaces']), rule(['update'], [''], ['namespaces/finalize', 'namespaces/status']), rule(['get', 'list', 'delete', 'deletecollection'], ['*'], ['*'])]],
    ['node-controller', [rule(['get', 'list', 'update', 'delete', 'patch'], [''], ['nodes']), rule(['patch', 'update'], [''], ['nodes/status']), rule(['patch', 'update'], [''], ['pods/status']), rule(['list', 'get', 'delete'], [''], ['pods']), eventsRule()]],
    ['persistent-volume-binder', persistentVolumeBinderRules()],
    ['pod-garbage-collector', [rule(['list', 'watch', 'delete'], [''], ['pods']), rule(['get', 'list'], [''], ['nodes']), rule(['patch'], [''], ['pods/status'])]],
    ['replicaset-controller', [rule(['get', 'list', 'watch', 'update'], [apps, extensions], ['replicasets']), rule(['update'], [apps, extensions], ['replicasets/status']), rule(['update'], [apps, extensions], ['replicasets/finalizers']), rule(['list', 'watch', 'patch', 'create', 'delete'], [''], ['pods']), eventsRule()]],
    ['replication-controller', [rule(['get', 'list', 'watch', 'update'], [''], ['replicationcontrollers']), rule(['update'], [''], ['replicationcontrollers/status']), rule(['update'], [''], ['replicationcontrollers/finalizers']), rule(['list', 'watch', 'patch', 'create', 'delete'], [''], ['pods']), eventsRule()]],
    ['resourcequota-controller', [rule(['list', 'watch'], ['*'], ['*']), rule(['update'], [''], ['resourcequotas/status']), eventsRule()]],
    ['route-controller', [rule(['list', 'watch'], [''], ['nodes']), rule(['patch'], [''], ['nodes/status']), eventsRule()]],
    ['service-account-controller', [rule(['create'], [''], ['serviceaccounts']), eventsRule()]],
    ['service-controller', [rule(Read, [''], ['services']), rule(['patch', 'update'], [''], ['services']), rule(['patch', 'update'], [''], ['services/status']), rule(['list', 'watch'], [''], ['nodes']), eventsRule()]],
    ['statefulset-controller', [rule(['list', 'watch'], [''], ['pods']), rule(Read, [apps], ['statefulsets']), rule(['update'], [apps], ['statefulsets/status']), rule(['update'], [apps], ['statefulsets/finalizers']), rule(['get', 'create', 'delete', 'update', 'patch'], [''], ['pods']), rule(['get', 'create', 'delete', 'update', 'patch', 'list', 'watch'], [apps], ['controllerrevisions']), rule(['get', 'create'], [''], ['persistentvolumeclaims']), eventsRule(), rule(['update', 'delete'], [''], ['persistentvolumeclaims'])]],
    ['ttl-controller', [rule(['update', 'patch', 'list', 'watch'], [''], ['nodes']), eventsRule()]],
    ['certificate-controller', certificateControllerRules()],
    ['pvc-protection-controller', [rule(['get', 'list', 'watch', 'update'], [''], ['persistentvolumeclaims']), rule(['list', 'watch', 'get'], [''], ['pods']), eventsRule()]],
    ['pv-protection-controller', [rule(['get', 'list', 'watch', 'update'], [''], ['persistentvolumes']), eventsRule()]],
    ['ttl-after-finished-controller', [rule(['get', 'list', 'watch', 'delete'], [batch], ['jobs']), eventsRule()]],
    ['root-ca-cert-publisher', [rule(['create', 'update'], [''], ['configmaps']), eventsRule()]],
    ['validatingadmissionpolicy-status-controller', [rule(Read, ['admissionregistration.k8s.io'], ['validatingadmissionpolicies']), rule(['get', 'patch', 'update'], ['admissionregistration.k8s.io'], ['validatingadmissionpolicies/status']), eventsRule()]],
    ['legacy-service-account-token-cleaner', [rule(['get'], [''], ['configmaps'], ['kube-apiserver-legacy-service-account-token-tracking']), rule(['patch', 'delete'], [''], ['secrets'])]],
  ];
}

function persistentVolumeBinderRules(): PolicyRule[] {
  return [
    rule(['get', 'list', 'watch', 'update', 'create', 'delete'], [''], ['persistentvolumes']),
    rule(['update'], [''], ['persistentvolumes/status']),
    rule(['get', 'list', 'watch', 'update'], [''], ['persistentvolumeclaims']),
    rule(['update'], [''], ['persistentvolumeclaims/status']),
    rule(['list', 'watch', 'get', 'create', 'delete'], [''], ['pods']),
    rule(Read, [storage], ['storageclasses']),
    rule(['get', 'create', 'update', 'delete'], [''], ['endpoints']),
    rule(['get', 'create', 'delete'], [''], ['services']),
    rule(['get'], [''], ['secrets']),
    rule(['get', 'list'], [''], ['nodes']),
    rule(['watch'], [''], ['events']),
    eventsRule(),
  ];
}

function certificateControllerRules(): PolicyRule[] {
  const signers = ['kubernetes.io/legacy-unknown', 'kubernetes.io/kube-apiserver-client', 'kubernetes.io/kube-apiserver-client-kubelet', 'kubernetes.io/kubelet-serving'];
  return [
    rule(['get', 'list', 'watch', 'delete'], ['certificates.k8s.io'], ['certificatesigningrequests']),
    rule(['update'], ['certificates.k8s.io'], ['certificatesigningrequests/status', 'certificatesigningrequests/approval']),
    rule(['approve'], ['certificates.k8s.io'], ['signers'], ['kubernetes.io/kube-apiserver-client-kubelet']),
    rule(['sign'], ['certificates.k8s.io'], ['signers'], signers),
    rule(['create'], ['authorization.k8s.io'], ['subjectaccessreviews']),
    eventsRule(),
  ];
}

/**
 * Drydock's own controllers, named as upstream names its: the team controller keeps a Team's namespaces,
 * RoleBindings (to admin, edit and view: `bind` on exactly those), quotas and limit ranges; the
 * membership controller writes each User's teams; the simulated provisioner creates volumes for claims;
 * the simulated ingress-nginx writes the status of the Ingresses of its classes.
 */
function drydockControllers(): [string, PolicyRule[]][] {
  return [
    ['team-controller', [
      rule(Read, [drydock], ['teams']),
      rule(['update'], [drydock], ['teams/status']),
      rule(['get', 'list', 'watch', 'create', 'patch'], [''], ['namespaces']),
      rule(['get', 'list', 'watch', 'create', 'update', 'delete'], ['rbac.authorization.k8s.io'], ['rolebindings']),
      rule(['bind'], ['rbac.authorization.k8s.io'], ['clusterroles'], ['admin', 'edit', 'view']),
      rule(['get', 'list', 'watch', 'create', 'update', 'delete'], [''], ['resourcequotas', 'limitranges']),
      eventsRule(),
    ]],
    ['team-membership-controller', [rule(Read, [drydock], ['users', 'teams']), rule(['update'], [drydock], ['users/status']), eventsRule()]],
    // The simulated ingress-nginx's status loop: ingress-nginx's own ClusterRole (its chart's clusterrole.yaml; patch beside
    // update on ingresses/status, as the loop merge-patches the status), reading what the controller reads.
    ['ingress-nginx', [
      rule(['list', 'watch'], [''], ['configmaps', 'endpoints', 'nodes', 'pods', 'secrets', 'namespaces']),
      rule(['get'], [''], ['nodes']),
      rule(Read, [''], ['services']),
      rule(Read, ['networking.k8s.io'], ['ingresses', 'ingressclasses']),
      rule(['patch', 'update'], ['networking.k8s.io'], ['ingresses/status']),
      rule(['list', 'watch', 'get'], ['discovery.k8s.io'], ['endpointslices']),
      eventsRule(),
    ]],
    ['simulated-volume-provisioner', [rule(Read, [''], ['persistentvolumeclaims']), rule(['get', 'list', 'watch', 'create'], [''], ['persistentvolumes']), rule(Read, [storage], ['storageclasses']), eventsRule()]],
  ];
}

const controllers = (): [string, PolicyRule[]][] => [...upstreamControllers(), ...drydockControllers()];

export function controllerRoles(): KubeObject[] {
  return controllers().map(([account, rules]) => clusterRole(controllerRolePrefix + account, rules));
}

export function controllerRoleBindings(): KubeObject[] {
  return controllers().map(([account]) => clusterRoleBinding(controllerRolePrefix + account, serviceAccount('kube-system', account)));
}
