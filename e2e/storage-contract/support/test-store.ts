import { openStore, OpenedStore, OpenStoreOptions } from '@drydock/storage';
import { startTestPostgres, TestDatabase } from '@drydock/testing';

export interface TestStore extends OpenedStore {
  database: TestDatabase;
}

/** A migrated store on a fresh database; close() also drops the database. */
export async function openTestStore(options: OpenStoreOptions = {}): Promise<TestStore> {
  const database = await startTestPostgres();
  const opened = await openStore(database.url, { compactor: false, ...options });
  return {
    ...opened,
    database,
    close: async () => {
      await opened.close();
      await database.drop();
    },
  };
}
