import { openStore, OpenedStore, OpenStoreOptions } from '@drydock/storage';
import { startTestPostgres, TestDatabase } from '@drydock/testing';

export interface TestStore extends OpenedStore {
  database: TestDatabase;
  /** Background errors reported by the pool, the hub and the compactor. */
  errors: unknown[];
}

/** A migrated store on a fresh database; close() also drops the database. */
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
