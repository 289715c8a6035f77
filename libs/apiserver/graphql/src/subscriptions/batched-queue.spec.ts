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

  it('ends a subscriber that leaves more than maxPendingBytes untaken, however few changes that is (128 KiB objects), a merged change counting its latest size', async () => {
    const onOverflow = jest.fn();
    const queue = new BatchedQueue<string>(undefined, 250, undefined, { maxPending: 10_000, maxPendingBytes: 1_000, onOverflow });
    queue.push('a', 'a', 300);
    queue.push('b', 'b', 300);
    jest.advanceTimersByTime(250);
    expect((await queue.next()).value).toEqual(['a', 'b']);
    // Taken batches no longer count: 300 + 300 + 300 more wait, then 'c' grows from 300 to 500 (1,100 in all).
    queue.push('c', 'c', 300);
    jest.advanceTimersByTime(250);
    queue.push('d', 'd', 300);
    queue.push('e', 'e', 300);
    expect(onOverflow).not.toHaveBeenCalled();
    queue.push('e2', 'e', 200);
    expect(onOverflow).not.toHaveBeenCalled();
    queue.push('e3', 'e', 500);
    expect(onOverflow).toHaveBeenCalledTimes(1);
    await expect(queue.next()).rejects.toThrow('the subscriber left more than 1000 bytes of changes untaken; subscribe again');
  });

  it('gives a subscriber that is waiting for its next batch a burst beyond the bound early instead of ending it', async () => {
    const onOverflow = jest.fn();
    const queue = new BatchedQueue<number>(undefined, 250, undefined, { maxPendingBytes: 1_000, onOverflow });
    const next = queue.next();
    for (let i = 0; i < 5; i++) queue.push(i, undefined, 300);
    expect(onOverflow).not.toHaveBeenCalled();
    expect((await next).value).toEqual([0, 1, 2, 3]);
    jest.advanceTimersByTime(250);
    expect((await queue.next()).value).toEqual([4]);
  });
});
