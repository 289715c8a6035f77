import { messageSchema } from './message-table';

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';

/** Kinds every group-version serves from apimachinery's meta/v1 (upstream's metav1.AddToGroupVersion, plus Status). */
const META_KINDS = new Set(['DeleteOptions', 'CreateOptions', 'UpdateOptions', 'PatchOptions', 'GetOptions', 'ListOptions', 'WatchEvent', 'Status']);

/** API groups whose Go package is not the group's first DNS label. */
const PACKAGE_BY_GROUP: Record<string, string> = { '': 'core', 'internal.apiserver.k8s.io': 'apiserverinternal' };

/**
 * The message table name of `apiVersion` + `kind` (`apps/v1`, `Deployment` → `io.k8s.api.apps.v1.Deployment`),
 * or undefined when the table has no such message.
 */
export function messageNameForKind(apiVersion: string, kind: string): string | undefined {
  const slash = apiVersion.lastIndexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = apiVersion.slice(slash + 1);
  const goPackage = PACKAGE_BY_GROUP[group] ?? group.split('.')[0];
  const candidates = [`io.k8s.api.${goPackage}.${version}.${kind}`];
  if (META_KINDS.has(kind)) candidates.push(`${META}.${kind}`);
  return candidates.find((name) => messageSchema(name) !== undefined);
}
