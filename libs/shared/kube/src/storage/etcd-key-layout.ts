/**
 * Where kube-apiserver keeps each resource in etcd (pkg/registry/<group>/<resource>/storage and
 * pkg/kubeapiserver/default_storage_factory_builder.go): `/registry/<resource>` for the built-in kinds
 * of every built-in group, with upstream's historical exceptions (nodes are `minions`, replication
 * controllers `controllers`, Services `services/specs`, Endpoints `services/endpoints`, Ingresses
 * `ingress`, PodSecurityPolicies `podsecuritypolicy`), and `/registry/<group>/<resource>` for the
 * kinds of other groups: custom resources, CRDs themselves, APIServices, and Drydock's own kinds.
 * Objects follow as `/<namespace>/<name>` or `/<name>`.
 */
export const ETCD_REGISTRY_ROOT = '/registry';

/** Built-in resources whose storage prefix is not their plural (resource → path under /registry). */
const EXCEPTIONS: Record<string, string> = {
  nodes: 'minions',
  replicationcontrollers: 'controllers',
  services: 'services/specs',
  endpoints: 'services/endpoints',
  'ingresses.networking.k8s.io': 'ingress',
  'ingresses.extensions': 'ingress',
  'customresourcedefinitions.apiextensions.k8s.io': 'apiextensions.k8s.io/customresourcedefinitions',
  'apiservices.apiregistration.k8s.io': 'apiregistration.k8s.io/apiservices',
};

/** Groups kube-apiserver serves itself: the core group, the unqualified ones and `*.k8s.io`. */
function isBuiltInGroup(group: string): boolean {
  return group === '' || !group.includes('.') || group.endsWith('.k8s.io');
}

/**
 * The etcd prefix of a resource named as Drydock's store names it (`pods`, `deployments.apps`,
 * `widgets.example.com`), without a trailing slash: `/registry/pods`, `/registry/example.com/widgets`.
 */
export function etcdPrefixOf(qualifiedResource: string): string {
  const dot = qualifiedResource.indexOf('.');
  const resource = dot < 0 ? qualifiedResource : qualifiedResource.slice(0, dot);
  const group = dot < 0 ? '' : qualifiedResource.slice(dot + 1);
  const path = EXCEPTIONS[qualifiedResource] ?? (isBuiltInGroup(group) ? resource : `${group}/${resource}`);
  return `${ETCD_REGISTRY_ROOT}/${path}`;
}

/** The etcd key of one object: `/registry/pods/default/web-1`, `/registry/minions/node-1`. */
export function etcdKeyOf(qualifiedResource: string, namespace: string, name: string): string {
  const prefix = etcdPrefixOf(qualifiedResource);
  return namespace ? `${prefix}/${namespace}/${name}` : `${prefix}/${name}`;
}
