import { MemoryObjectStore } from '@drydock/testing';
import { LiveLookup } from './live-lookup';

describe('LiveLookup', () => {
  it('asks the store once per TTL while the watch cache has nothing, and prefers the cache', async () => {
    const store = new MemoryObjectStore();
    const list = jest.spyOn(store, 'list');
    let now = 0;
    let cached: { metadata: { name: string } }[] = [];
    const lookup = new LiveLookup(store, { snapshot: () => ({ items: cached }) }, 'resourcequotas', 30_000, () => now);
    expect(await lookup.list('default', 'team')).toEqual([]);
    expect(await lookup.list('default', 'team')).toEqual([]);
    expect(list).toHaveBeenCalledTimes(1);
    now = 30_001;
    await lookup.list('default', 'team');
    expect(list).toHaveBeenCalledTimes(2);
    cached = [{ metadata: { name: 'q' } }];
    expect(await lookup.list('default', 'team')).toEqual(cached);
    expect(list).toHaveBeenCalledTimes(2);
  });
});
