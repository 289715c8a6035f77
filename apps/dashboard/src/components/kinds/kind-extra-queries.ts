/**
 * The documents of the pages some kinds get beyond the generic one (kind-extras.tsx), through the generated schema's
 * relation fields. That schema (kinds-schema.graphql) is not the one the dashboard's typed documents are checked
 * against, so these are plain strings, validated against it by kind-extra-queries.spec.ts.
 */
export const SERVICE_RELATIONS = 'query ServiceRelations($namespace: String!, $name: String!) { object: coreV1Service(namespace: $namespace, name: $name) { selectedPods { raw } endpointSlices { raw } } }';

export const CLAIM_STORAGE = 'query ClaimStorage($namespace: String!, $name: String!) { object: coreV1PersistentVolumeClaim(namespace: $namespace, name: $name) { persistentVolume { raw } storageClass { raw } } }';

export const SECRET_REVEAL = 'query SecretReveal($namespace: String!, $name: String!) { object: coreV1Secret(namespace: $namespace, name: $name) { data } }';

/** The pods that use a ConfigMap, Secret or claim. */
export const usedByQuery = (getField: 'coreV1ConfigMap' | 'coreV1Secret' | 'coreV1PersistentVolumeClaim') => `query UsedBy($namespace: String!, $name: String!) { object: ${getField}(namespace: $namespace, name: $name) { pods { raw } } }`;

/** A binding's role (its rules: `raw` is on each object type, not on the KubeObject interface) and which subjects exist. */
export function bindingQuery(getField: string, namespaced: boolean): string {
  const args = namespaced ? '(namespace: $namespace, name: $name)' : '(name: $name)';
  return `query BindingAccess(${namespaced ? '$namespace: String!, ' : ''}$name: String!) { object: ${getField}${args} { role { kind ... on RbacV1Role { raw } ... on RbacV1ClusterRole { raw } } subjectObjects { kind } } }`;
}

/** The bindings that grant a Role (its namespace's RoleBindings) or a ClusterRole (ClusterRoleBindings and RoleBindings anywhere), with their subjects. */
export function roleBindingsQuery(getField: 'rbacV1Role' | 'rbacV1ClusterRole'): string {
  const namespaced = getField === 'rbacV1Role';
  const args = namespaced ? '(namespace: $namespace, name: $name)' : '(name: $name)';
  const subjects = 'subjects { kind name namespace }';
  return `query RoleBindings(${namespaced ? '$namespace: String!, ' : ''}$name: String!) { object: ${getField}${args} { bindings { kind metadata { name namespace } ... on RbacV1RoleBinding { ${subjects} } ... on RbacV1ClusterRoleBinding { ${subjects} } } } }`;
}
