import type { InteractiveShell, LineSource } from '../shell/interactive-shell';
import { TerminalLineDiscipline } from './terminal-line.discipline';

/** Where an interactive shell's output goes (already on the terminal's stream when tty) and how it ends. */
export interface SessionIo {
  send(stream: 1 | 2, data: Buffer | string): void;
  /** The shell ended (`exit`, Ctrl-D, end of stdin) with this code; called once. */
  finish(code: number): void;
}

/**
 * An interactive shell over a byte stream of keystrokes (see TerminalLineDiscipline): the shell reads
 * complete lines from here; keys typed while a line runs wait for it (typed ahead), Ctrl-C stops the
 * running line or drops the one being typed, as a terminal's SIGINT does. Used for `kubectl exec -it
 * … sh` and for a container whose main process is a shell with `stdin: true` (`kubectl run -it … --
 * sh`, then `kubectl attach`). Knows nothing of WebSockets.
 */
export class InteractiveSession implements LineSource {
  private readonly discipline: TerminalLineDiscipline;
  private readonly lines: Array<string | undefined> = [];
  private waiting?: (line: string | null | undefined) => void;
  private ended = false;
  private finished = false;
  private readonly closed = new AbortController();

  constructor(private readonly shell: InteractiveShell, private readonly tty: boolean, private readonly io: SessionIo) {
    this.discipline = new TerminalLineDiscipline(tty);
    void shell.run(this, this.closed.signal).then((code) => this.finish(code), () => this.finish(1));
  }

  /**
   * Keystrokes (or piped lines) on stdin, in order: a line ended before a Ctrl-C in the same chunk
   * reaches the shell first, so that the Ctrl-C stops it, as a terminal's SIGINT would.
   */
  input(data: Buffer): void {
    for (const keys of splitAfterInterrupts(data.toString('utf8'))) {
      if (this.finished) return;
      this.keys(keys);
    }
  }

  private keys(keys: string): void {
    const input = this.discipline.feed(keys);
    if (input.echo) this.io.send(1, input.echo);
    for (const line of input.lines) this.deliver(line);
    if (input.interrupted) {
      // A terminal's SIGINT also flushes what was typed ahead. Whether a read waits is known here at
      // once; the shell learns that a line was taken only a few promise turns later, and a Ctrl-C in
      // between (Enter and Ctrl-C read from one packet) must stop that line, not be lost.
      this.lines.length = 0;
      if (this.waiting || !this.shell.interrupt()) this.deliver(null);
    }
    // A terminal's Ctrl-D ends the input of whoever reads it now (a `read`, or the shell, which exits); closed stdin ends all.
    if (input.endOfInput) {
      if (this.tty) this.deliver(undefined);
      else this.endInput();
    }
  }

  /** The terminal's new size (the resize channel). */
  resize(columns: number, lines: number): void {
    this.shell.resize(columns, lines);
  }

  /** stdin closed: the shell ends with its last exit code once the lines already typed have run. */
  endInput(): void {
    if (this.ended) return;
    this.ended = true;
    this.deliver(undefined);
  }

  /** The other side went away: stop the running line and end without waiting. */
  abort(): void {
    this.closed.abort();
    this.deliver(undefined);
  }

  read(prompt: string, options: { silent?: boolean } = {}): Promise<string | null | undefined> {
    if (this.tty && !this.closed.signal.aborted) this.io.send(1, prompt);
    if (this.lines.length > 0) return Promise.resolve(this.lines.shift());
    if (this.closed.signal.aborted) return Promise.resolve(undefined);
    // A line typed ahead was echoed as it was typed, as on a terminal; the one awaited now is not.
    if (options.silent) this.discipline.silenceNextLine();
    return new Promise((resolve) => (this.waiting = resolve));
  }

  private deliver(line: string | null | undefined): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting) waiting(line);
    else if (line !== null) this.lines.push(line);
  }

  private finish(code: number): void {
    if (this.finished) return;
    this.finished = true;
    this.io.finish(code);
  }
}

/** The chunk cut after each Ctrl-C (ETX), which stays at the end of its piece. */
function splitAfterInterrupts(text: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  for (let end = text.indexOf(ETX); end !== -1; end = text.indexOf(ETX, start)) {
    pieces.push(text.slice(start, end + 1));
    start = end + 1;
  }
  if (start < text.length || pieces.length === 0) pieces.push(text.slice(start));
  return pieces;
}

const ETX = '\u0003';

/** What a terminal does to output (onlcr): every newline reaches the screen as CR LF. */
export function terminalOutput(data: Buffer | string): Buffer {
  return Buffer.from(data.toString().replace(/\r?\n/g, '\r\n'));
}
