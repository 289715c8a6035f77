export type Manifest = Record<string, unknown> & { metadata?: Record<string, unknown>; spec?: Record<string, unknown> };
export interface Container {
  name: string;
  image?: string;
}

/** Server-owned metadata that must not be sent back (a stale resourceVersion would conflict on every status write). */
const SERVER_METADATA = ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'managedFields', 'selfLink', 'deletionTimestamp', 'deletionGracePeriodSeconds'];

function podSpecOf(manifest: Manifest): { containers?: Container[]; initContainers?: Container[] } {
  const template = (manifest.spec?.template ?? {}) as { spec?: { containers?: Container[]; initContainers?: Container[] } };
  return template.spec ?? {};
}

export function containersOf(manifest: Manifest): Container[] {
  const spec = podSpecOf(manifest);
  return [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
}

/**
 * The live object with one container's image replaced, as a manifest to apply (the API applies it
 * server-side, forced): status and server-owned metadata dropped, the rest as it is, so applying it
 * changes only the image. No change-cause annotation: it would stay on the Deployment and be copied
 * to every later revision (a rollback or restart would claim to "set image"), which is why kubectl
 * deprecated --record.
 */
export function withImage(manifest: Manifest, container: string, image: string): Manifest {
  const copy = structuredClone(manifest);
  delete copy.status;
  const metadata = { ...(copy.metadata ?? {}) };
  for (const field of SERVER_METADATA) delete metadata[field];
  const annotations = { ...((metadata.annotations as Record<string, string> | undefined) ?? {}) };
  // Not ours to restate: kubectl apply owns it, and `kubectl set image` leaves it alone too.
  delete annotations['kubectl.kubernetes.io/last-applied-configuration'];
  metadata.annotations = annotations;
  copy.metadata = metadata;
  const spec = podSpecOf(copy);
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) if (c.name === container) c.image = image;
  return copy;
}
