import type { ResourceRef } from './client.types';

const ref = (group: string, version: string, resource: string, kind: string, namespaced = true): ResourceRef => ({ group, version, resource, kind, namespaced });

/** The built-in resources workers read and write, addressed as the client needs them. */
export const resources = {
  pods: ref('', 'v1', 'pods', 'Pod'),
  nodes: ref('', 'v1', 'nodes', 'Node', false),
  namespaces: ref('', 'v1', 'namespaces', 'Namespace', false),
  events: ref('', 'v1', 'events', 'Event'),
  services: ref('', 'v1', 'services', 'Service'),
  endpoints: ref('', 'v1', 'endpoints', 'Endpoints'),
  configmaps: ref('', 'v1', 'configmaps', 'ConfigMap'),
  secrets: ref('', 'v1', 'secrets', 'Secret'),
  serviceaccounts: ref('', 'v1', 'serviceaccounts', 'ServiceAccount'),
  persistentvolumeclaims: ref('', 'v1', 'persistentvolumeclaims', 'PersistentVolumeClaim'),
  persistentvolumes: ref('', 'v1', 'persistentvolumes', 'PersistentVolume', false),
  replicationcontrollers: ref('', 'v1', 'replicationcontrollers', 'ReplicationController'),
  resourcequotas: ref('', 'v1', 'resourcequotas', 'ResourceQuota'),
  limitranges: ref('', 'v1', 'limitranges', 'LimitRange'),
  deployments: ref('apps', 'v1', 'deployments', 'Deployment'),
  replicasets: ref('apps', 'v1', 'replicasets', 'ReplicaSet'),
  statefulsets: ref('apps', 'v1', 'statefulsets', 'StatefulSet'),
  daemonsets: ref('apps', 'v1', 'daemonsets', 'DaemonSet'),
  controllerrevisions: ref('apps', 'v1', 'controllerrevisions', 'ControllerRevision'),
  jobs: ref('batch', 'v1', 'jobs', 'Job'),
  cronjobs: ref('batch', 'v1', 'cronjobs', 'CronJob'),
  leases: ref('coordination.k8s.io', 'v1', 'leases', 'Lease'),
  poddisruptionbudgets: ref('policy', 'v1', 'poddisruptionbudgets', 'PodDisruptionBudget'),
  ingresses: ref('networking.k8s.io', 'v1', 'ingresses', 'Ingress'),
  ingressclasses: ref('networking.k8s.io', 'v1', 'ingressclasses', 'IngressClass', false),
  networkpolicies: ref('networking.k8s.io', 'v1', 'networkpolicies', 'NetworkPolicy'),
  endpointslices: ref('discovery.k8s.io', 'v1', 'endpointslices', 'EndpointSlice'),
  horizontalpodautoscalers: ref('autoscaling', 'v2', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler'),
  horizontalpodautoscalersV1: ref('autoscaling', 'v1', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler'),
  podmetrics: ref('metrics.k8s.io', 'v1beta1', 'pods', 'PodMetrics'),
  priorityclasses: ref('scheduling.k8s.io', 'v1', 'priorityclasses', 'PriorityClass', false),
  storageclasses: ref('storage.k8s.io', 'v1', 'storageclasses', 'StorageClass', false),
  eventsV1: ref('events.k8s.io', 'v1', 'events', 'Event'),
  clusterroles: ref('rbac.authorization.k8s.io', 'v1', 'clusterroles', 'ClusterRole', false),
  rolebindings: ref('rbac.authorization.k8s.io', 'v1', 'rolebindings', 'RoleBinding'),
  teams: ref('drydock.dev', 'v1', 'teams', 'Team', false),
  users: ref('drydock.dev', 'v1', 'users', 'User', false),
  clusters: ref('drydock.dev', 'v1', 'clusters', 'Cluster', false),
  auditevents: ref('drydock.dev', 'v1', 'auditevents', 'AuditEvent'),
} satisfies Record<string, ResourceRef>;

/** `v1` or `apps/v1`: the apiVersion of objects of this resource. */
export function apiVersionOf(resource: ResourceRef): string {
  return resource.group ? `${resource.group}/${resource.version}` : resource.version;
}

/**
 * The REST path of a resource collection or object: `/api/v1/namespaces/ns/pods/name/status`.
 * A namespaced resource without a namespace addresses all namespaces (list and watch only).
 * Every segment is percent-encoded, so a name from user input (a GraphQL argument) can never break the
 * path; a lone surrogate becomes U+FFFD, as Go's JSON decoder reads one in a Kubernetes client's input.
 */
export function resourcePath(resource: ResourceRef, namespace?: string, name?: string, subresource?: string): string {
  let path = resource.group ? `/apis/${pathSegment(resource.group)}/${pathSegment(resource.version)}` : `/api/${pathSegment(resource.version)}`;
  if (resource.namespaced && namespace) path += `/namespaces/${pathSegment(namespace)}`;
  path += `/${pathSegment(resource.resource)}`;
  if (name !== undefined) path += `/${pathSegment(name)}`;
  if (subresource) path += `/${pathSegment(subresource)}`;
  return path;
}

/** One percent-encoded path segment; a lone surrogate becomes U+FFFD (see resourcePath). */
export function pathSegment(value: string): string {
  return encodeURIComponent(Buffer.from(value, 'utf8').toString('utf8'));
}
