import { Compactor } from './compactor';
import type { ObjectStore } from './store.types';

function fakeStore() {
  const state = { revision: 0, compactedTo: [] as number[] };
  const store = {
    currentRevision: async () => state.revision,
    compact: async (revision: number) => void state.compactedTo.push(revision),
  } as unknown as ObjectStore;
  return { state, store };
}

describe('Compactor', () => {
  it('compacts to the newest revision sampled at least keepMs ago, keeping everything younger', async () => {
    const { state, store } = fakeStore();
    let now = 0;
    const compactor = new Compactor(store, { keepMs: 300, now: () => now });
    state.revision = 10;
    expect(await compactor.runOnce()).toBeUndefined(); // sample (0, 10)
    now = 100;
    state.revision = 20;
    await compactor.runOnce(); // sample (100, 20)
    now = 350;
    state.revision = 30;
    expect(await compactor.runOnce()).toBe(10);
    expect(state.compactedTo).toEqual([11]); // drops rows < 11: revision 10 and older
    now = 400;
    expect(await compactor.runOnce()).toBe(20);
    now = 410;
    expect(await compactor.runOnce()).toBeUndefined();
  });
});
