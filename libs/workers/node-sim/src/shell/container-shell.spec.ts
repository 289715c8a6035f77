import { InMemoryFs } from 'just-bash';
import { createClock } from '@drydock/util';
import { envCommands } from './commands/env.command';
import { identityCommands } from './commands/identity.command';
import { ContainerShell } from './container-shell';

function shell(knownImage = 'busybox') {
  const fs = new InMemoryFs({ '/etc/hostname': 'web-1\n' });
  fs.mkdirSync('/tmp', { recursive: true });
  const env = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOSTNAME: 'web-1', HOME: '/root', GREETING: 'hello world' };
  return new ContainerShell({ fs, env, knownImage, clock: createClock(1000), commands: [...identityCommands('web-1'), ...envCommands()] });
}

async function run(target: ContainerShell, argv: string[], stdin?: Buffer) {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const code = await target.run(argv, { output: (stream, chunk) => (stream === 1 ? out : err).push(chunk), stdin });
  return { code, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString() };
}

const sh = (script: string) => ['sh', '-c', script];

describe('container shell (just-bash over the container filesystem)', () => {
  it('redirects into a file and reads it back, in one run and in the next', async () => {
    const container = shell();
    expect((await run(container, sh('echo a > /tmp/x; cat /tmp/x'))).stdout.toString()).toBe('a\n');
    expect((await run(container, ['cat', '/tmp/x'])).stdout.toString()).toBe('a\n');
  });

  it('runs pipes, here-docs, 2>&1 and expansions as sh does', async () => {
    const result = await run(shell(), sh('echo "$GREETING" | tr a-z A-Z; cat <<EOF\nhome=$HOME\nEOF\nls /nope 2>&1 | wc -l; for i in 1 2; do echo $i; done; until false; do echo $?; break; done'));
    expect(result.stdout.toString()).toBe('HELLO WORLD\nhome=/root\n1\n1\n2\n1\n');
  });

  it('returns the exit code and stops at exit', async () => {
    const result = await run(shell(), sh('echo a; exit 3; echo b'));
    expect(result).toMatchObject({ code: 3, stderr: '' });
    expect(result.stdout.toString()).toBe('a\n');
  });

  it('reports an unknown command as the image\'s sh does, exit 127', async () => {
    expect(await run(shell('busybox'), sh('frobnicate --now'))).toMatchObject({ code: 127, stderr: 'sh: frobnicate: not found\n' });
    expect(await run(shell('debian'), sh('frobnicate'))).toMatchObject({ code: 127, stderr: 'sh: 1: frobnicate: not found\n' });
    expect(await run(shell('debian'), ['bash', '-c', 'frobnicate'])).toMatchObject({ code: 127, stderr: 'bash: frobnicate: command not found\n' });
  });

  it('prints the environment, hostname and identity of the container', async () => {
    const result = (await run(shell(), sh('env; hostname; whoami; id'))).stdout.toString();
    expect(result.split('\n')).toEqual(expect.arrayContaining(['GREETING=hello world', 'HOSTNAME=web-1', 'web-1', 'root', 'uid=0(root) gid=0(root) groups=0(root)']));
    expect(result).not.toContain('IFS=');
  });

  it('tars a directory to stdout and untars it from stdin, as kubectl cp does', async () => {
    const from = shell();
    await run(from, sh('mkdir -p /tmp/data && echo one > /tmp/data/a && printf "\\001\\002" > /tmp/data/bin'));
    const archive = await run(from, ['tar', 'cf', '-', '/tmp/data']);
    expect(archive.code).toBe(0);
    const to = shell();
    await run(to, sh('mkdir -p /restore'));
    expect((await run(to, ['tar', 'xmf', '-', '-C', '/restore'], archive.stdout)).code).toBe(0);
    expect((await run(to, sh('cat /restore/tmp/data/a; base64 /restore/tmp/data/bin'))).stdout.toString()).toBe('one\nAQI=\n');
  });

  it('lets the event loop run during a loop that never sleeps, and stops it on abort', async () => {
    const abort = new AbortController();
    let ticks = 0;
    const interval = setInterval(() => ++ticks >= 3 && abort.abort(), 5);
    const code = await shell().run(sh('i=0; while true; do i=$((i+1)); done'), { output: () => undefined, signal: abort.signal });
    clearInterval(interval);
    expect(ticks).toBeGreaterThanOrEqual(3);
    expect(typeof code).toBe('number');
  });
});
