import { WriteBatcher } from './write-batcher';

/** An executor whose batches the test completes by hand. */
function manualExecutor() {
  const calls: { ops: number[]; finish: (results?: string[]) => void; fail: (error: Error) => void }[] = [];
  const execute = (ops: number[]) =>
    new Promise<string[]>((resolve, reject) => {
      calls.push({ ops, finish: (results) => resolve(results ?? ops.map((op) => `done ${op}`)), fail: reject });
    });
  return { calls, execute };
}

/** Lets a finished batch release its slot (the batcher frees it a macrotask after answering). */
const tick = async () => {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('WriteBatcher', () => {
  it('sends the first write at once and gathers the writes that arrive meanwhile into the next batch', async () => {
    const { calls, execute } = manualExecutor();
    const batcher = new WriteBatcher(execute);
    const results = [1, 2, 3, 4].map((op) => batcher.submit(op));
    expect(calls.map((c) => c.ops)).toEqual([[1]]);
    calls[0].finish();
    await tick();
    expect(calls.map((c) => c.ops)).toEqual([[1], [2, 3, 4]]);
    calls[1].finish();
    expect(await Promise.all(results)).toEqual(['done 1', 'done 2', 'done 3', 'done 4']);
    expect(batcher.stats).toEqual({ batches: 2, operations: 4, largestBatch: 3 });
  });

  it('lets callers answered from a batch join the next batch when they write again at once', async () => {
    const { calls, execute } = manualExecutor();
    const batcher = new WriteBatcher(execute);
    const writer = async (first: number) => {
      await batcher.submit(first);
      await batcher.submit(first + 10);
    };
    const writers = [writer(1), writer(2), writer(3)];
    calls[0].finish(); // [1]: a lone write is released at once, so 1's next write leaves with [2, 3]
    await tick();
    expect(calls.map((c) => c.ops)).toEqual([[1], [2, 3, 11]]);
    calls[1].finish();
    await tick();
    expect(calls.map((c) => c.ops)).toEqual([[1], [2, 3, 11], [12, 13]]);
    calls[2].finish();
    await Promise.all(writers);
  });

  it('sends priority ops ahead of queued bulk ops, keeping the order among each', async () => {
    const { calls, execute } = manualExecutor();
    const batcher = new WriteBatcher(execute, { maxBatch: 3 });
    [1, 2, 3, 4].forEach((op) => void batcher.submit(op));
    void batcher.submit(100, true);
    void batcher.submit(5);
    void batcher.submit(101, true);
    calls[0].finish();
    await tick();
    calls[1].finish();
    await tick();
    calls[2].finish();
    await tick();
    expect(calls.map((c) => c.ops)).toEqual([[1], [100, 101, 2], [3, 4, 5]]);
  });

  it('caps a batch at maxBatch', async () => {
    const { calls, execute } = manualExecutor();
    const batcher = new WriteBatcher(execute, { maxBatch: 2 });
    [1, 2, 3, 4, 5, 6].forEach((op) => void batcher.submit(op));
    calls[0].finish();
    await tick();
    calls[1].finish();
    await tick();
    expect(calls.map((c) => c.ops)).toEqual([[1], [2, 3], [4, 5]]);
  });

  it('keeps up to maxInFlight batches in flight', async () => {
    const { calls, execute } = manualExecutor();
    const batcher = new WriteBatcher(execute, { maxInFlight: 2 });
    [1, 2, 3, 4].forEach((op) => void batcher.submit(op));
    expect(calls.map((c) => c.ops)).toEqual([[1], [2]]);
    calls[1].finish();
    await tick();
    expect(calls.map((c) => c.ops)).toEqual([[1], [2], [3, 4]]);
  });

  it('retries each write of a failed batch alone, so one bad write fails only its own caller', async () => {
    const { calls, execute } = manualExecutor();
    const batcher = new WriteBatcher(execute);
    const first = batcher.submit(0);
    const rest = [1, 2, 3].map((op) => batcher.submit(op).catch((error: Error) => error.message));
    calls[0].finish();
    await tick();
    calls[1].fail(new Error('batch failed'));
    await tick();
    expect(calls.slice(2).map((c) => c.ops)).toEqual([[1], [2], [3]]);
    calls[2].finish();
    calls[3].fail(new Error('bad op 2'));
    calls[4].finish();
    expect(await first).toBe('done 0');
    expect(await Promise.all(rest)).toEqual(['done 1', 'bad op 2', 'done 3']);
  });

  it('fails every write of a batch whose result count does not match', async () => {
    const { calls, execute } = manualExecutor();
    const batcher = new WriteBatcher(execute);
    const result = batcher.submit(1);
    calls[0].finish([]);
    await expect(result).rejects.toThrow(/0 results for 1 operations/);
  });

  it('idle() resolves once nothing is queued or in flight', async () => {
    const { calls, execute } = manualExecutor();
    const batcher = new WriteBatcher(execute);
    await batcher.idle();
    void batcher.submit(1);
    void batcher.submit(2);
    let idle = false;
    void batcher.idle().then(() => (idle = true));
    calls[0].finish();
    await tick();
    expect(idle).toBe(false);
    calls[1].finish();
    await tick();
    expect(idle).toBe(true);
  });
});
