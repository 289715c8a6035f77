/**
 * The node grid's windowing (pure, tested beside): the grid is laid out as rows of equal-width cards, as
 * CSS grid's `repeat(auto-fill, minmax(min, 1fr))` lays them out, and only the rows near the screen are in
 * the DOM; the others are space of their estimated (or once measured) height. A card's height follows
 * from its pod count and width (its tiles wrap at a fixed size), so estimates are exact for compact cards.
 */

/** Sizes in CSS pixels, as node-card.tsx and pod-tiles.tsx draw them. */
export interface CardMetrics {
  /** The smallest card width (the grid's minmax minimum) and the gap between cards and rows. */
  minWidth: number;
  gap: number;
  /** Everything of a card but its tiles: borders, padding, header, bars (and the gap above the tiles). */
  chrome: number;
  /** Left and right borders and padding: the card's width minus the width its tiles wrap in. */
  inset: number;
  /** The height a card without tiles adds instead of them (a "No pods" line), 0 for none. */
  empty: number;
}

/** Pod tiles: 10 px squares with 3 px between them (pod-tiles.tsx). */
export const TILE = 10;
export const TILE_GAP = 3;

/** Compact cards (node-card.tsx: border-t-[3px] border p-1.5, a text-xs header with mb-1, h-1 bars with mb-1). */
export const COMPACT_CARD: CardMetrics = { minWidth: 128, gap: 6, chrome: 3 + 1 + 2 * 6 + 16 + 4 + 4 + 4, inset: 2 + 2 * 6, empty: 0 };
/** Detailed cards (border-t-4 border p-2.5, a text-sm header, three labelled bars, mt-2 above the tiles). */
export const DETAILED_CARD: CardMetrics = { minWidth: 200, gap: 10, chrome: 4 + 1 + 2 * 10 + 22 + 6 + 3 * 17 + 2 + 8, inset: 2 + 2 * 10, empty: 17 };

/** Columns of `repeat(auto-fill, minmax(minWidth, 1fr))` in a grid `width` wide (at least one). */
export function columnsFor(width: number, metrics: CardMetrics): number {
  return Math.max(1, Math.floor((width + metrics.gap) / (metrics.minWidth + metrics.gap)));
}

/** The width of one card when `columns` share `width`. */
export function cardWidth(width: number, columns: number, metrics: CardMetrics): number {
  return (width - (columns - 1) * metrics.gap) / columns;
}

/** How many tiles fit in one line of a card this wide. */
export function tilesPerLine(card: number, metrics: CardMetrics): number {
  return Math.max(1, Math.floor((card - metrics.inset + TILE_GAP) / (TILE + TILE_GAP)));
}

/** A card's height with `pods` tiles. */
export function cardHeight(pods: number, card: number, metrics: CardMetrics): number {
  if (pods === 0) return metrics.chrome + metrics.empty;
  const lines = Math.ceil(pods / tilesPerLine(card, metrics));
  return metrics.chrome + lines * (TILE + TILE_GAP) - TILE_GAP;
}

/** One row of cards: which cards (start and end index, end excluded), where it starts and how tall it is. */
export interface GridRow {
  start: number;
  end: number;
  top: number;
  height: number;
}

/**
 * The rows of `podCounts.length` cards in `columns` columns, `gap` apart: each row as tall as its tallest
 * card, a card as `measured(index)` says (one measured while on screen, with the same pods and width
 * since) or else as estimated.
 */
export function layoutRows(podCounts: readonly number[], width: number, columns: number, metrics: CardMetrics, measured: (index: number) => number | undefined = () => undefined): { rows: GridRow[]; height: number } {
  const card = cardWidth(width, columns, metrics);
  const rows: GridRow[] = [];
  let top = 0;
  for (let start = 0; start < podCounts.length; start += columns) {
    const end = Math.min(podCounts.length, start + columns);
    let height = 0;
    for (let i = start; i < end; i++) height = Math.max(height, measured(i) ?? cardHeight(podCounts[i], card, metrics));
    rows.push({ start, end, top, height });
    top += height + metrics.gap;
  }
  return { rows, height: rows.length ? top - metrics.gap : 0 };
}

/** The first and last (inclusive) rows that meet [from, to) (grid coordinates); [0, -1] when none does. */
export function visibleRows(rows: readonly GridRow[], from: number, to: number): [number, number] {
  // Binary search for the first row ending after `from`.
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid].top + rows[mid].height <= from) lo = mid + 1;
    else hi = mid;
  }
  let last = lo - 1;
  while (last + 1 < rows.length && rows[last + 1].top < to) last++;
  return last < lo ? [0, -1] : [lo, last];
}
