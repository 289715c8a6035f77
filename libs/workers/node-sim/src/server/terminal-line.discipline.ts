/**
 * The line discipline of the simulated terminal behind `kubectl exec -it … sh`: kubectl sends raw
 * keystrokes, the remote side echoes them (with a tty) and edits the line as busybox's line editor
 * does: backspace and Delete, ←/→ (and Home/End, Ctrl-A/Ctrl-E) move within the line, ↑/↓ walk the
 * lines entered before, Ctrl-C drops the line; complete lines go to the shell; Ctrl-D on an empty
 * line is end of input. The echo moves the cursor with backspaces and rewrites the rest of the line,
 * which every terminal understands. Pure.
 */
export interface DisciplineOutput {
  /** What to write back to the terminal (echo, cursor moves, `^C`). */
  echo: string;
  /** Complete lines, in order. */
  lines: string[];
  /** Ctrl-D on an empty line: the shell should end. */
  endOfInput: boolean;
  /** Ctrl-C was pressed: the shell should print a new prompt. */
  interrupted: boolean;
}

/** The escape sequences of the keys we edit with (CSI and SS3 forms), by the key they mean. */
const KEYS: Record<string, 'left' | 'right' | 'up' | 'down' | 'home' | 'end' | 'delete'> = {
  '\u001b[D': 'left', '\u001bOD': 'left', '\u001b[C': 'right', '\u001bOC': 'right',
  '\u001b[A': 'up', '\u001bOA': 'up', '\u001b[B': 'down', '\u001bOB': 'down',
  '\u001b[H': 'home', '\u001bOH': 'home', '\u001b[1~': 'home', '\u001b[F': 'end', '\u001bOF': 'end', '\u001b[4~': 'end',
  '\u001b[3~': 'delete',
};

export class TerminalLineDiscipline {
  private buffer = '';
  private cursor = 0;
  private escape = '';
  private readonly history: string[] = [];
  private historyIndex = 0;
  /** The line being typed is not echoed nor kept in the history (`read -s`); ends with that line. */
  private silent = false;

  constructor(private readonly echoes: boolean) {}

  /** The next line is typed without echo (stty -echo for one `read -s`): keys, cursor moves and its Enter show nothing. */
  silenceNextLine(): void {
    this.silent = true;
  }

  feed(chunk: string): DisciplineOutput {
    const out: DisciplineOutput = { echo: '', lines: [], endOfInput: false, interrupted: false };
    for (const ch of chunk) {
      const [silent, echoed] = [this.silent, out.echo.length];
      if (this.escape || ch === '\u001b') {
        this.escapeKey(ch, out);
      } else if (ch === '\u0004' && this.buffer === '') {
        out.endOfInput = true;
        this.silent = false;
        break;
      } else {
        this.key(ch, out);
      }
      // Ctrl-C still shows ^C (the terminal's signal, not an echo of the line).
      if (silent && ch !== '\u0003') out.echo = out.echo.slice(0, echoed);
    }
    if (!this.echoes) out.echo = '';
    return out;
  }

  /** Collects an escape sequence until it is complete (it may arrive split over chunks). */
  private escapeKey(ch: string, out: DisciplineOutput): void {
    this.escape += ch;
    if (this.escape.length < 3 || (this.escape[1] === '[' && /[0-9;]/.test(ch))) return;
    const key = KEYS[this.escape];
    this.escape = '';
    if (key === 'left' || key === 'home') out.echo += this.moveTo(key === 'left' ? Math.max(0, this.cursor - 1) : 0);
    else if (key === 'right' || key === 'end') out.echo += this.moveTo(key === 'right' ? Math.min(this.buffer.length, this.cursor + 1) : this.buffer.length);
    else if (key === 'up' || key === 'down') this.recall(key === 'up' ? -1 : 1, out);
    else if (key === 'delete' && this.cursor < this.buffer.length) out.echo += this.edit(this.buffer.slice(0, this.cursor) + this.buffer.slice(this.cursor + 1), this.cursor);
  }

  private key(ch: string, out: DisciplineOutput): void {
    if (ch === '\u0003') {
      this.buffer = '';
      this.cursor = 0;
      out.echo += '^C\n';
      out.interrupted = true;
      this.silent = false;
    } else if (ch === '\u007f' || ch === '\b') {
      if (this.cursor > 0) {
        const next = this.buffer.slice(0, this.cursor - 1) + this.buffer.slice(this.cursor);
        const back = this.moveTo(this.cursor - 1);
        out.echo += back + this.edit(next, this.cursor);
      }
    } else if (ch === '\r' || ch === '\n') {
      out.echo += '\n';
      out.lines.push(this.buffer);
      if (!this.silent && this.buffer.trim() && this.buffer !== this.history[this.history.length - 1]) this.history.push(this.buffer);
      this.silent = false;
      this.historyIndex = this.history.length;
      this.buffer = '';
      this.cursor = 0;
    } else if (ch === '\u0001') out.echo += this.moveTo(0);
    else if (ch === '\u0005') out.echo += this.moveTo(this.buffer.length);
    else if (ch >= ' ') out.echo += this.edit(this.buffer.slice(0, this.cursor) + ch + this.buffer.slice(this.cursor), this.cursor, 1);
  }

  /** ↑/↓: replaces the line with an earlier (or later) one; past the newest is an empty line. */
  private recall(step: number, out: DisciplineOutput): void {
    const index = Math.min(this.history.length, Math.max(0, this.historyIndex + step));
    if (index === this.historyIndex) return;
    this.historyIndex = index;
    out.echo += this.moveTo(0) + this.edit(this.history[index] ?? '', 0, (this.history[index] ?? '').length);
  }

  /** Moves the cursor, returning the echo that does it on the terminal. */
  private moveTo(position: number): string {
    const echo = position < this.cursor ? '\b'.repeat(this.cursor - position) : this.buffer.slice(this.cursor, position);
    this.cursor = position;
    return echo;
  }

  /**
   * Replaces the line with `next`, the cursor being at `from` (unchanged up to there), and leaves
   * it `advance` characters further: the echo rewrites from `from` to the end, blanks what the old
   * line had beyond, and steps back.
   */
  private edit(next: string, from: number, advance = 0): string {
    const tail = next.slice(from);
    const blank = Math.max(0, this.buffer.length - next.length);
    this.buffer = next;
    this.cursor = from + advance;
    return `${tail}${' '.repeat(blank)}${'\b'.repeat(tail.length + blank - advance)}`;
  }
}
