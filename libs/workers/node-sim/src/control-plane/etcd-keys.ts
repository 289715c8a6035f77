import type { ResourceRef } from '@drydock/client';

/**
 * Where kube-apiserver keeps each resource in etcd (its storage prefixes: `/registry/<resource>` for
 * built-in kinds, with upstream's historical exceptions — nodes are `minions`, replication controllers
 * `controllers`, Services `services/specs` and Endpoints `services/endpoints` — and
 * `/registry/<group>/<resource>` for custom resources and other API groups' own kinds), then
 * `/<namespace>/<name>` or `/<name>`.
 */
export interface StoredResource {
  ref: ResourceRef;
  prefix: string;
}

const stored = (group: string, version: string, resource: string, kind: string, namespaced: boolean, prefix = resource): StoredResource => ({ ref: { group, version, resource, kind, namespaced }, prefix: `/registry/${prefix}` });

/** The built-in resources Drydock keeps, as upstream lays them out (events of events.k8s.io are the core ones). */
export const BUILT_IN_STORAGE: StoredResource[] = [
  stored('', 'v1', 'configmaps', 'ConfigMap', true),
  stored('', 'v1', 'endpoints', 'Endpoints', true, 'services/endpoints'),
  stored('', 'v1', 'events', 'Event', true),
  stored('', 'v1', 'limitranges', 'LimitRange', true),
  stored('', 'v1', 'namespaces', 'Namespace', false),
  stored('', 'v1', 'nodes', 'Node', false, 'minions'),
  stored('', 'v1', 'persistentvolumeclaims', 'PersistentVolumeClaim', true),
  stored('', 'v1', 'persistentvolumes', 'PersistentVolume', false),
  stored('', 'v1', 'pods', 'Pod', true),
  stored('', 'v1', 'podtemplates', 'PodTemplate', true),
  stored('', 'v1', 'replicationcontrollers', 'ReplicationController', true, 'controllers'),
  stored('', 'v1', 'resourcequotas', 'ResourceQuota', true),
  stored('', 'v1', 'secrets', 'Secret', true),
  stored('', 'v1', 'serviceaccounts', 'ServiceAccount', true),
  stored('', 'v1', 'services', 'Service', true, 'services/specs'),
  stored('apps', 'v1', 'controllerrevisions', 'ControllerRevision', true),
  stored('apps', 'v1', 'daemonsets', 'DaemonSet', true),
  stored('apps', 'v1', 'deployments', 'Deployment', true),
  stored('apps', 'v1', 'replicasets', 'ReplicaSet', true),
  stored('apps', 'v1', 'statefulsets', 'StatefulSet', true),
  stored('autoscaling', 'v2', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler', true),
  stored('batch', 'v1', 'cronjobs', 'CronJob', true),
  stored('batch', 'v1', 'jobs', 'Job', true),
  stored('coordination.k8s.io', 'v1', 'leases', 'Lease', true),
  stored('discovery.k8s.io', 'v1', 'endpointslices', 'EndpointSlice', true),
  stored('networking.k8s.io', 'v1', 'ingresses', 'Ingress', true, 'ingress'),
  stored('networking.k8s.io', 'v1', 'ingressclasses', 'IngressClass', false),
  stored('networking.k8s.io', 'v1', 'networkpolicies', 'NetworkPolicy', true),
  stored('policy', 'v1', 'poddisruptionbudgets', 'PodDisruptionBudget', true),
  stored('rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', 'ClusterRoleBinding', false),
  stored('rbac.authorization.k8s.io', 'v1', 'clusterroles', 'ClusterRole', false),
  stored('rbac.authorization.k8s.io', 'v1', 'rolebindings', 'RoleBinding', true),
  stored('rbac.authorization.k8s.io', 'v1', 'roles', 'Role', true),
  stored('scheduling.k8s.io', 'v1', 'priorityclasses', 'PriorityClass', false),
  stored('storage.k8s.io', 'v1', 'storageclasses', 'StorageClass', false),
  stored('storage.k8s.io', 'v1', 'csidrivers', 'CSIDriver', false),
  stored('storage.k8s.io', 'v1', 'csinodes', 'CSINode', false),
  stored('storage.k8s.io', 'v1', 'volumeattachments', 'VolumeAttachment', false),
  stored('admissionregistration.k8s.io', 'v1', 'mutatingwebhookconfigurations', 'MutatingWebhookConfiguration', false),
  stored('admissionregistration.k8s.io', 'v1', 'validatingwebhookconfigurations', 'ValidatingWebhookConfiguration', false),
  stored('apiextensions.k8s.io', 'v1', 'customresourcedefinitions', 'CustomResourceDefinition', false, 'apiextensions.k8s.io/customresourcedefinitions'),
  stored('drydock.dev', 'v1', 'users', 'User', false, 'drydock.dev/users'),
  stored('drydock.dev', 'v1', 'teams', 'Team', false, 'drydock.dev/teams'),
];

interface CrdSpec { group: string; scope: string; names: { plural: string; kind: string }; versions?: Array<{ name: string; storage?: boolean }> }

/** A custom resource's storage: `/registry/<group>/<plural>`, read through its storage version. */
export function customResourceStorage(crd: { spec?: unknown }): StoredResource | undefined {
  const spec = crd.spec as CrdSpec | undefined;
  const version = spec?.versions?.find((v) => v.storage)?.name ?? spec?.versions?.[0]?.name;
  if (!spec || !version) return undefined;
  return stored(spec.group, version, spec.names.plural, spec.names.kind, spec.scope === 'Namespaced', `${spec.group}/${spec.names.plural}`);
}

export function registryKey(storage: StoredResource, namespace: string | undefined, name: string): string {
  return storage.ref.namespaced ? `${storage.prefix}/${namespace}/${name}` : `${storage.prefix}/${name}`;
}
