import { ClusterSet } from './cluster-set';

function recordingSet(startDelayMs = 0) {
  const events: string[] = [];
  const set = new ClusterSet<{ stop(): Promise<void> }, string>(async (cluster, source) => {
    events.push(`start ${cluster} ${source ?? ''}`.trim());
    await new Promise((resolve) => setTimeout(resolve, startDelayMs));
    return { stop: async () => void events.push(`stop ${cluster}`) };
  }, () => undefined);
  return { set, events };
}

describe('ClusterSet', () => {
  it('starts a cluster once however often it is added, and stops it once removed', async () => {
    const { set, events } = recordingSet();
    await Promise.all([set.add('lab', 'spec'), set.add('lab', 'spec'), set.add('default')]);
    expect(set.names().sort()).toEqual(['default', 'lab']);
    await set.remove('lab');
    await set.remove('lab');
    expect(events).toEqual(['start lab spec', 'start default', 'stop lab']);
    expect(set.names()).toEqual(['default']);
  });

  it('stops a cluster removed while it was starting, once it has started', async () => {
    const { set, events } = recordingSet(20);
    const adding = set.add('lab');
    while (events.length === 0) await new Promise((resolve) => setImmediate(resolve));
    const removing = set.remove('lab');
    await Promise.all([adding, removing]);
    expect(events).toEqual(['start lab', 'stop lab']);
    expect(set.get('lab')).toBeUndefined();
  });

  it('keeps serving the other clusters when one fails to start, and starts it on a later attempt by itself', async () => {
    let failures = 2;
    let attempts = 0;
    const set = new ClusterSet<{ stop(): Promise<void> }>(async (cluster) => {
      if (cluster === 'broken') {
        attempts++;
        if (failures-- > 0) throw new Error('no caches');
      }
      return { stop: async () => undefined };
    }, () => undefined);
    await Promise.all([set.add('broken'), set.add('lab')]);
    expect(set.names()).toEqual(['lab']);
    const deadline = Date.now() + 20_000;
    while (!set.get('broken') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(set.names().sort()).toEqual(['broken', 'lab']);
    expect(attempts).toBe(3);
    await set.stop();
  });

  it('gives up retrying a cluster once it is removed', async () => {
    let attempts = 0;
    const set = new ClusterSet<{ stop(): Promise<void> }>(async () => {
      attempts++;
      throw new Error('no caches');
    }, () => undefined);
    await set.add('broken');
    await set.remove('broken');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(attempts).toBe(1);
  });

  it('never starts a cluster removed before its turn came', async () => {
    const { set, events } = recordingSet();
    await Promise.all([set.add('lab'), set.remove('lab')]);
    expect(events).toEqual([]);
  });

  it('starts at most four clusters at once, and every one in the end', async () => {
    let running = 0;
    let most = 0;
    const set = new ClusterSet<{ stop(): Promise<void> }>(async () => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 10));
      running--;
      return { stop: async () => undefined };
    }, () => undefined);
    await Promise.all(Array.from({ length: 12 }, (_, i) => set.add(`c${i}`)));
    expect(most).toBe(4);
    expect(set.names()).toHaveLength(12);
  });

  it('stops every cluster on stop() and ignores adds afterwards', async () => {
    const { set, events } = recordingSet();
    await set.add('a');
    await set.add('b');
    await set.stop();
    await set.add('c');
    expect(events.sort()).toEqual(['start a', 'start b', 'stop a', 'stop b']);
    expect(set.names()).toEqual([]);
  });
});
