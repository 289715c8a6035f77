import type { Pool } from 'pg';

/** Connection-level error codes of node's sockets and PostgreSQL's class 08 / 57P0x (the server went away). */
const unreachableCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTCONN', '57P01', '57P02', '57P03']);
const unreachableMessages = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connection error|Client was closed and is not queryable|database unreachable|Query read timeout/i;

/**
 * True when `error` says the database could not be reached (refused, reset, shutting down, timed out
 * connecting, no answer to a query within pg's query_timeout), as opposed to a query that failed: upstream's storage.IsUnreachable, which the API
 * answers with a retryable ServerTimeout instead of an InternalError.
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { code, message, errors } = error as { code?: unknown; message?: unknown; errors?: unknown };
  if (typeof code === 'string' && (unreachableCodes.has(code) || code.startsWith('08'))) return true;
  if (Array.isArray(errors) && errors.some(isDatabaseUnreachable)) return true; // AggregateError of a dual-stack connect
  return typeof message === 'string' && unreachableMessages.test(message);
}

/**
 * One round trip to the database within `timeoutMs` (upstream's etcd health check: a read with a
 * deadline). Rejects with why when the database cannot be reached.
 */
export async function pingDatabase(pool: Pool, timeoutMs = 2000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`database unreachable: no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([pool.query('SELECT 1'), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
