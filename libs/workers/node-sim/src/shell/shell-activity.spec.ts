import { InMemoryFs } from 'just-bash';
import { createClock } from '@drydock/util';
import { ContainerShell, ShellActivity } from './container-shell';

function burner(activity: ShellActivity) {
  return new ContainerShell({ fs: new InMemoryFs(), env: { HOME: '/root' }, knownImage: 'busybox', clock: createClock(1), commands: [], activity });
}

async function runFor(shell: ContainerShell, script: string, ms: number): Promise<void> {
  const abort = new AbortController();
  const done = shell.run(['sh', '-c', script], { output: () => undefined, signal: abort.signal });
  await new Promise((resolve) => setTimeout(resolve, ms));
  abort.abort();
  await done;
}

describe('ShellActivity (a container\'s scripts on the CPU)', () => {
  it('counts a busy loop as a core for as long as it runs, and a sleeping script as next to nothing', async () => {
    const busy = new ShellActivity();
    await runFor(burner(busy), "while true; do :; done", 800);
    expect(busy.cpuTimeMs()).toBeGreaterThanOrEqual(600);
    const idle = new ShellActivity();
    await runFor(burner(idle), 'sleep 3600', 400);
    expect(idle.cpuTimeMs()).toBeLessThan(300);
    const settled = busy.cpuTimeMs();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(busy.cpuTimeMs()).toBe(settled);
  });
});
