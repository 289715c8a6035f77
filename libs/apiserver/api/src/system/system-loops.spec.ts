import { retryWithin } from './system-loops';

describe('retryWithin (the default cluster\'s bootstrap at start-up)', () => {
  it('tries again after failures and reports each one', async () => {
    const failures: string[] = [];
    let calls = 0;
    await retryWithin(
      async () => {
        calls += 1;
        if (calls < 3) throw new Error('timeout exceeded when trying to connect');
      },
      5_000,
      (error, delayMs) => failures.push(`${(error as Error).message} (${delayMs} ms)`),
    );
    expect(calls).toBe(3);
    expect(failures).toEqual(['timeout exceeded when trying to connect (100 ms)', 'timeout exceeded when trying to connect (200 ms)']);
  });

  it('gives up with the last failure once its time is over', async () => {
    let calls = 0;
    const started = Date.now();
    await expect(
      retryWithin(
        async () => {
          calls += 1;
          throw new Error(`failure ${calls}`);
        },
        250,
        () => undefined,
      ),
    ).rejects.toThrow(/^failure [23]$/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
