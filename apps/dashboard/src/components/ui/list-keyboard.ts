'use client';
import { useEffect, useState } from 'react';

function typingInField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.closest('.xterm') !== null;
}

/**
 * k9s-style list keys: j/k or ↓/↑ move the selection, Enter opens the selected row, / focuses the
 * search box (an element with data-list-search). Keys typed into a field are left alone.
 * Returns the selected index (-1 before the first move) and a setter for mouse hover/click.
 */
export function useListKeyboard(count: number, open: (index: number) => void): [number, (index: number) => void] {
  const [selected, setSelected] = useState(-1);
  const clamped = Math.min(selected, count - 1);
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      const target = event.target as HTMLElement | null;
      // Arrows still move the selection from the list's own search box; any other field keeps its keys.
      const inSearch = !!target?.hasAttribute?.('data-list-search');
      if (typingInField(target) && !(inSearch && (event.key === 'ArrowDown' || event.key === 'ArrowUp'))) return;
      if (event.key === 'j' || event.key === 'ArrowDown') {
        event.preventDefault();
        setSelected((s) => Math.min(count - 1, Math.min(s, count - 1) + 1));
      } else if (event.key === 'k' || event.key === 'ArrowUp') {
        event.preventDefault();
        setSelected((s) => Math.max(0, Math.min(s, count - 1) - 1));
      } else if (event.key === 'Enter' && clamped >= 0) {
        event.preventDefault();
        open(clamped);
      }
    }
    // `/` on a list page filters the list, as in k9s; it runs in the capture phase so the global
    // palette shortcut (which leaves handled keys alone) does not open too. Ctrl+K still opens it.
    function onSlash(event: KeyboardEvent) {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || typingInField(event.target)) return;
      const search = document.querySelector<HTMLInputElement>('[data-list-search]');
      if (!search) return;
      event.preventDefault();
      search.focus();
      search.select();
    }
    if (count > 0) window.addEventListener('keydown', onKey);
    window.addEventListener('keydown', onSlash, true);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('keydown', onSlash, true);
    };
  }, [count, clamped, open]);
  useEffect(() => {
    if (clamped < 0) return;
    document.querySelector(`[data-row-index="${clamped}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [clamped]);
  return [clamped, setSelected];
}
