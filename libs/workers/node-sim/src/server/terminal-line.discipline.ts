/**
 * The line discipline of the simulated terminal behind `kubectl exec -it … sh`: kubectl sends raw
 * keystrokes, the remote side echoes them (with a tty), edits the line (backspace, Ctrl-C) and hands
 * complete lines to the shell; Ctrl-D on an empty line is end of input. Pure.
 */
export interface DisciplineOutput {
  /** What to write back to the terminal (echo, erase sequences, `^C`). */
  echo: string;
  /** Complete lines, in order. */
  lines: string[];
  /** Ctrl-D on an empty line: the shell should end. */
  endOfInput: boolean;
  /** Ctrl-C was pressed: the shell should print a new prompt. */
  interrupted: boolean;
}

export class TerminalLineDiscipline {
  private buffer = '';

  constructor(private readonly echoes: boolean) {}

  feed(chunk: string): DisciplineOutput {
    const out: DisciplineOutput = { echo: '', lines: [], endOfInput: false, interrupted: false };
    for (const ch of chunk) {
      if (ch === '\u0004' && this.buffer === '') {
        out.endOfInput = true;
        break;
      }
      this.key(ch, out);
    }
    if (!this.echoes) out.echo = '';
    return out;
  }

  private key(ch: string, out: DisciplineOutput): void {
    if (ch === '\u0003') {
      this.buffer = '';
      out.echo += '^C\n';
      out.interrupted = true;
    } else if (ch === '\u007f' || ch === '\b') {
      if (this.buffer.length > 0) out.echo += '\b \b';
      this.buffer = this.buffer.slice(0, -1);
    } else if (ch === '\r' || ch === '\n') {
      out.echo += '\n';
      out.lines.push(this.buffer);
      this.buffer = '';
    } else if (ch !== '\u0004') {
      this.buffer += ch;
      out.echo += ch;
    }
  }
}
