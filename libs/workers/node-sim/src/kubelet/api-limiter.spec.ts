import { ApiLimiter } from './api-limiter';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('ApiLimiter', () => {
  it('keeps at most `concurrency` calls in flight', async () => {
    const limiter = new ApiLimiter(2);
    let inFlight = 0;
    let peak = 0;
    const task = async () => {
      peak = Math.max(peak, ++inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
    };
    await Promise.all(Array.from({ length: 10 }, () => limiter.run(task)));
    expect(peak).toBe(2);
  });

  it('starts waiting normal calls before low-priority ones, and caps low-priority slots', async () => {
    const limiter = new ApiLimiter(2, 1);
    const gate = deferred();
    const order: string[] = [];
    const blocker = limiter.run(() => gate.promise);
    const low1 = limiter.run(async () => void order.push('low1'), 'low');
    const low2 = limiter.run(async () => void order.push('low2'), 'low');
    const normal = limiter.run(async () => void order.push('normal'));
    gate.resolve();
    await Promise.all([blocker, low1, low2, normal]);
    expect(order).toEqual(['low1', 'normal', 'low2']);
  });
});
