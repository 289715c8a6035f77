/** The core group ('') has no name of its own; in a path it is `core`, as the API reference writes it. */
const CORE = 'core';

export const groupSegment = (group: string) => group || CORE;
export const groupOfSegment = (segment: string) => (segment === CORE ? '' : decodeURIComponent(segment));

/** `/kinds/apps/v1/deployments`, with `?namespace=` when one is chosen. */
export function kindHref(kind: { group: string; version: string; resource: string }, namespace?: string): string {
  const path = `/kinds/${groupSegment(kind.group)}/${kind.version}/${kind.resource}`;
  return namespace ? `${path}?namespace=${encodeURIComponent(namespace)}` : path;
}

/** `/kinds/apps/v1/deployments/web?namespace=default`. */
export function objectHref(kind: { group: string; version: string; resource: string }, name: string, namespace?: string | null): string {
  const path = `${kindHref(kind)}/${encodeURIComponent(name)}`;
  return namespace ? `${path}?namespace=${encodeURIComponent(namespace)}` : path;
}

/** `/kinds/apps/v1/deployments/web/map?namespace=default`: the object's resource map. */
export function mapHref(kind: { group: string; version: string; resource: string }, name: string, namespace?: string | null): string {
  const path = `${kindHref(kind)}/${encodeURIComponent(name)}/map`;
  return namespace ? `${path}?namespace=${encodeURIComponent(namespace)}` : path;
}
