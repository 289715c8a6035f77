import { dealHand, FairQueueSet, type Seat } from './fair-queue-set';

/** Frees a seat the test holds. */
function release(seat: Seat): void {
  if (typeof seat !== 'function') throw new Error(`expected a seat, got ${JSON.stringify(seat)}`);
  seat();
}

const config = { concurrencyLimit: 2, queues: 16, handSize: 4, queueLengthLimit: 3, queueWaitMs: 60_000 };

describe('FairQueueSet (API Priority and Fairness queuing)', () => {
  it('rejects a flood from one flow once its hand of queues is full, while another flow still queues', async () => {
    const set = new FairQueueSet(config);
    const seats = await Promise.all([set.acquire('flood'), set.acquire('flood')]);
    expect(seats.every((seat) => typeof seat === 'function')).toBe(true);
    const waiting: Promise<Seat>[] = Array.from({ length: config.handSize * config.queueLengthLimit }, () => set.acquire('flood'));
    expect(await set.acquire('flood')).toEqual({ rejected: 'queue-full' });
    const other = set.acquire('quiet');
    expect(set.load).toEqual({ executing: 2, waiting: config.handSize * config.queueLengthLimit + 1 });
    // The next free seat goes to the quiet flow's queue: it has none executing, the flood's queues do.
    release(seats[0]);
    const quietSeat = await other;
    expect(typeof quietSeat).toBe('function');
    release(quietSeat);
    release(seats[1]);
    for (const seat of waiting) release(await seat);
    expect(set.load).toEqual({ executing: 0, waiting: 0 });
  });

  it('rejects a request that waited longer than the queue wait limit', async () => {
    jest.useFakeTimers();
    try {
      const set = new FairQueueSet({ ...config, concurrencyLimit: 1, queueWaitMs: 1000 });
      const held = await set.acquire('a');
      const queued = set.acquire('b');
      jest.advanceTimersByTime(1001);
      expect(await queued).toEqual({ rejected: 'time-out' });
      release(held);
      expect(set.load).toEqual({ executing: 0, waiting: 0 });
    } finally {
      jest.useRealTimers();
    }
  });

  it('rejects at once beyond the limit when the level does not queue (catch-all)', async () => {
    const set = new FairQueueSet({ ...config, concurrencyLimit: 1, queues: 0 });
    const held = await set.acquire('a');
    expect(await set.acquire('b')).toEqual({ rejected: 'concurrency-limit' });
    release(held);
    expect(typeof (await set.acquire('b'))).toBe('function');
    expect(set.digest()).toEqual({ activeQueues: 0, waiting: 0, executing: 1, dispatched: 2, rejected: 1, timedOut: 0 });
  });

  it('deals each flow a stable hand of distinct queues', () => {
    const hand = dealHand('global-default\u0000alice', 128, 6);
    expect(new Set(hand).size).toBe(6);
    expect(hand.every((card) => card >= 0 && card < 128)).toBe(true);
    expect(dealHand('global-default\u0000alice', 128, 6)).toEqual(hand);
    expect(dealHand('global-default\u0000bob', 128, 6)).not.toEqual(hand);
  });
});
