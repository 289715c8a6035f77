import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';

/**
 * A command in a pseudo-terminal (util-linux script(1)), driven as a person would: wait until the
 * screen shows something, then type. Nothing is typed on a timer, so a slow machine only makes it slower.
 */
export class Terminal {
  private readonly child: ChildProcessWithoutNullStreams;
  private screen = '';
  private readonly exited: Promise<number | null>;

  constructor(readonly command: string, env: NodeJS.ProcessEnv, timeoutMs = 150_000) {
    this.child = spawn('script', ['-qec', command, '/dev/null'], { env: { ...env, TERM: 'xterm' } });
    this.child.stdout.on('data', (chunk: Buffer) => (this.screen += chunk.toString()));
    const killer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => {
      clearTimeout(killer);
      resolve(code);
    }));
  }

  output(): string {
    return this.screen;
  }

  /** Resolves once the output so far matches `pattern`; fails with the screen on timeout. */
  async waitFor(pattern: RegExp, timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.screen)) {
      if (Date.now() > deadline) throw new Error(`\`${this.command}\` never showed ${pattern} within ${timeoutMs / 1000} s; the screen:\n${this.screen}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  type(keys: string): void {
    this.child.stdin.write(keys);
  }

  /** The exit code of the command (script -e passes it through). */
  exit(): Promise<number | null> {
    return this.exited;
  }
}
