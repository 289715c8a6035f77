import type { Page } from 'playwright-core';

/** A pod tile as the overview's node grid shows it. */
export interface PodTile {
  pod: string;
  status: string;
  /** The node tile the pod tile sits in (undefined: outside every node tile, e.g. an "unscheduled" lane). */
  node?: string;
}

/**
 * Everything the node grid shows: node tiles (`data-testid="node-tile"`, `data-node`) and the pod tiles
 * (`data-testid="pod-tile"`, `data-pod="ns/name"`, `data-status`) with the node tile each sits in.
 * Written as a string so the Node.js program needs no DOM types.
 */
export async function readGrid(page: Page): Promise<{ nodes: string[]; pods: PodTile[] }> {
  return (await page.evaluate(`(() => {
    const nodes = [...document.querySelectorAll('[data-testid="node-tile"]')].map((el) => el.getAttribute('data-node'));
    const pods = [...document.querySelectorAll('[data-testid="pod-tile"]')].map((el) => ({
      pod: el.getAttribute('data-pod'),
      status: el.getAttribute('data-status'),
      node: el.closest('[data-testid="node-tile"]')?.getAttribute('data-node') ?? undefined,
    }));
    return { nodes, pods };
  })()`)) as { nodes: string[]; pods: PodTile[] };
}

/** Pod tiles whose pod name starts with `prefix` (e.g. `default/web-`). */
export function tilesOf(grid: { pods: PodTile[] }, prefix: string): PodTile[] {
  return grid.pods.filter((tile) => tile.pod.startsWith(prefix));
}

/** A short summary of pod tiles, for failure messages. */
export function describeTiles(tiles: PodTile[]): string {
  return tiles.length ? tiles.map((t) => `${t.pod}@${t.node ?? '-'}=${t.status}`).join(', ') : '(no pod tiles)';
}

/** The page's visible text, collapsed, for failure messages. */
export async function visibleText(page: Page, max = 600): Promise<string> {
  const text = await page.locator('body').innerText({ timeout: 2000 }).catch(() => '');
  return text.replace(/\s+/g, ' ').slice(0, max);
}

/**
 * Replaces the content of the Apply page's CodeMirror editor as a paste does (select all, delete, insert
 * the text in one input event, so the editor's auto-indent does not touch it).
 */
export async function pasteIntoEditor(page: Page, text: string): Promise<void> {
  // The page shows a plain textarea until CodeMirror has loaded, then swaps it in with the textarea's
  // selection as it was when the textarea left (story.spec's Apply editor case); keys pressed in the moment
  // between the textarea leaving and CodeMirror taking focus have nowhere to go. Paste once CodeMirror is
  // there, or once the page has said it could not load it.
  await page.locator('[data-testid="apply-editor"][data-editor="codemirror"] .cm-editor, [data-testid="apply-editor"] p').first().waitFor({ timeout: 30_000 });
  const editor = page.locator('[data-testid="apply-editor"] .cm-content, .cm-content').first();
  await editor.waitFor({ timeout: 30_000 });
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}
