import { Pool, PoolConfig } from 'pg';
import { Compactor, CompactorOptions } from './compactor';
import { migrate, readMigrations } from './migrator';
import { PostgresObjectStore, PostgresObjectStoreOptions } from './postgres-object-store';
import { WatchHub, WatchHubOptions } from './watch-hub';

export interface OpenStoreOptions {
  /** Extra pg pool settings. Default pool size 16. */
  pool?: Omit<PoolConfig, 'connectionString'>;
  /**
   * Connections kept apart from the pool, with its settings, for group commits, the change log's tail and
   * the priority lane's reads (PostgresObjectStoreOptions.reservedPool). Default 4; 0 for none.
   */
  reservedConnections?: number;
  /**
   * Apply pending migrations first. Default true. Drydock's one owner of migrations is the API server
   * (each one calls this at start): see ApiServerRuntime. Tests' fresh databases migrate here too.
   */
  migrate?: boolean;
  /** Folder of Prisma migrations. Default: the repository's prisma/migrations. */
  migrationsDir?: string;
  store?: Omit<PostgresObjectStoreOptions, 'ownsPool' | 'reservedPool'>;
  hub?: WatchHubOptions;
  /** Compaction of the change log; false to leave it to another process. */
  compactor?: CompactorOptions | false;
  /** Background errors (idle pool connections, watch hub, compactor). Default: console.error. */
  onError?: (error: unknown) => void;
}

export interface OpenedStore {
  store: PostgresObjectStore;
  hub: WatchHub;
  pool: Pool;
  compactor?: Compactor;
  /** Stops the compactor and the hub, waits for queued writes, ends the pool. */
  close(): Promise<void>;
}

/**
 * The one way to open Drydock's storage: one pool and a few reserved connections (whose idle-connection errors go to `onError`), the
 * migrations, the object store on that pool, the watch hub reading through that store, and the
 * compactor. Anything that fails on the way ends the pool before the error is rethrown.
 */
export async function openStore(databaseUrl: string, options: OpenStoreOptions = {}): Promise<OpenedStore> {
  const report = options.onError ?? ((error: unknown) => console.error('storage:', error));
  let closing = false;
  // Idle connections report the server's shutdown while they are being ended: not news after close().
  const onError = (error: unknown) => void (closing || report(error));
  const pool = new Pool({ max: 16, ...options.pool, connectionString: databaseUrl });
  pool.on('error', onError);
  const reservedConnections = options.reservedConnections ?? 4;
  const reservedPool = reservedConnections > 0 ? new Pool({ ...options.pool, max: reservedConnections, connectionString: databaseUrl }) : undefined;
  reservedPool?.on('error', onError);
  const endPools = () => Promise.all([pool.end(), reservedPool?.end()]);
  try {
    if (options.migrate !== false) await migrate(pool, readMigrations(options.migrationsDir));
    const store = new PostgresObjectStore(pool, { ...options.store, reservedPool });
    const hub = new WatchHub(store, { onError, ...options.hub });
    await hub.start();
    const compactor = options.compactor === false ? undefined : new Compactor(store, { onError, ...options.compactor });
    compactor?.start();
    const close = async () => {
      closing = true;
      compactor?.stop();
      await hub.stop();
      await store.close();
      await endPools();
    };
    return { store, hub, pool, compactor, close };
  } catch (error) {
    await endPools();
    throw error;
  }
}
