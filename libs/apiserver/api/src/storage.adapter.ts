import type { Logger } from 'pino';
import type { Pool } from 'pg';
import { openStore, PostgresObjectStore, WatchHub } from '@drydock/storage';
import type { ApiServerConfig } from './api-server.config';

/** The API server's view of storage: the object store, its watch cache, and the compactor. */
export interface Storage {
  store: PostgresObjectStore;
  watch: WatchHub;
  /** The one pool: Prisma's tables (credentials, audit) share it with the object store. */
  pool: Pool;
  close(): Promise<void>;
}

/**
 * Opens storage as @drydock/storage's openStore does for everyone, with the API server's pool size,
 * compaction window and logger. The API server is the one owner of migrations: every API server
 * applies the pending ones here before it serves. A `DATABASE_URL` deployment runs several API servers
 * without the launcher (docker/compose.yaml), so a launcher-only migration would leave them on an
 * old schema; concurrent starts are safe because the migrator serializes on Prisma's advisory lock
 * and the later servers find nothing left to apply.
 */
export async function openStorage(config: ApiServerConfig, logger: Logger): Promise<Storage> {
  const opened = await openStore(config.databaseUrl, {
    // A connection attempt gives up after 5 s, and a query sent on an open connection after the query
    // timeout: a database that does not answer fails requests (ServerTimeout), never hangs them. The
    // server cancels a statement the API server gave up on (statement_timeout, the same deadline), so it
    // does not go on holding the locks it waits for or took; and ends a session of ours left idle in a
    // transaction. No lock_timeout: a write waiting behind another is bounded by both already.
    pool: { max: 20, connectionTimeoutMillis: 5000, query_timeout: config.storeQueryTimeoutMs, statement_timeout: config.storeQueryTimeoutMs, idle_in_transaction_session_timeout: config.storeIdleInTransactionTimeoutMs },
    compactor: { keepMs: config.compactionWindowMs, intervalMs: config.compactionIntervalMs },
    onError: (error) => logger.warn({ err: error }, 'storage background failure'),
  });
  return { store: opened.store, watch: opened.hub, pool: opened.pool, close: opened.close };
}
