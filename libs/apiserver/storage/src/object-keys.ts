import { ALL_CLUSTERS, type CollectionKey, type ObjectKey } from './store.types';

/** A map key for one object; NUL cannot occur in any key part. */
export function objectKeyString(key: ObjectKey): string {
  return `${key.cluster}\0${key.resource}\0${key.namespace}\0${key.name}`;
}

/** A map key for one resource in one cluster (every namespace). */
export function resourceKeyString(cluster: string, resource: string): string {
  return `${cluster}\0${resource}`;
}

export function inCollection(key: ObjectKey, collection: CollectionKey): boolean {
  return (
    (key.cluster === collection.cluster || collection.cluster === ALL_CLUSTERS) &&
    key.resource === collection.resource &&
    (collection.namespace === undefined || key.namespace === collection.namespace)
  );
}

/** `namespace/name`, or `name` for cluster-scoped objects, for messages. */
export function describeKey(key: ObjectKey): string {
  const path = key.namespace ? `${key.namespace}/${key.name}` : key.name;
  return `${key.resource} "${path}" in cluster "${key.cluster}"`;
}

/** Throws unless every part of the key is a string and the name is set (namespace may be ''). */
export function assertObjectKey(key: ObjectKey): void {
  const parts = [key.cluster, key.resource, key.namespace, key.name];
  if (parts.some((part) => typeof part !== 'string') || !key.cluster || !key.resource || !key.name) {
    throw new TypeError(`invalid object key ${JSON.stringify(key)}`);
  }
}

/** Orders objects like the store's lists: by namespace, then name, in byte order. */
export function compareNamespaceName(a: { namespace: string; name: string }, b: { namespace: string; name: string }): number {
  if (a.namespace !== b.namespace) return a.namespace < b.namespace ? -1 : 1;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return 0;
}
