import { Bash } from 'just-bash';
import type { ContainerShell, ShellIo } from '../../shell/container-shell';
import type { CriContainer, NodeRuntimeView } from '../cri-view';
import { crictlCommand } from './crictl.command';
import { humanDuration, humanSize, tabwriter } from './table-writer';

const now = Date.parse('2026-12-07T02:00:00Z');
const container = (name: string, state: CriContainer['state'], agoMs: number, attempt = 0): CriContainer => ({
  id: `${name === 'web' ? 'a1' : 'f2'}${'0'.repeat(62)}`,
  name,
  image: 'nginx',
  imageId: `sha256:${'b'.repeat(64)}`,
  state,
  createdAt: new Date(now - agoMs),
  attempt,
  podSandboxId: 'c'.repeat(64),
  podName: 'web',
  podNamespace: 'default',
  podUid: 'uid',
  commandLine: 'nginx',
  log: () => 'one\ntwo\nthree\n',
  // A shell that echoes its argv and stdin, and fails `false`.
  shell: () => ({ run: async (argv: string[], io: ShellIo) => {
    io.output(1, Buffer.from(`${argv.join(' ')}${io.stdin?.length ? ` <${io.stdin.toString()}>` : ''}\n`));
    return argv[0] === 'false' ? 3 : 0;
  } }) as unknown as ContainerShell,
});
const runtime: NodeRuntimeView = {
  containers: () => [container('web', 'Running', 125_000, 1), container('old', 'Exited', 3_600_000)],
  pods: () => [{ id: 'c'.repeat(64), createdAt: new Date(now - 7_200_000), state: 'Ready', name: 'web', namespace: 'default', uid: 'uid' }],
  images: () => ['docker.io/library/nginx:1.27'],
};

async function crictl(args: string) {
  const bash = new Bash({ customCommands: [crictlCommand(runtime, () => now)] });
  const result = await bash.exec(args.includes("|") ? args : `crictl ${args}`);
  return { stdout: result.stdout, stderr: result.stderr, code: result.exitCode };
}

describe('crictl on a simulated node', () => {
  it('lays tables out as Go\'s tabwriter does for crictl (min width 20, padding 3; the last column as is)', () => {
    expect(tabwriter([['A', 'B', 'C'], ['a-much-longer-cell-here', 'b', 'c']])).toBe('A                         B                   C\na-much-longer-cell-here   b                   c\n');
    expect([humanDuration(500), humanDuration(1000), humanDuration(42_000), humanDuration(90_000), humanDuration(600_000), humanDuration(3_600_000), humanDuration(5 * 86_400_000)]).toEqual(['Less than a second', '1 second', '42 seconds', 'About a minute', '10 minutes', 'About an hour', '5 days']);
    expect([humanSize(67_412_345), humanSize(999), humanSize(1_500_000_000)]).toEqual(['67.41MB', '999B', '1.5GB']);
  });

  it('ps lists running containers newest first with upstream\'s columns; -a adds exited ones; -q only IDs', async () => {
    const ps = await crictl('ps');
    expect(ps.stdout.split('\n')[0]).toBe('CONTAINER           IMAGE               CREATED             STATE               NAME                ATTEMPT             POD ID              POD                 NAMESPACE');
    expect(ps.stdout.split('\n')[1]).toBe('a100000000000       bbbbbbbbbbbbb       2 minutes ago       Running             web                 1                   ccccccccccccc       web                 default');
    expect((await crictl('ps -a')).stdout.split('\n').filter(Boolean)).toHaveLength(3);
    expect((await crictl('ps -q')).stdout).toBe(`${runtime.containers()[0].id}\n`);
  });

  it('pods, images, logs --tail and inspect', async () => {
    expect((await crictl('pods')).stdout).toBe('POD ID              CREATED             STATE               NAME                NAMESPACE           ATTEMPT             RUNTIME\nccccccccccccc       2 hours ago         Ready               web                 default             0                   (default)\n');
    expect((await crictl('images')).stdout).toMatch(/^IMAGE {21}TAG {17}IMAGE ID {12}SIZE\ndocker\.io\/library\/nginx {3}1\.27 {16}[0-9a-f]{13} {7}[\d.]+MB\n$/);
    expect((await crictl('logs --tail 2 a10')).stdout).toBe('two\nthree\n');
    expect(JSON.parse((await crictl('inspect a10')).stdout).status).toMatchObject({ state: 'CONTAINER_RUNNING', metadata: { name: 'web', attempt: 1 } });
    expect(await crictl('logs nope')).toMatchObject({ code: 1, stderr: 'FATA[0000] rpc error: code = NotFound desc = an error occurred when try to find container "nope": not found\n' });
  });

  it('exec runs the command in the running container (stdin with -i), says so when it fails, and refuses exited or unknown containers', async () => {
    expect(await crictl('exec a10 ls -la /')).toEqual({ stdout: 'ls -la /\n', stderr: '', code: 0 });
    expect(await crictl('echo hi | crictl exec -i a10 sh')).toMatchObject({ stdout: 'sh -c hi\n <hi\n>\n', code: 0 });
    expect(await crictl('exec -it a10 false')).toEqual({ stdout: 'false\n', stderr: 'FATA[0000] execing command in container: command terminated with exit code 3\n', code: 1 });
    expect(await crictl('exec f20 ls')).toMatchObject({ code: 1, stderr: 'FATA[0000] execing command in container: rpc error: code = Unknown desc = container is in CONTAINER_EXITED state\n' });
    expect(await crictl('exec nope ls')).toMatchObject({ code: 1, stderr: 'FATA[0000] execing command in container: rpc error: code = NotFound desc = an error occurred when try to find container "nope": not found\n' });
    expect((await crictl('exec a10')).stdout).toMatch(/^NAME:\n {3}crictl exec - Run a command in a running container\n/);
  });
});
