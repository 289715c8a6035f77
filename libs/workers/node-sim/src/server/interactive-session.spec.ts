import { InMemoryFs } from 'just-bash';
import { createClock } from '@drydock/util';
import { envCommands } from '../shell/commands/env.command';
import { ContainerShell } from '../shell/container-shell';
import { InteractiveSession } from './interactive-session';

const open: InteractiveSession[] = [];
afterEach(() => open.splice(0).forEach((session) => session.abort()));

/** A terminal onto an interactive `sh` in a busybox-like container; the clock runs at real speed. */
function terminal(options: { tty?: boolean; image?: string; argv0?: string } = {}) {
  const fs = new InMemoryFs({ '/etc/hostname': 'web-1\n' });
  fs.mkdirSync('/tmp', { recursive: true });
  fs.mkdirSync('/root', { recursive: true });
  const env = { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', HOSTNAME: 'web-1', HOME: '/root' };
  const container = new ContainerShell({ fs, env, knownImage: options.image ?? 'busybox', clock: createClock(1), commands: envCommands() });
  let screen = '';
  let exitCode: number | undefined;
  const tty = options.tty ?? true;
  const shell = container.interactive((_stream, chunk) => (screen += chunk.toString()), options.argv0 ?? 'sh', tty ? { TERM: 'xterm' } : {});
  const session = new InteractiveSession(shell, tty, { send: (_stream, data) => (screen += data.toString()), finish: (code) => (exitCode = code) });
  open.push(session);
  lastScreen = () => screen;
  return {
    session,
    type: (keys: string) => session.input(Buffer.from(keys)),
    get screen() {
      return screen;
    },
    get exitCode() {
      return exitCode;
    },
  };
}

let lastScreen = () => '';

async function until(what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the screen: ${JSON.stringify(lastScreen())}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Types a line and waits for the prompt after its output. */
async function line(t: ReturnType<typeof terminal>, text: string, prompt = ' # '): Promise<string> {
  const before = t.screen.length;
  t.type(`${text}\r`);
  await until(`the prompt after ${JSON.stringify(text)}`, () => t.screen.slice(before + text.length + 1).endsWith(prompt));
  return t.screen.slice(before + text.length + 1, t.screen.length - prompt.length).replace(/[^\n]*$/, '');
}

describe('interactive shell session (kubectl exec -it … sh)', () => {
  it('is one shell: cd, variables, exports, functions, arrays and options live on from line to line', async () => {
    const t = terminal();
    await until('the first prompt', () => t.screen === '/ # ');
    expect(await line(t, 'cd /etc; X=1; export Y=2')).toBe('');
    expect(t.screen.endsWith('/etc # ')).toBe(true);
    expect(await line(t, 'greet() { echo "hi $1 $X"; }')).toBe('');
    expect(await line(t, 'greet you; pwd')).toBe('hi you 1\n/etc\n');
    expect(await line(t, 'a=(one two); set -o pipefail; echo ${a[1]}')).toBe('two\n');
    expect(await line(t, 'false | true; echo $?')).toBe('1\n');
    expect(await line(t, 'env | grep -c "^[XY]="')).toBe('1\n');
    expect(await line(t, 'cd; pwd', '~ # ')).toBe('/root\n');
  });

  it('continues an open construct with "> ", reports syntax errors as busybox sh does, and keeps $?', async () => {
    const t = terminal();
    await until('the first prompt', () => t.screen.endsWith('/ # '));
    t.type('for i in 1 2; do\r');
    await until('the continuation prompt', () => t.screen.endsWith('> '));
    expect(await line(t, 'echo n$i; done')).toBe('n1\nn2\n');
    expect(await line(t, 'done')).toBe('sh: syntax error: unexpected "done"\n');
    expect(await line(t, 'echo $?')).toBe('2\n');
    expect(await line(t, 'false')).toBe('');
    expect(await line(t, 'echo $?')).toBe('1\n');
  });

  it('edits the line with arrows and backspace and recalls earlier lines with up and down', async () => {
    const t = terminal();
    await until('the first prompt', () => t.screen.endsWith('/ # '));
    await line(t, 'echo one');
    const before = t.screen.length;
    t.type('echo ac\u001b[Db\r');
    await until('abc', () => t.screen.slice(before).includes('abc\r\n') || t.screen.slice(before).includes('abc\n'));
    const again = t.screen.length;
    t.type('\u001b[A\u001b[A\r');
    await until('the recalled line to run', () => /one\n[^]*# $/.test(t.screen.slice(again)));
    const erased = t.screen.length;
    t.type('echo twox\u007f\r');
    await until('two', () => t.screen.slice(erased).includes('\ntwo\n'));
  });

  it('stops a running sleep or loop on Ctrl-C, keeps the shell and its state, and $? is 130', async () => {
    const t = terminal();
    await until('the first prompt', () => t.screen.endsWith('/ # '));
    await line(t, 'cd /tmp; N=7; f() { echo f$N; }');
    const before = t.screen.length;
    t.type('sleep 100; echo not-reached\r');
    await new Promise((resolve) => setTimeout(resolve, 50));
    t.type('\u0003');
    await until('a new prompt after ^C', () => t.screen.slice(before).endsWith('^C\n/tmp # '));
    expect(await line(t, 'echo $? $N; f; pwd', '/tmp # ')).toBe('130 7\nf7\n/tmp\n');
    await line(t, "arr=(a 'b c'); declare -A m; m[k]=v; alias hi='echo hello'; set -o pipefail; shopt -s extglob", '/tmp # ');
    const again = t.screen.length;
    t.type('sleep 100\r');
    await new Promise((resolve) => setTimeout(resolve, 50));
    t.type('\u0003');
    await until('a new prompt after the second ^C', () => t.screen.slice(again).endsWith('^C\n/tmp # '));
    expect(await line(t, 'echo "${arr[1]}" ${m[k]}; hi; false | true; echo $?; shopt -q extglob && echo extglob', '/tmp # ')).toBe('b c v\nhello\n1\nextglob\n');
    const loop = t.screen.length;
    t.type('while true; do echo tick; sleep 0.05; done\r');
    await until('the loop to print', () => t.screen.slice(loop).includes('\ntick\n'));
    t.type('\u0003');
    await until('a prompt after the loop', () => t.screen.slice(loop).includes('^C\n') && t.screen.endsWith('/tmp # '), 20_000);
    expect(t.screen).not.toMatch(/\nnot-reached/);
    expect(t.exitCode).toBeUndefined();
  });

  it('stops the line on a Ctrl-C that arrives with its Enter (one chunk, or two frames read in one go), before the line has started', async () => {
    // A WebSocket that reads two frames from one TCP packet emits both messages in the same turn of the
    // event loop: the Ctrl-C reached the session before the shell had taken the line, and was lost.
    const t = terminal();
    await until('the first prompt', () => t.screen.endsWith('/ # '));
    await line(t, 'cd /tmp');
    for (const keys of [['sleep 100; echo not-reached\r', '\u0003'], ['sleep 100; echo not-reached\r\u0003']]) {
      const before = t.screen.length;
      for (const chunk of keys) t.type(chunk);
      await until('a new prompt after ^C', () => t.screen.slice(before).endsWith('^C\n/tmp # '), 5_000);
      expect(await line(t, 'echo $?', '/tmp # ')).toBe('130\n');
    }
    expect(t.screen).not.toMatch(/\nnot-reached/);
  });

  it('read typed at the prompt reads the terminal\'s next line (with -p\'s prompt); a pipe or a redirection still feeds it', async () => {
    const t = terminal();
    await until('the first prompt', () => t.screen.endsWith('/ # '));
    const before = t.screen.length;
    t.type('read -p "name? " first rest; echo "[$first][$rest] $?"\r');
    await until('read\'s prompt', () => t.screen.slice(before).endsWith('name? '));
    t.type('ada lovelace \\ byron\r');
    await until('the line read', () => t.screen.slice(before).endsWith('/ # '));
    expect(t.screen.slice(before)).toContain('name? ada lovelace \\ byron\n[ada][lovelace  byron] 0\n');
    const loop = t.screen.length;
    t.type('while read -r l; do [ "$l" = end ] && break; echo "got $l"; done\r');
    t.type('one\r');
    await until('the first line echoed back', () => t.screen.slice(loop).includes('got one\n'));
    t.type('two \\x\r');
    await until('the second line echoed back', () => t.screen.slice(loop).includes('got two'));
    t.type('end\r');
    await until('the loop to end', () => t.screen.slice(loop).endsWith('/ # '));
    expect(t.screen.slice(loop)).toMatch(/one\ngot one\ntwo \\x\ngot two \\x\nend\n\/ # $/);
    expect(await line(t, 'echo piped | read y; echo "[$y]"; echo a > /tmp/f; read z < /tmp/f; echo "[$z]"; printf "1\\n2\\n" | while read n; do echo n$n; done')).toBe('[]\n[a]\nn1\nn2\n');
    const endOfInput = t.screen.length;
    t.type('read q; echo "status $?"\r');
    await new Promise((resolve) => setTimeout(resolve, 50));
    t.type('\u0004');
    await until('read to see the end of input', () => t.screen.slice(endOfInput).endsWith('status 1\n/ # '));
    const interrupted = t.screen.length;
    t.type('read w; echo not-reached\r');
    await new Promise((resolve) => setTimeout(resolve, 50));
    t.type('\u0003');
    await until('a prompt after ^C at read', () => t.screen.slice(interrupted).endsWith('^C\n/ # '));
    expect(await line(t, 'echo $?')).toBe('130\n');
    expect(t.screen).not.toMatch(/\nnot-reached/);
  });

  it('read -s at the prompt reads a line without echoing it nor keeping it in the history (-sp, -rs, -s -p)', async () => {
    const t = terminal();
    await until('the first prompt', () => t.screen.endsWith('/ # '));
    const before = t.screen.length;
    t.type('read -sp "Password: " pw; echo; echo "[$pw]"\r');
    await until('read\'s prompt', () => t.screen.slice(before).endsWith('Password: '));
    t.type('s3cr\u007fet word\r');
    await until('the line read', () => t.screen.slice(before).endsWith('/ # '));
    // bash: with -s nothing typed shows, not even the Enter (hence the script's own `echo`).
    expect(t.screen.slice(before)).toBe('read -sp "Password: " pw; echo; echo "[$pw]"\nPassword: \n[s3cet word]\n/ # ');
    const joined = t.screen.length;
    t.type('read -rs -p "again: " a b; echo "[$a][$b]"\r');
    await until('the second prompt', () => t.screen.slice(joined).endsWith('again: '));
    t.type('x\\y z\r');
    await until('the second line read', () => t.screen.slice(joined).endsWith('/ # '));
    expect(t.screen.slice(joined)).toMatch(/again: \[x\\y\]\[z\]\n\/ # $/);
    expect(t.screen).not.toContain('x\\y z');
    // ↑ recalls the last command typed, not the secret.
    const recalled = t.screen.length;
    t.type('\u001b[A');
    await until('the recalled line', () => t.screen.slice(recalled).includes('read -rs'));
    t.type('\u0003');
    await until('a prompt after ^C', () => t.screen.slice(recalled).endsWith('^C\n/ # '));
    expect(await line(t, 'read -p "shown: " v; echo "[$v]"', 'shown: ')).toBe('');
    t.type('visible\r');
    await until('the echoed line', () => t.screen.endsWith('visible\n[visible]\n/ # '));
  });

  it('exits on Ctrl-D with the last status, and on exit N with N', async () => {
    const t = terminal();
    await until('the first prompt', () => t.screen.endsWith('/ # '));
    await line(t, 'false');
    t.type('\u0004');
    await until('the end', () => t.exitCode !== undefined);
    expect(t.exitCode).toBe(1);
    const u = terminal();
    await until('the first prompt', () => u.screen.endsWith('/ # '));
    u.type('exit 5\r');
    await until('the end', () => u.exitCode !== undefined);
    expect(u.exitCode).toBe(5);
  });

  it('sets TERM with a tty and COLUMNS and LINES from the resize channel', async () => {
    const t = terminal();
    await until('the first prompt', () => t.screen.endsWith('/ # '));
    t.session.resize(120, 40);
    expect(await line(t, 'echo $TERM $COLUMNS $LINES')).toBe('xterm 120 40\n');
  });

  it('prompts as the image\'s shell does: dash "# ", bash "root@host:/# "', async () => {
    const dash = terminal({ image: 'debian' });
    await until('the dash prompt', () => dash.screen === '# ');
    const bash = terminal({ image: 'debian', argv0: 'bash' });
    await until('the bash prompt', () => bash.screen === 'root@web-1:/# ');
  });

  it('without a tty reads piped lines with no prompt and no echo, and ends when stdin closes', async () => {
    const t = terminal({ tty: false });
    t.type('X=4\necho $((X*2))\n');
    t.session.endInput();
    await until('the end', () => t.exitCode !== undefined);
    expect(t.screen).toBe('8\n');
    expect(t.exitCode).toBe(0);
  });
});
