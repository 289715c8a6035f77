import { describe, expect, it } from '@jest/globals';
import { LineEditor } from './line-editor';

function editor() {
  const lines: string[] = [];
  let screen = '';
  let clears = 0;
  const ed = new LineEditor({ write: (t) => (screen += t), prompt: () => '$ ', onLine: (l) => lines.push(l), onClearScreen: () => clears++ });
  ed.showPrompt();
  return { ed, lines, screen: () => screen, clears: () => clears };
}

describe('LineEditor', () => {
  it('hands a typed line to onLine on Enter', () => {
    const { ed, lines } = editor();
    ed.feed('env');
    ed.feed('\r');
    expect(lines).toEqual(['env']);
  });

  it('deletes before the cursor with Backspace and inserts where the cursor is', () => {
    const { ed, lines } = editor();
    ed.feed('ecoh');
    ed.feed('\x7f');
    ed.feed('\x7f');
    ed.feed('ho');
    ed.feed('\x1b[D'); // left: cursor before "o"
    ed.feed('c');
    ed.feed('\x1b[C');
    ed.feed(' hi\r');
    expect(lines).toEqual(['echco hi']);
  });

  it('recalls earlier lines with Up and returns to the draft with Down', () => {
    const { ed, lines } = editor();
    ed.feed('ls\r');
    ed.feed('hostname\r');
    ed.feed('dra');
    ed.feed('\x1b[A');
    ed.feed('\x1b[A');
    ed.feed('\r');
    expect(lines[2]).toBe('ls');
    ed.showPrompt();
    ed.feed('dra');
    ed.feed('\x1b[A');
    ed.feed('\x1b[B');
    ed.feed('ft\r');
    expect(lines[3]).toBe('draft');
  });

  it('ignores keys while busy, except Ctrl+C which abandons the command', () => {
    const { ed, lines, screen } = editor();
    ed.busy = true;
    ed.feed('x\r');
    expect(lines).toEqual([]);
    ed.feed('\x03');
    expect(ed.busy).toBe(false);
    expect(screen()).toContain('^C');
    ed.feed('y\r');
    expect(lines).toEqual(['y']);
  });

  it('treats pasted text with a newline as typed lines and Ctrl+L as clear', () => {
    const { ed, lines, clears } = editor();
    ed.feed('echo a\recho b\r');
    expect(lines).toEqual(['echo a', 'echo b']);
    ed.feed('\x0c');
    expect(clears()).toBe(1);
  });
});
