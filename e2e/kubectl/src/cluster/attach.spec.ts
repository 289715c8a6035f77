process.env.DRYDOCK_CLOCK_SCALE = '10';

import { expectSuccess } from '../harness/expectations';
import { kubectlBinaries } from '../harness/kubectl-binaries';
import { applyObjects } from '../harness/use-drydock';
import { eventually, nodesReady, useClusterDrydock } from './support/cluster';
import { Terminal } from './support/terminal';

/** `kubectl attach` and `kubectl run -it` (issue 12): the container's main process, through pods/attach. */
describe('kubectl attach: the main process of a simulated container', () => {
  const drydock = useClusterDrydock();
  const kubectl = (...args: string[]) => drydock().run(args);

  beforeAll(async () => {
    await nodesReady(drydock());
  });

  it('runs `kubectl run -it --rm --restart=Never -- sh`: a prompt, a command, exit 5 ends it and deletes the pod', async () => {
    const terminal = new Terminal(`${kubectlBinaries().kubectl} run -it b --image=busybox --restart=Never --rm -- sh`, drydock().kubectlEnv());
    await terminal.waitFor(/If you don't see a command prompt, try pressing enter\./);
    terminal.type('echo "hello from $(hostname)"\r');
    await terminal.waitFor(/^hello from b\r?$/m);
    terminal.type('exit 5\r');
    await terminal.exit();
    expect(terminal.output()).toMatch(/pod "b" deleted/);
    expect(terminal.output()).toMatch(/pod default\/b terminated \(Error\)/);
    expect((await kubectl('get', 'pod', 'b')).stderr).toBe('Error from server (NotFound): pods "b" not found\n');
  });

  it('feeds `kubectl attach -i` stdin to a shell started with stdin (stdinOnce: its end ends the shell)', async () => {
    const container = { name: 'sh', image: 'busybox', command: ['sh'], stdin: true, stdinOnce: true };
    await applyObjects(drydock(), { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'piped' }, spec: { restartPolicy: 'Never', containers: [container] } });
    expectSuccess(await drydock().run(['wait', '--for=condition=Ready', 'pod/piped', '--timeout=90s'], { timeoutMs: 120_000 }));
    const attached = await drydock().run(['attach', '-i', 'piped'], { stdin: 'echo piped in; echo to stderr >&2\nexit 2\n', timeoutMs: 90_000 });
    expect(attached.stdout).toBe('piped in\n');
    expect(attached.stderr).toContain('to stderr\n');
    const exitCode = await eventually('the shell to end with the exit code it was told', async () => {
      const result = await kubectl('get', 'pod', 'piped', '-o', 'jsonpath={.status.containerStatuses[0].state.terminated.exitCode}');
      return result.stdout || undefined;
    });
    expect(exitCode).toBe('2');
    expect(expectSuccess(await kubectl('logs', 'piped'))).toBe('piped in\nto stderr\n');
  });

  it('streams what a running script prints from the moment of `kubectl attach` on', async () => {
    expectSuccess(await kubectl('run', 'ticker', '--image=busybox', '--', 'sh', '-c', 'i=0; while true; do i=$((i+1)); echo tick $i; sleep 10; done'));
    expectSuccess(await drydock().run(['wait', '--for=condition=Ready', 'pod/ticker', '--timeout=90s'], { timeoutMs: 120_000 }));
    const attach = drydock().stream(['attach', 'ticker']);
    try {
      const output = await attach.waitForOutput(/tick (\d+)\n[^]*tick \d+\n/, 60_000);
      const ticks = [...output.matchAll(/tick (\d+)/g)].map((match) => Number(match[1]));
      expect(ticks[1]).toBe(ticks[0] + 1);
    } finally {
      await attach.stop();
    }
  });

  it('refuses a pod that does not exist as upstream words it', async () => {
    expect((await kubectl('attach', 'nope')).stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
  });
});
