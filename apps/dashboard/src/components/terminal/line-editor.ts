/**
 * The terminal's line discipline: what a shell's readline would do with keystrokes (xterm `onData`
 * strings), kept apart from xterm so it can be tested alone. It echoes through `write` and hands a
 * finished line to `onLine`; it never runs anything itself.
 */
export interface LineEditorHost {
  write: (text: string) => void;
  prompt: () => string;
  onLine: (line: string) => void;
  onClearScreen: () => void;
}

const MAX_HISTORY = 200;

export class LineEditor {
  private buffer = '';
  private cursor = 0;
  private readonly history: string[] = [];
  private historyIndex = 0;
  private draft = '';
  /** While a command runs, keystrokes are ignored (Ctrl+C aside). */
  busy = false;

  constructor(private readonly host: LineEditorHost) {}

  showPrompt(): void {
    this.buffer = '';
    this.cursor = 0;
    this.historyIndex = this.history.length;
    this.host.write(this.host.prompt());
  }

  /** Feeds one `onData` chunk: a key, an escape sequence or pasted text. */
  feed(data: string): void {
    const sequence = ESCAPES[data];
    if (sequence) return this[sequence]();
    for (const char of data) this.key(char);
  }

  private key(char: string): void {
    if (char === '\x03') return this.interrupt();
    if (this.busy) return;
    if (char === '\r' || char === '\n') return this.submit();
    if (char === '\x7f' || char === '\b') return this.backspace();
    if (char === '\x0c') return this.host.onClearScreen();
    if (char === '\x15') return this.replace('');
    if (char === '\x01') return this.home();
    if (char === '\x05') return this.end();
    if (char < ' ' || char === '\x1b') return;
    this.buffer = this.buffer.slice(0, this.cursor) + char + this.buffer.slice(this.cursor);
    this.cursor++;
    this.redraw();
  }

  private submit(): void {
    const line = this.buffer;
    this.host.write('\r\n');
    if (line.trim() && this.history[this.history.length - 1] !== line) {
      this.history.push(line);
      if (this.history.length > MAX_HISTORY) this.history.shift();
    }
    this.buffer = '';
    this.cursor = 0;
    this.historyIndex = this.history.length;
    this.host.onLine(line);
  }

  private interrupt(): void {
    this.host.write('^C\r\n');
    this.busy = false;
    this.showPrompt();
  }

  private backspace(): void {
    if (this.busy || this.cursor === 0) return;
    this.buffer = this.buffer.slice(0, this.cursor - 1) + this.buffer.slice(this.cursor);
    this.cursor--;
    this.redraw();
  }

  private deleteForward(): void {
    if (this.busy || this.cursor >= this.buffer.length) return;
    this.buffer = this.buffer.slice(0, this.cursor) + this.buffer.slice(this.cursor + 1);
    this.redraw();
  }

  private left(): void {
    if (this.busy || this.cursor === 0) return;
    this.cursor--;
    this.host.write('\x1b[D');
  }

  private right(): void {
    if (this.busy || this.cursor >= this.buffer.length) return;
    this.cursor++;
    this.host.write('\x1b[C');
  }

  private home(): void {
    if (this.busy) return;
    this.cursor = 0;
    this.redraw();
  }

  private end(): void {
    if (this.busy) return;
    this.cursor = this.buffer.length;
    this.redraw();
  }

  private up(): void {
    if (this.busy || this.historyIndex === 0) return;
    if (this.historyIndex === this.history.length) this.draft = this.buffer;
    this.historyIndex--;
    this.replace(this.history[this.historyIndex]);
  }

  private down(): void {
    if (this.busy || this.historyIndex >= this.history.length) return;
    this.historyIndex++;
    this.replace(this.historyIndex === this.history.length ? this.draft : this.history[this.historyIndex]);
  }

  private replace(text: string): void {
    if (this.busy) return;
    this.buffer = text;
    this.cursor = text.length;
    this.redraw();
  }

  /** Rewrites the whole line: prompt, text, erase the rest, then move back to the cursor. */
  private redraw(): void {
    const back = this.buffer.length - this.cursor;
    this.host.write(`\r${this.host.prompt()}${this.buffer}\x1b[K${back > 0 ? `\x1b[${back}D` : ''}`);
  }
}

const ESCAPES: Record<string, 'up' | 'down' | 'left' | 'right' | 'home' | 'end' | 'deleteForward'> = {
  '\x1b[A': 'up',
  '\x1bOA': 'up',
  '\x1b[B': 'down',
  '\x1bOB': 'down',
  '\x1b[D': 'left',
  '\x1bOD': 'left',
  '\x1b[C': 'right',
  '\x1bOC': 'right',
  '\x1b[H': 'home',
  '\x1bOH': 'home',
  '\x1b[1~': 'home',
  '\x1b[F': 'end',
  '\x1bOF': 'end',
  '\x1b[4~': 'end',
  '\x1b[3~': 'deleteForward',
};
