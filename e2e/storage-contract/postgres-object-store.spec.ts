import { describeObjectStoreContract } from './support/object-store.contract';
import { openTestStore } from '@drydock/testing';

// Real PostgreSQL: allow for a slow disk (the project's testTimeout is not applied by Jest 30).
jest.setTimeout(60_000);

describeObjectStoreContract('PostgresObjectStore', async () => {
  const opened = await openTestStore();
  return { store: opened.store, close: opened.close };
});
