import { ApiCallKind, ApiLimiter } from './api-limiter';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

/** Runs calls that stay in flight until released, recording the order in which they started. */
function gatedCalls(limiter: ApiLimiter) {
  const started: string[] = [];
  const gates = new Map<string, ReturnType<typeof deferred>>();
  const done: Promise<void>[] = [];
  const call = (name: string, kind: ApiCallKind) => {
    const gate = deferred();
    gates.set(name, gate);
    done.push(limiter.run(async () => {
      started.push(name);
      await gate.promise;
    }, kind));
  };
  const release = async (name: string) => {
    gates.get(name)!.resolve();
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  const releaseAll = () => {
    for (const gate of gates.values()) gate.resolve();
    return Promise.all(done);
  };
  return { started, call, release, releaseAll };
}

describe('ApiLimiter', () => {
  it('keeps at most `concurrency` kubelet calls and `eventConcurrency` event writes in flight', async () => {
    const limiter = new ApiLimiter(2, 1);
    const inFlight = { kubelet: 0, event: 0, heartbeat: 0 };
    const peak = { kubelet: 0, event: 0, heartbeat: 0 };
    const task = (kind: ApiCallKind) => async () => {
      peak[kind] = Math.max(peak[kind], ++inFlight[kind]);
      await new Promise((r) => setTimeout(r, 5));
      inFlight[kind]--;
    };
    await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? limiter.run(task('event'), 'event') : limiter.run(task('kubelet')))));
    expect(peak).toEqual({ kubelet: 2, event: 1, heartbeat: 0 });
  });

  it('starts an event while status writes keep queueing (events do not trail the rollout)', async () => {
    const limiter = new ApiLimiter(2, 1);
    const calls = gatedCalls(limiter);
    calls.call('status1', 'kubelet');
    calls.call('status2', 'kubelet');
    calls.call('status3', 'kubelet');
    calls.call('event1', 'event');
    calls.call('event2', 'event');
    expect(calls.started).toEqual(['status1', 'status2', 'event1']);
    await calls.release('status1');
    expect(calls.started).toEqual(['status1', 'status2', 'event1', 'status3']);
    await calls.release('event1');
    expect(calls.started).toEqual(['status1', 'status2', 'event1', 'status3', 'event2']);
    await calls.releaseAll();
  });

  it('starts a status write or lease renewal at once however many events wait', async () => {
    const limiter = new ApiLimiter(1, 2);
    const calls = gatedCalls(limiter);
    for (let i = 1; i <= 5; i++) calls.call(`event${i}`, 'event');
    calls.call('lease', 'kubelet');
    expect(calls.started).toEqual(['event1', 'event2', 'lease']);
    await calls.releaseAll();
    expect(calls.started).toHaveLength(6);
  });

  it('renews a Lease at once however many status writes and events wait (heartbeats have slots of their own)', async () => {
    const limiter = new ApiLimiter(1, 1, 1);
    const calls = gatedCalls(limiter);
    calls.call('status1', 'kubelet');
    calls.call('status2', 'kubelet');
    calls.call('event1', 'event');
    calls.call('event2', 'event');
    calls.call('lease', 'heartbeat');
    expect(calls.started).toEqual(['status1', 'event1', 'lease']);
    await calls.releaseAll();
    expect(calls.started).toHaveLength(5);
  });

  it('rejects only the failed call', async () => {
    const limiter = new ApiLimiter(1);
    const failed = limiter.run(() => Promise.reject(new Error('refused')), 'event');
    const next = limiter.run(async () => 'written');
    await expect(failed).rejects.toThrow('refused');
    await expect(next).resolves.toBe('written');
  });
});
