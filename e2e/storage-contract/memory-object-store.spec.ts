import { MemoryObjectStore } from '@drydock/testing';
import { describeObjectStoreContract } from './support/object-store.contract';

// The test double other libraries' unit tests use must keep the same contract as the real store.
describeObjectStoreContract('MemoryObjectStore', async () => {
  const store = new MemoryObjectStore();
  return { store, close: () => store.close() };
});
