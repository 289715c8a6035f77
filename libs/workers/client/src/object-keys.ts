import type { KubeObject } from '@drydock/util';

/** client-go's MetaNamespaceKeyFunc: `namespace/name`, or `name` for a cluster-scoped object. */
export function metaNamespaceKey(object: KubeObject): string {
  const { namespace, name } = object.metadata;
  return namespace ? `${namespace}/${name}` : `${name}`;
}

/** The inverse of metaNamespaceKey: namespace '' for a cluster-scoped key. */
export function splitMetaNamespaceKey(key: string): { namespace: string; name: string } {
  const slash = key.indexOf('/');
  return slash < 0 ? { namespace: '', name: key } : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}
