import type { KubeObject } from '@drydock/util';
import { ApiError } from '@drydock/client';

/** A namespace objects may be created in: not being deleted, not Terminating. */
export function isActive(namespace: KubeObject): boolean {
  return !namespace.metadata.deletionTimestamp && (namespace.status as { phase?: string } | undefined)?.phase !== 'Terminating';
}

/** apierrors.HasStatusCause(err, v1.NamespaceTerminatingCause): NamespaceLifecycle refused a create. */
export function isNamespaceTerminatingError(error: unknown): boolean {
  return error instanceof ApiError && error.code === 403 && /because it is being terminated/.test(error.message);
}
