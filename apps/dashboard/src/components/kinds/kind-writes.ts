import { stringify } from 'yaml';
import type { KubeKindsQuery } from '@/lib/graphql-types.generated';

export type ServedKind = KubeKindsQuery['kinds'][number];
export type KubeObjectJson = Record<string, unknown> & { metadata?: Record<string, unknown> };

/**
 * The generated schema's write fields of a kind, named by its one convention (docs/api-coverage.md):
 * the get field `appsV1Deployment` is the type `AppsV1Deployment`, whose delete is `deleteAppsV1Deployment`.
 * The field names depend on the kind, so these documents are built at run time.
 */
const typeNameOf = (kind: ServedKind) => kind.getField.charAt(0).toUpperCase() + kind.getField.slice(1);

/** Names the object: `namespace` and `name` arguments (namespaced kinds) or `name` alone. */
function target(kind: ServedKind): { variables: string; args: string } {
  return kind.namespaced ? { variables: '$namespace: String!, $name: String!', args: 'namespace: $namespace, name: $name' } : { variables: '$name: String!', args: 'name: $name' };
}

/**
 * PUT of the whole object through the generic `kindReplace` (its body the API's JSON, as the YAML has it: the typed
 * `replace…` inputs rename fields such as a CRD's `x-kubernetes-preserve-unknown-fields`); a stale
 * metadata.resourceVersion gets 409 Conflict. The answer is the stored (or dry-run) object.
 */
export const KIND_REPLACE = /* GraphQL */ `
  mutation KindReplace($group: String!, $version: String!, $resource: String!, $namespace: String, $name: String!, $body: JSON!, $dryRun: Boolean) {
    stored: kindReplace(group: $group, version: $version, resource: $resource, namespace: $namespace, name: $name, body: $body, dryRun: $dryRun)
  }
`;

/** DELETE with kubectl's default propagation (background); the answer is the API's (the object while finalizers hold it, else a Status). */
export function deleteMutation(kind: ServedKind): string {
  const type = typeNameOf(kind);
  const { variables, args } = target(kind);
  return `mutation KindDelete(${variables}) { deleted: delete${type}(${args}, propagationPolicy: Background) }`;
}

// Update goes through the generic kindReplace (any served kind); delete through the kind's generated field.
export const canWrite = (kind: ServedKind, verb: 'update' | 'delete') => (verb === 'update' || Boolean(kind.getField)) && kind.verbs.includes(verb);

/**
 * An object as `kubectl get -o yaml` prints it: keys in alphabetical order (kubectl's YAML goes through a map;
 * the store's jsonb has its own order), so the editor, the view and a diff's two sides agree line by line.
 */
export const kubectlYaml = (object: unknown) => stringify(object, { sortMapEntries: true });

/** The YAML the editor starts from: the object without metadata.managedFields, as `kubectl edit` shows it (a PUT without them keeps them). */
export function editableYaml(object: KubeObjectJson): string {
  if (!object.metadata) return kubectlYaml(object);
  const metadata = { ...object.metadata };
  delete metadata.managedFields;
  return kubectlYaml({ ...object, metadata });
}
