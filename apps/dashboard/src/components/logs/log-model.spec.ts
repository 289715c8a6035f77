import { describe, expect, it } from '@jest/globals';
import { appendLines, countMatches, emptyBuffer, escapeRegExp, splitMatches } from './log-model';

const line = (text: string, timestamp: string | null = null, pod = 'p') => ({ pod, container: 'c', line: text, timestamp });

describe('appendLines', () => {
  it('numbers lines and keeps only the newest ones, counting those dropped', () => {
    let buffer = appendLines(emptyBuffer, [line('1'), line('2'), line('3')], 2);
    buffer = appendLines(buffer, [line('4')], 2);
    expect(buffer.lines.map((l) => l.line)).toEqual(['3', '4']);
    expect(buffer.dropped).toBe(2);
    expect(buffer.lines.map((l) => l.seq)).toEqual([2, 3]);
  });

  it('interleaves pods by timestamp when merging (each pod history arrives as its own batch)', () => {
    let buffer = appendLines(emptyBuffer, [line('a1', '2026-01-01T00:00:01Z', 'a'), line('a3', '2026-01-01T00:00:03Z', 'a')], 100, true);
    buffer = appendLines(buffer, [line('b2', '2026-01-01T00:00:02Z', 'b')], 100, true);
    expect(buffer.lines.map((l) => l.line)).toEqual(['a1', 'b2', 'a3']);
  });
});

describe('appendLines after a reconnect', () => {
  it('drops the replayed tail and keeps what is new', () => {
    let buffer = appendLines(emptyBuffer, [line('a', '2026-01-01T00:00:01Z'), line('b', '2026-01-01T00:00:02Z'), line('c', '2026-01-01T00:00:02Z')]);
    buffer = appendLines(buffer, [line('a', '2026-01-01T00:00:01Z'), line('b', '2026-01-01T00:00:02Z'), line('c', '2026-01-01T00:00:02Z'), line('d', '2026-01-01T00:00:02Z'), line('e', '2026-01-01T00:00:03Z')]);
    expect(buffer.lines.map((l) => l.line)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('keeps lines without timestamps', () => {
    let buffer = appendLines(emptyBuffer, [line('x')]);
    buffer = appendLines(buffer, [line('x')]);
    expect(buffer.lines).toHaveLength(2);
  });
});

describe('search', () => {
  it('marks every case-insensitive match and counts them', () => {
    const pattern = new RegExp(escapeRegExp('GET /'), 'gi');
    expect(splitMatches('get / then GET /x', pattern)).toEqual([
      { text: 'get /', match: true },
      { text: ' then ', match: false },
      { text: 'GET /', match: true },
      { text: 'x', match: false },
    ]);
    expect(countMatches('get / then GET /x', pattern)).toBe(2);
  });
});
