import { stringify } from 'yaml';
import type { KubeKindsQuery } from '@/lib/graphql-types.generated';

export type ServedKind = KubeKindsQuery['kinds'][number];
export type KubeObjectJson = Record<string, unknown> & { metadata?: Record<string, unknown> };

/**
 * The generated schema's write fields of a kind, named by its one convention (docs/api-coverage.md):
 * the get field `appsV1Deployment` is the type `AppsV1Deployment`, whose PUT is `replaceAppsV1Deployment`
 * taking an `AppsV1DeploymentInput`, and whose delete is `deleteAppsV1Deployment`. The field names
 * depend on the kind, so these documents are built at run time.
 */
const typeNameOf = (kind: ServedKind) => kind.getField.charAt(0).toUpperCase() + kind.getField.slice(1);

/** Names the object: `namespace` and `name` arguments (namespaced kinds) or `name` alone. */
function target(kind: ServedKind): { variables: string; args: string } {
  return kind.namespaced ? { variables: '$namespace: String!, $name: String!', args: 'namespace: $namespace, name: $name' } : { variables: '$name: String!', args: 'name: $name' };
}

/** PUT of the whole object (a stale metadata.resourceVersion gets 409 Conflict); the answer's `raw` is the stored (or dry-run) object. */
export function replaceMutation(kind: ServedKind): string {
  const type = typeNameOf(kind);
  const { variables, args } = target(kind);
  return `mutation KindReplace(${variables}, $body: ${type}Input!, $dryRun: Boolean) { object: replace${type}(${args}, body: $body, dryRun: $dryRun) { raw } }`;
}

/** DELETE with kubectl's default propagation (background); the answer is the API's (the object while finalizers hold it, else a Status). */
export function deleteMutation(kind: ServedKind): string {
  const type = typeNameOf(kind);
  const { variables, args } = target(kind);
  return `mutation KindDelete(${variables}) { deleted: delete${type}(${args}, propagationPolicy: Background) }`;
}

export const canWrite = (kind: ServedKind, verb: 'update' | 'delete') => Boolean(kind.getField) && kind.verbs.includes(verb);

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
