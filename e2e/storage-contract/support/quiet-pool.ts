import { Pool } from 'pg';

/**
 * A pool for a test's extra connections. pool.end() resolves before its sockets have closed, so
 * dropping the database (WITH FORCE) right after can terminate them; an idle connection reports
 * that as an 'error' event, which would crash the test run without a listener.
 */
export function quietPool(connectionString: string, max = 4): Pool {
  const pool = new Pool({ connectionString, max });
  pool.on('error', () => undefined);
  return pool;
}
