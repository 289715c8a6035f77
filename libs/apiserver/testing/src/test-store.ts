import { openStore, OpenedStore, OpenStoreOptions } from '@drydock/storage';
import { startTestPostgres, TestDatabase } from './test-postgres';

export interface TestStore extends OpenedStore {
  database: TestDatabase;
  /** Background errors the pool, the watch hub and the compactor reported (not printed). */
  errors: unknown[];
}

/**
 * A migrated object store with its watch hub on a fresh database of the worker's embedded
 * PostgreSQL (the compactor is off unless asked for). close() also drops the database.
 */
export async function openTestStore(options: OpenStoreOptions = {}): Promise<TestStore> {
  const database = await startTestPostgres();
  const errors: unknown[] = [];
  const opened = await openStore(database.url, { compactor: false, onError: (error) => errors.push(error), ...options });
  return {
    ...opened,
    database,
    errors,
    close: async () => {
      await opened.close();
      await database.drop();
    },
  };
}
