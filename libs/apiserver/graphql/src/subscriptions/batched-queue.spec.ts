import { BatchedQueue, MAX_PENDING_BATCHES } from './batched-queue';

describe('batched subscription queues', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('delivers 10,000 changes pushed within one window as one message', async () => {
    const queue = new BatchedQueue<number>();
    for (let i = 0; i < 10_000; i++) queue.push(i);
    const next = queue.next();
    jest.advanceTimersByTime(250);
    const batch = await next;
    expect(batch.done).toBe(false);
    expect(batch.value).toHaveLength(10_000);
  });

  it('closes a window at most 250 ms after its first change, whatever follows', async () => {
    const queue = new BatchedQueue<string>();
    const first = queue.next();
    queue.push('a');
    jest.advanceTimersByTime(200);
    queue.push('b');
    jest.advanceTimersByTime(50);
    expect((await first).value).toEqual(['a', 'b']);
    queue.push('c');
    jest.advanceTimersByTime(249);
    const second = queue.next();
    let settled = false;
    void second.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    jest.advanceTimersByTime(1);
    expect((await second).value).toEqual(['c']);
  });

  it('merges changes of one key inside a window, keeping their order of first appearance', async () => {
    const queue = new BatchedQueue<{ id: string; v: number; type: string }>(undefined, 250, (previous, next) => (previous.type === 'ADDED' ? { ...next, type: 'ADDED' } : next));
    queue.push({ id: 'a', v: 1, type: 'ADDED' }, 'a');
    queue.push({ id: 'b', v: 1, type: 'MODIFIED' }, 'b');
    queue.push({ id: 'a', v: 2, type: 'MODIFIED' }, 'a');
    jest.advanceTimersByTime(250);
    expect((await queue.next()).value).toEqual([{ id: 'a', v: 2, type: 'ADDED' }, { id: 'b', v: 1, type: 'MODIFIED' }]);
  });

  it('stops its sources once when the client unsubscribes, and ends', async () => {
    const onClose = jest.fn();
    const queue = new BatchedQueue<number>(onClose);
    const pending = queue.next();
    await queue.return();
    await queue.return();
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(await pending).toEqual({ value: undefined, done: true });
    queue.push(1);
    expect(await queue.next()).toEqual({ value: undefined, done: true });
  });

  it('delivers what was pushed before the source ended, then ends', async () => {
    const queue = new BatchedQueue<number>();
    queue.push(1);
    queue.end();
    expect(await queue.next()).toEqual({ value: [1], done: false });
    expect(await queue.next()).toEqual({ value: undefined, done: true });
  });

  it('gives a client that does not keep up fewer, larger messages instead of an ever longer queue', async () => {
    const queue = new BatchedQueue<number>();
    for (let window = 0; window < MAX_PENDING_BATCHES + 10; window++) {
      queue.push(window);
      jest.advanceTimersByTime(250);
    }
    const batches: number[][] = [];
    for (let i = 0; i < MAX_PENDING_BATCHES; i++) batches.push((await queue.next()).value as number[]);
    expect(batches[0]).toEqual([0]);
    expect(batches[MAX_PENDING_BATCHES - 1]).toEqual(Array.from({ length: 11 }, (_, i) => MAX_PENDING_BATCHES - 1 + i));
    expect(batches.flat()).toHaveLength(MAX_PENDING_BATCHES + 10);
  });

  it('ends a subscriber that leaves more than maxPending changes untaken: drops them, stops its sources, says so once', async () => {
    const onClose = jest.fn();
    const onOverflow = jest.fn();
    const queue = new BatchedQueue<number>(onClose, 250, undefined, { maxPending: 100, onOverflow });
    for (let i = 0; i < 100; i++) queue.push(i);
    jest.advanceTimersByTime(250);
    expect(onOverflow).not.toHaveBeenCalled();
    expect((await queue.next()).value).toHaveLength(100);
    // Taken changes no longer count; same-key merges never did.
    for (let i = 0; i < 100; i++) queue.push(i, 'one key');
    for (let i = 0; i < 99; i++) queue.push(i);
    expect(onOverflow).not.toHaveBeenCalled();
    queue.push(100);
    queue.push(101);
    expect(onOverflow).toHaveBeenCalledTimes(1);
    expect(onClose).toHaveBeenCalledTimes(1);
    await expect(queue.next()).rejects.toThrow('the subscriber fell more than 100 changes behind; subscribe again');
  });
});
