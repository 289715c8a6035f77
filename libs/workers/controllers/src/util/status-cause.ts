import { ApiError } from '@drydock/client';

/** errors.HasStatusCause: the Status names this cause (`NamespaceTerminating` while a namespace goes). */
export function hasStatusCause(error: unknown, cause: string): boolean {
  return error instanceof ApiError && !!error.status.details?.causes?.some((c) => c.reason === cause);
}
