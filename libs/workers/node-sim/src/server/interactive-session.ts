import type { InteractiveShell } from '../shell/container-shell';
import { TerminalLineDiscipline } from './terminal-line.discipline';

/** Where an interactive shell's output goes (already on the terminal's stream when tty) and how it ends. */
export interface SessionIo {
  send(stream: 1 | 2, data: Buffer | string): void;
  /** The shell ended (`exit`, Ctrl-D, end of stdin) with this code; called once. */
  finish(code: number): void;
}

/**
 * A line-reading shell over a byte stream of keystrokes (see TerminalLineDiscipline), one line at a
 * time: keys typed while a line runs wait for it; Ctrl-C stops the running line. Used for `kubectl
 * exec -it … sh` and for a container whose main process is a shell with `stdin: true` (`kubectl run
 * -it … -- sh`, then `kubectl attach`). Knows nothing of WebSockets.
 */
export class InteractiveSession {
  private readonly discipline: TerminalLineDiscipline;
  private lastExit = 0;
  private pending = '';
  private line?: AbortController;
  private queue = Promise.resolve();
  private finished = false;
  private readonly closed = new AbortController();

  constructor(private readonly shell: InteractiveShell, private readonly tty: boolean, private readonly io: SessionIo) {
    this.discipline = new TerminalLineDiscipline(tty);
    if (tty) io.send(1, this.prompt());
  }

  /** Keystrokes (or piped lines) on stdin. */
  input(data: Buffer): void {
    if (this.finished) return;
    const input = this.discipline.feed(data.toString('utf8'));
    if (input.echo) this.io.send(1, input.echo);
    if (input.interrupted) {
      this.line?.abort();
      this.pending = '';
      if (this.tty && !this.line) this.io.send(1, this.prompt());
    }
    this.queue = this.queue.then(() => this.runLines(input.lines)).then(() => (input.endOfInput ? this.finish(this.lastExit) : undefined));
  }

  /** stdin closed: the shell ends with its last exit code once the lines already typed have run. */
  endInput(): void {
    void this.queue.then(() => this.finish(this.lastExit));
  }

  /** The other side went away: stop the running line and end without waiting. */
  abort(): void {
    this.closed.abort();
    this.line?.abort();
  }

  private finish(code: number): void {
    if (this.finished) return;
    this.finished = true;
    this.io.finish(code);
  }

  private prompt(): string {
    return `${this.shell.cwd === this.shell.home ? '~' : this.shell.cwd} # `;
  }

  private async runLines(lines: string[]): Promise<void> {
    for (const text of lines) {
      if (this.finished) return;
      this.pending = this.pending ? `${this.pending}\n${text}` : text;
      const line = new AbortController();
      this.line = line;
      this.closed.signal.addEventListener('abort', () => line.abort(), { once: true });
      const outcome = await this.shell.runLine(this.pending, line.signal);
      this.line = undefined;
      if (outcome.kind === 'incomplete') {
        if (this.tty) this.io.send(1, '> ');
        continue;
      }
      this.pending = '';
      this.lastExit = outcome.exitCode;
      if (outcome.kind === 'exited') return this.finish(outcome.exitCode);
      if (this.tty) this.io.send(1, this.prompt());
    }
  }
}

/** What a terminal does to output (onlcr): every newline reaches the screen as CR LF. */
export function terminalOutput(data: Buffer | string): Buffer {
  return Buffer.from(data.toString().replace(/\r?\n/g, '\r\n'));
}
