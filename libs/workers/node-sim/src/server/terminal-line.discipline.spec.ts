import { TerminalLineDiscipline } from './terminal-line.discipline';

/** What a terminal shows after the echo: characters overwrite at the cursor, backspace moves it left. */
function screen(echo: string): string {
  const cells: string[] = [];
  let cursor = 0;
  for (const ch of echo) {
    if (ch === '\b') cursor = Math.max(0, cursor - 1);
    else if (ch === '\n') [cells.length, cursor] = [0, 0];
    else cells[cursor++] = ch;
  }
  return cells.join('').trimEnd();
}

describe('terminal line discipline', () => {
  it('echoes keystrokes with a tty and hands over complete lines', () => {
    const discipline = new TerminalLineDiscipline(true);
    expect(discipline.feed('ech')).toEqual({ echo: 'ech', lines: [], endOfInput: false, interrupted: false });
    expect(discipline.feed('o hi\r')).toMatchObject({ echo: 'o hi\n', lines: ['echo hi'] });
  });

  it('erases with backspace and drops the line on Ctrl-C', () => {
    const discipline = new TerminalLineDiscipline(true);
    expect(discipline.feed('lsx\u007f\r')).toMatchObject({ echo: 'lsx\b \b\n', lines: ['ls'] });
    expect(discipline.feed('rm -rf\u0003')).toMatchObject({ lines: [], interrupted: true });
    expect(discipline.feed('pwd\n').lines).toEqual(['pwd']);
  });

  it('ends input on Ctrl-D at an empty line only', () => {
    const discipline = new TerminalLineDiscipline(false);
    expect(discipline.feed('a\u0004').endOfInput).toBe(false);
    expect(discipline.feed('\n\u0004')).toEqual({ echo: '', lines: ['a'], endOfInput: true, interrupted: false });
  });

  it('moves within the line with the arrow keys and inserts where the cursor is', () => {
    const discipline = new TerminalLineDiscipline(true);
    // `ecoh`, ← ←, Delete (drops o), → , type o: `echo`, then ` hi` and Enter.
    const typing = discipline.feed('ecoh\u001b[D\u001b[D\u001b[3~\u001b[Co hi');
    expect(screen(typing.echo)).toBe('echo hi');
    expect(discipline.feed('\r').lines).toEqual(['echo hi']);
    // An escape sequence split over two chunks still counts as one key.
    expect(discipline.feed('ab\u001b[').echo).toBe('ab');
    expect(discipline.feed('Dx\r').lines).toEqual(['axb']);
  });

  it('recalls earlier lines with the up and down arrows', () => {
    const discipline = new TerminalLineDiscipline(true);
    discipline.feed('ls /tmp\rpwd\r');
    expect(discipline.feed('\u001b[A\r').lines).toEqual(['pwd']);
    expect(discipline.feed('\u001b[A\u001b[A\r').lines).toEqual(['ls /tmp']);
    // History is now ls /tmp, pwd, ls /tmp: up twice is pwd, down once the newest again, up once more pwd.
    const walked = discipline.feed('x\u001b[A\u001b[A\u001b[B\u001b[A');
    expect(screen(walked.echo)).toBe('pwd');
    expect(discipline.feed('\u007f\r').lines).toEqual(['pw']);
  });
});
