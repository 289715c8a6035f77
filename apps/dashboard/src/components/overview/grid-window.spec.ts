import { describe, expect, it } from '@jest/globals';
import { cardHeight, cardWidth, columnsFor, COMPACT_CARD, layoutRows, tilesPerLine, visibleRows } from './grid-window';

describe('the node grid window', () => {
  it('counts columns as repeat(auto-fill, minmax(128px, 1fr)) with 6 px gaps does', () => {
    expect(columnsFor(128, COMPACT_CARD)).toBe(1);
    expect(columnsFor(261, COMPACT_CARD)).toBe(1);
    expect(columnsFor(262, COMPACT_CARD)).toBe(2);
    expect(columnsFor(0, COMPACT_CARD)).toBe(1);
    expect(cardWidth(262, 2, COMPACT_CARD)).toBe(128);
  });

  it('wraps 10 px tiles with 3 px gaps inside the card border and padding', () => {
    // A 128 px card leaves 114 px for tiles: 9 tiles take 9 * 13 - 3 = 114 px; a 127 px card fits 8.
    expect(tilesPerLine(128, COMPACT_CARD)).toBe(9);
    expect(tilesPerLine(127, COMPACT_CARD)).toBe(8);
    expect(cardHeight(0, 128, COMPACT_CARD)).toBe(COMPACT_CARD.chrome);
    expect(cardHeight(9, 128, COMPACT_CARD)).toBe(COMPACT_CARD.chrome + 10);
    expect(cardHeight(10, 128, COMPACT_CARD)).toBe(COMPACT_CARD.chrome + 23);
  });

  it('makes each row as tall as its tallest card, measured heights first', () => {
    const { rows, height } = layoutRows([10, 0, 2, 30, 1], 262, 2, COMPACT_CARD);
    expect(rows.map((r) => [r.start, r.end])).toEqual([
      [0, 2],
      [2, 4],
      [4, 5],
    ]);
    expect(rows[0].height).toBe(cardHeight(10, 128, COMPACT_CARD));
    expect(rows[1].top).toBe(rows[0].height + COMPACT_CARD.gap);
    expect(rows[1].height).toBe(cardHeight(30, 128, COMPACT_CARD));
    expect(height).toBe(rows[2].top + rows[2].height);
    const measured = layoutRows([10, 0, 2, 30, 1], 262, 2, COMPACT_CARD, (i) => (i === 1 ? 200 : undefined));
    expect(measured.rows[0].height).toBe(200);
    expect(measured.rows[1].top).toBe(206);
    expect(layoutRows([], 262, 2, COMPACT_CARD)).toEqual({ rows: [], height: 0 });
  });

  it('finds the rows that meet a stretch of the grid', () => {
    const { rows } = layoutRows(Array.from({ length: 100 }, () => 9), 128, 1, COMPACT_CARD);
    const step = rows[1].top;
    expect(visibleRows(rows, 0, 1)).toEqual([0, 0]);
    expect(visibleRows(rows, -500, step + 1)).toEqual([0, 1]);
    expect(visibleRows(rows, step * 10 + 1, step * 12)).toEqual([10, 11]);
    // The gap between rows belongs to no row.
    expect(visibleRows(rows, rows[0].height + 1, rows[0].height + 2)).toEqual([0, -1]);
    expect(visibleRows(rows, step * 1000, step * 1001)).toEqual([0, -1]);
  });
});
