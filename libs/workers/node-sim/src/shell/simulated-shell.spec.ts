import { runArgv, runShell } from './simulated-shell';
import type { ShellContext } from './shell.types';

function context(): ShellContext {
  return {
    env: { HOSTNAME: 'web-1', HOME: '/root', PATH: '/usr/bin:/bin', GREETING: 'hello world' },
    hostname: 'web-1',
    user: 'root',
    cwd: '/',
    files: new Map([['/etc/hostname', 'web-1\n'], ['/etc/config/app.yaml', 'debug: true\n']]),
    now: () => new Date('2026-11-22T03:00:00Z'),
  };
}

const stdout = (run: ReturnType<typeof runShell>) => run.output.filter((o) => o.stream === 1).map((o) => o.text).join('');
const stderr = (run: ReturnType<typeof runShell>) => run.output.filter((o) => o.stream === 2).map((o) => o.text).join('');

describe('simulated shell', () => {
  it('echoes with variable expansion and quoting', () => {
    expect(stdout(runShell('echo "$GREETING" \'$GREETING\' ${HOSTNAME}', context()))).toBe('hello world $GREETING web-1\n');
  });

  it('prints the environment, hostname, files, and the working directory', () => {
    expect(stdout(runShell('env', context()))).toContain('GREETING=hello world\n');
    expect(stdout(runShell('hostname; cat /etc/hostname; pwd; whoami', context()))).toBe('web-1\nweb-1\n/\nroot\n');
    expect(stdout(runShell('ls /etc/config', context()))).toBe('app.yaml\n');
    expect(stdout(runShell('cd /etc && ls', context()))).toBe('config\nhostname\n');
  });

  it('reports unknown commands as sh does, exit 127', () => {
    const run = runShell('frobnicate --now', context());
    expect(run.exitCode).toBe(127);
    expect(stderr(run)).toBe('sh: frobnicate: not found\n');
  });

  it('exits with the given code and stops the script', () => {
    const run = runShell('echo a; exit 3; echo b', context());
    expect(run.exitCode).toBe(3);
    expect(stdout(run)).toBe('a\n');
  });

  it('honours && and || and $?', () => {
    expect(stdout(runShell('false && echo no || echo yes; echo $?', context()))).toBe('yes\n0\n');
  });

  it('advances simulated time with sleep and stamps output', () => {
    const run = runArgv(['sh', '-c', 'echo start; sleep 5; echo done'], context());
    expect(run.durationMs).toBe(5000);
    expect(run.output.map((o) => [o.atMs, o.text])).toEqual([[0, 'start\n'], [5000, 'done\n']]);
  });

  it('turns an endless loop into a repeating period', () => {
    const run = runArgv(['/bin/sh', '-c', 'echo boot; while true; do echo tick; sleep 2; done'], context());
    expect(run.forever).toEqual({ periodMs: 2000, output: [{ atMs: 0, stream: 1, text: 'tick\n' }] });
    expect(stdout(run)).toBe('boot\ntick\n');
  });

  it('waits forever silently for sleep infinity', () => {
    expect(runArgv(['sleep', 'infinity'], context()).forever).toEqual({ periodMs: 0, output: [] });
  });

  it('pipes stdout into grep', () => {
    expect(stdout(runShell('env | grep GREETING', context()))).toBe('GREETING=hello world\n');
  });

  it('keeps exported variables for later commands', () => {
    expect(stdout(runShell('export A=1; B=2; echo $A$B', context()))).toBe('12\n');
  });
});
