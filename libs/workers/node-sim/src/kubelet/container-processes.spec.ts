import { InMemoryFs } from 'just-bash';
import { createClock } from '@drydock/util';
import type { ContainerRuntime } from '../lifecycle/lifecycle.types';
import { containerProgram } from '../runtime/container-program';
import { ContainerShell } from '../shell/container-shell';
import { ContainerProcesses } from './container-processes';

/** Clock scale 1000: five simulated seconds pass in 5 ms. */
const clock = createClock(1000);
const epoch = Date.now();

function container(script: string): ContainerRuntime {
  const program = containerProgram({ name: 'c', image: 'busybox', command: ['sh', '-c', script] });
  const running = { id: `id-${script.length}-${Math.random()}`, startedAtMs: clock.simulatedSince(epoch), startedAt: '', program, startupAtMs: 0 };
  return { spec: { name: 'c' }, init: false, sidecar: false, stage: 'running', untilMs: Infinity, restartCount: 0, pullFailures: 0, crashes: 0, ready: true, started: true, running, instances: [] };
}

function processes() {
  const exits: Array<{ id: string; exitCode: number; atMs: number }> = [];
  const table = new ContainerProcesses({
    nowMs: () => clock.simulatedSince(epoch),
    shell: () => new ContainerShell({ fs: new InMemoryFs(), env: { HOSTNAME: 'p' }, knownImage: 'busybox', clock, commands: [] }),
    exited: (_c, id, exitCode) => void exits.push({ id, exitCode, atMs: clock.simulatedSince(epoch) }),
    log: (message) => {
      throw new Error(message);
    },
  });
  return { table, exits };
}

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 400 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('container processes (the interpreters of script commands)', () => {
  it('gives `sleep 3600` and a server image no interpreter, and a script one', () => {
    expect(containerProgram({ name: 'c', image: 'busybox', command: ['sleep', '3600'] })).toEqual({ output: [], exit: { afterMs: 3_600_000, exitCode: 0 }, handlesSigterm: false });
    expect(containerProgram({ name: 'c', image: 'busybox', command: ['sh', '-c', 'sleep infinity'] })).toEqual({ output: [], handlesSigterm: false });
    expect(containerProgram({ name: 'web', image: 'nginx' }).script).toBeUndefined();
    expect(containerProgram({ name: 'c', image: 'busybox', command: ['sh', '-c', 'touch /tmp/a; sleep 30'] }).script).toEqual(['sh', '-c', 'touch /tmp/a; sleep 30']);
  });

  it('reports a script\'s exit code once it ends, after its sleeps in simulated time', async () => {
    const { table, exits } = processes();
    const c = container('echo start; sleep 5; exit 3');
    table.reconcile('default/p', [c]);
    await until(() => exits.length > 0);
    expect(exits).toEqual([expect.objectContaining({ id: c.running!.id, exitCode: 3 })]);
    expect(exits[0].atMs - c.running!.startedAtMs).toBeGreaterThanOrEqual(5_000);
    expect(c.running!.program.output.map((line) => line.text)).toEqual(['start']);
  });

  it('appends a loop\'s lines as it prints them, each at its simulated offset, and stops it with the container', async () => {
    const { table, exits } = processes();
    const c = container('echo boot; while true; do echo tick; sleep 5; done');
    table.reconcile('default/p', [c]);
    const output = c.running!.program.output;
    await until(() => output.length >= 4);
    expect(output.slice(0, 4).map((line) => line.text)).toEqual(['boot', 'tick', 'tick', 'tick']);
    expect(output[3].atMs - output[1].atMs).toBeGreaterThanOrEqual(10_000);
    expect(table.size).toBe(1);
    table.reconcile('default/p', [{ ...c, running: undefined }]);
    const printed = output.length;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(output.length).toBeLessThanOrEqual(printed + 1);
    expect(table.size).toBe(0);
    expect(exits).toEqual([]);
  });
});
