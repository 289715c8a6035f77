import type { Logger } from 'pino';
import { Pool } from 'pg';
import { Compactor, PostgresObjectStore, WatchHub, migrate } from '@drydock/storage';
import type { ApiServerConfig } from './api-server.config';

/** The API server's view of storage: the object store, its watch cache, and the compactor. */
export interface Storage {
  store: PostgresObjectStore;
  watch: WatchHub;
  close(): Promise<void>;
}

/** Connects, applies pending migrations (idempotent, safe from several processes), starts the watch cache. */
export async function openStorage(config: ApiServerConfig, logger: Logger): Promise<Storage> {
  const pool = new Pool({ connectionString: config.databaseUrl, max: 20 });
  pool.on('error', (error) => logger.warn({ err: error }, 'idle database connection failed'));
  await migrate(pool);
  const store = new PostgresObjectStore(pool);
  const watch = new WatchHub(pool, { onError: (error) => logger.warn({ err: error }, 'watch cache') });
  await watch.start();
  const compactor = new Compactor(store, { keepMs: config.compactionWindowMs, onError: (error) => logger.warn({ err: error }, 'compaction failed') });
  compactor.start();
  return {
    store,
    watch,
    close: async () => {
      compactor.stop();
      await watch.stop();
      await store.close();
      await pool.end();
    },
  };
}
