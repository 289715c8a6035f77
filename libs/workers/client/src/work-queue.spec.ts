import { createClock } from '@drydock/util';
import { BucketRateLimiter, ExponentialFailureRateLimiter, MaxOfRateLimiter, RateLimiter } from './rate-limiter';
import { runWorkers } from './run-workers';
import { WorkQueue } from './work-queue';

const noDelay: RateLimiter<string> = { when: () => 0, forget: () => undefined, numRequeues: () => 0 };
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('WorkQueue', () => {
  it('queues a key added several times while queued once', async () => {
    const queue = new WorkQueue<string>();
    queue.add('a');
    queue.add('b');
    queue.add('a');
    expect(queue.len()).toBe(2);
    expect(await queue.get()).toBe('a');
    expect(await queue.get()).toBe('b');
    expect(queue.len()).toBe(0);
  });

  it('re-queues a key added while it is processed only after done, so no two workers hold it', async () => {
    const queue = new WorkQueue<string>();
    queue.add('a');
    const key = await queue.get();
    queue.add('a');
    queue.add('a');
    expect(queue.len()).toBe(0);
    queue.done(key!);
    expect(queue.len()).toBe(1);
    expect(await queue.get()).toBe('a');
    queue.done('a');
    expect(queue.len()).toBe(0);
  });

  it('hands a key to a waiting get as soon as it is added', async () => {
    const queue = new WorkQueue<string>();
    const pending = queue.get();
    queue.add('late');
    await expect(pending).resolves.toBe('late');
  });

  it('after shutDown, get resolves undefined, waiting gets too, and add is ignored', async () => {
    const queue = new WorkQueue<string>();
    const waiting = queue.get();
    queue.shutDown();
    await expect(waiting).resolves.toBeUndefined();
    queue.add('x');
    expect(queue.len()).toBe(0);
    await expect(queue.get()).resolves.toBeUndefined();
    expect(queue.isShuttingDown()).toBe(true);
  });

  it('addAfter adds the key once the simulated delay passed on the clock, keeping the earliest delay', async () => {
    const queue = new WorkQueue<string>({ clock: createClock(10) });
    queue.addAfter('k', 5_000);
    queue.addAfter('k', 300);
    queue.addAfter('k', 2_000);
    expect(queue.len()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(queue.len()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(queue.len()).toBe(1);
    queue.shutDown();
  });

  it('drops pending delayed keys on shutDown', async () => {
    const queue = new WorkQueue<string>();
    queue.addAfter('k', 20);
    queue.shutDown();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(queue.len()).toBe(0);
  });

  it('addRateLimited waits longer on every failure until forget', async () => {
    const limiter = new ExponentialFailureRateLimiter<string>(20, 1000);
    const queue = new WorkQueue<string>({ rateLimiter: limiter });
    queue.addRateLimited('k');
    queue.addRateLimited('j');
    queue.addRateLimited('j');
    expect(queue.numRequeues('j')).toBe(2);
    queue.forget('j');
    expect(queue.numRequeues('j')).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(queue.len()).toBe(2);
    queue.shutDown();
  });
});

describe('rate limiters', () => {
  it('ExponentialFailureRateLimiter: 5 ms doubling per failure, per key, capped at 1000 s', () => {
    const limiter = new ExponentialFailureRateLimiter<string>();
    expect([1, 2, 3, 4].map(() => limiter.when('a'))).toEqual([5, 10, 20, 40]);
    expect(limiter.when('b')).toBe(5);
    for (let i = 0; i < 40; i++) limiter.when('a');
    expect(limiter.when('a')).toBe(1_000_000);
    limiter.forget('a');
    expect(limiter.when('a')).toBe(5);
  });

  it('BucketRateLimiter: a burst goes through at once, then one token per 1/qps seconds', () => {
    let now = 0;
    const bucket = new BucketRateLimiter<string>(10, 3, () => now);
    expect([1, 2, 3].map(() => bucket.when())).toEqual([0, 0, 0]);
    expect(bucket.when()).toBeCloseTo(100);
    expect(bucket.when()).toBeCloseTo(200);
    now = 1000;
    expect(bucket.when()).toBe(0);
  });

  it('MaxOfRateLimiter: the longest delay of its limiters', () => {
    const now = 0;
    const limiter = new MaxOfRateLimiter<string>(new ExponentialFailureRateLimiter<string>(5, 1000), new BucketRateLimiter<string>(10, 1, () => now));
    expect(limiter.when('a')).toBe(5);
    expect(limiter.when('a')).toBeCloseTo(100);
    expect(limiter.numRequeues('a')).toBe(2);
  });
});

describe('runWorkers', () => {
  it('forgets a key whose sync succeeds and requeues rate-limited one that throws, until it succeeds', async () => {
    const failuresLeft = new Map([['flaky', 2]]);
    const synced: string[] = [];
    const requeued: string[] = [];
    const queue = new WorkQueue<string>({ rateLimiter: new ExponentialFailureRateLimiter<string>(1, 10) });
    const sync = async (key: string) => {
      synced.push(key);
      const left = failuresLeft.get(key) ?? 0;
      if (left > 0) {
        failuresLeft.set(key, left - 1);
        throw new Error('not yet');
      }
      if (synced.length >= 4) queue.shutDown();
    };
    queue.add('flaky');
    queue.add('steady');
    await runWorkers(queue, sync, 2, { onError: (key) => requeued.push(key) });
    expect(requeued).toEqual(['flaky', 'flaky']);
    expect(synced.filter((key) => key === 'flaky')).toHaveLength(3);
    expect(queue.numRequeues('flaky')).toBe(0);
  });

  it('never runs one key in two workers at once', async () => {
    const queue = new WorkQueue<string>({ rateLimiter: noDelay });
    let running = 0;
    let maxRunning = 0;
    let calls = 0;
    const sync = async () => {
      maxRunning = Math.max(maxRunning, ++running);
      queue.add('same');
      await tick();
      running--;
      if (++calls === 5) queue.shutDown();
    };
    queue.add('same');
    await runWorkers(queue, sync, 4, { onError: () => undefined });
    expect(maxRunning).toBe(1);
    expect(calls).toBe(5);
  });
  it('retries an error retryAfter names after its fixed delay, without growing the key\'s back-off', async () => {
    // A back-off that would push the key a minute away: the retries must not go through it.
    const queue = new WorkQueue<string>({ rateLimiter: new ExponentialFailureRateLimiter<string>(60_000, 60_000) });
    class Stale extends Error {}
    let calls = 0;
    const backoffs: number[] = [];
    const sync = async () => {
      backoffs.push(queue.numRequeues('slice'));
      if (++calls < 20) throw new Stale('cache behind');
      queue.shutDown();
    };
    queue.add('slice');
    const started = Date.now();
    await runWorkers(queue, sync, 1, { onError: () => undefined, retryAfter: (error) => (error instanceof Stale ? 1 : undefined) });
    expect(calls).toBe(20);
    expect(backoffs.every((n) => n === 0)).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
