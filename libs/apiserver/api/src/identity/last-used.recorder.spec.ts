import { LastUsedRecorder } from './last-used.recorder';

describe('LastUsedRecorder', () => {
  it('writes many uses in one call, the latest time of each token, and nothing when nothing was used', async () => {
    const writes: Map<string, Date>[] = [];
    const recorder = new LastUsedRecorder(async (uses) => void writes.push(uses), () => undefined);
    recorder.record('a', new Date(1000));
    recorder.record('b', new Date(2000));
    recorder.record('a', new Date(3000));
    await recorder.flush();
    await recorder.flush();
    expect(writes).toEqual([new Map([['a', new Date(3000)], ['b', new Date(2000)]])]);
  });

  it('reports a failed write instead of throwing (a request never fails for it)', async () => {
    const errors: unknown[] = [];
    const recorder = new LastUsedRecorder(async () => Promise.reject(new Error('database down')), (error) => errors.push(error));
    recorder.record('a');
    await expect(recorder.flush()).resolves.toBeUndefined();
    expect(errors).toHaveLength(1);
  });
});
