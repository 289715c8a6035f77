import { TerminalLineDiscipline } from './terminal-line.discipline';

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
});
