'use client';
import { useEffect, useRef } from 'react';

/** Dispatched on window to open the palette from anywhere (the sidebar's search button). */
export const OPEN_PALETTE_EVENT = 'drydock:open-palette';

export function openPalette(): void {
  window.dispatchEvent(new Event(OPEN_PALETTE_EVENT));
}

/** k9s-style jumps: `g` then one of these keys. */
export const GO_TO: Record<string, string> = { o: '/', n: '/nodes', w: '/workloads', p: '/pods', e: '/events', c: '/control-plane', k: '/kinds', h: '/helm', a: '/apply', m: '/access', x: '/clusters', u: '/people', l: '/audit', q: '/graphiql' };
const CHORD_MS = 1500;

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.closest('.xterm') !== null;
}

/**
 * Ctrl+K / Cmd+K toggles the palette anywhere; `/` opens it and `g` + key jumps, except while the user
 * types in a field (or a terminal).
 */
export function useGlobalShortcuts(actions: { open: () => void; toggle: () => void; go: (href: string) => void }): void {
  const latest = useRef(actions);
  latest.current = actions;
  useEffect(() => {
    let chordAt = 0;
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        latest.current.toggle();
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented || isTyping(event.target)) return;
      if (event.key === '/') {
        event.preventDefault();
        latest.current.open();
      } else if (event.key === 'g' && !chordAt) {
        chordAt = Date.now();
      } else {
        const href = chordAt && Date.now() - chordAt < CHORD_MS ? GO_TO[event.key] : undefined;
        chordAt = 0;
        if (href) {
          event.preventDefault();
          latest.current.go(href);
        }
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
