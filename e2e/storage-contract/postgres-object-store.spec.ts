import { describeObjectStoreContract } from './support/object-store.contract';
import { openTestStore } from './support/test-store';

describeObjectStoreContract('PostgresObjectStore', async () => {
  const opened = await openTestStore();
  return { store: opened.store, close: opened.close };
});
