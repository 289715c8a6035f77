import { AsyncLocalStorage } from 'node:async_hooks';
import type { UserInfo } from '../../rest/request-context';

const current = new AsyncLocalStorage<UserInfo>();

/**
 * Runs a request's endpoint with its (impersonated) user in context, as upstream's
 * genericapirequest.WithUser, so that storage-level checks (RBAC escalation) can ask who is writing.
 */
export function withRequestUser<T>(user: UserInfo, run: () => Promise<T>): Promise<T> {
  return current.run(user, run);
}

/** UserFrom(ctx): undefined for the API server's own writes (system loops), which upstream makes as system:masters. */
export function requestUser(): UserInfo | undefined {
  return current.getStore();
}

/**
 * Runs `run` as the API server itself (no request user: system:masters' loopback), whatever request's context
 * the caller is in: the API server's own loops started from a request (a sandbox reset or restore bootstraps the
 * cluster again) must not write as the request's user.
 */
export function asApiServer<T>(run: () => T): T {
  return current.exit(run);
}
