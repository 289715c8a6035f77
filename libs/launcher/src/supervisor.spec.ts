import { Supervised, Supervisor } from './supervisor';

/** An instance the test ends by hand, as a kill -9 would. */
function fakeInstance(): Supervised & { kill(why: string): void; stopped: boolean } {
  let end!: (why: string) => void;
  const instance = { ended: new Promise<string>((resolve) => (end = resolve)), stopped: false, kill: (why: string) => end(why), stop: async () => void (instance.stopped = true) };
  return instance;
}

/** Waits (up to 5 s: the machine may be loaded) until `condition` holds. */
async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('Supervisor, which keeps PostgreSQL, the API server and the workers running', () => {
  it('restarts an instance that ended on its own after a back-off that doubles, and says why', async () => {
    const started: ReturnType<typeof fakeInstance>[] = [];
    const lines: string[] = [];
    const ended: string[] = [];
    const supervisor = new Supervisor('apiserver', async () => started[started.push(fakeInstance()) - 1], (line) => lines.push(line), { started: () => undefined, ended: (why) => ended.push(why) }, { initialBackoffMs: 20, maxBackoffMs: 40, resetAfterMs: 60_000 });
    await supervisor.run();
    started[0].kill('was killed by SIGKILL');
    await until(() => started.length === 2 && supervisor.instance === started[1]);
    expect(started).toHaveLength(2);
    expect(supervisor.instance).toBe(started[1]);
    started[1].kill('exited with code 1');
    await until(() => started.length === 3 && supervisor.instance === started[2]);
    expect(started).toHaveLength(3);
    expect(lines).toEqual(['[launcher] apiserver was killed by SIGKILL; restarting it in 0.02s\n', '[launcher] apiserver exited with code 1; restarting it in 0.04s\n']);
    expect(ended).toEqual(['was killed by SIGKILL', 'exited with code 1']);
    await supervisor.stop();
    expect(started[2].stopped).toBe(true);
  });

  it('retries a restart that fails to start, and starts nothing after stop()', async () => {
    let attempts = 0;
    const first = fakeInstance();
    const lines: string[] = [];
    const supervisor = new Supervisor('postgres', async () => {
      attempts += 1;
      if (attempts === 1) return first;
      if (attempts === 2) throw new Error('pre-existing shared memory block is still in use\nmore');
      return fakeInstance();
    }, (line) => lines.push(line), undefined, { initialBackoffMs: 10, maxBackoffMs: 10, resetAfterMs: 60_000 });
    await supervisor.run();
    first.kill('was killed by SIGKILL');
    await until(() => supervisor.instance !== undefined && supervisor.instance !== first);
    expect(attempts).toBe(3);
    expect(lines[1]).toBe('[launcher] postgres failed to start again (pre-existing shared memory block is still in use); restarting it in 0.01s\n');
    await supervisor.stop();
    (supervisor.instance as ReturnType<typeof fakeInstance> | undefined)?.kill('exited with code 0');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(attempts).toBe(3);
  });
});
