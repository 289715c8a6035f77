'use client';
import { useEffect, useState } from 'react';

function typingInField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
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
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === '/' && !typingInField(event.target)) {
        const search = document.querySelector<HTMLInputElement>('[data-list-search]');
        if (search) {
          event.preventDefault();
          search.focus();
        }
        return;
      }
      if (typingInField(event.target) && event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
      if (event.key === 'j' || event.key === 'ArrowDown') {
        event.preventDefault();
        setSelected((s) => Math.min(count - 1, Math.min(s, count - 1) + 1));
      } else if (event.key === 'k' || event.key === 'ArrowUp') {
        event.preventDefault();
        setSelected((s) => Math.max(0, Math.min(s, count - 1) - 1));
      } else if (event.key === 'Enter' && clamped >= 0 && !typingInField(event.target)) {
        event.preventDefault();
        open(clamped);
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [count, clamped, open]);
  useEffect(() => {
    if (clamped < 0) return;
    document.querySelector(`[data-row-index="${clamped}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [clamped]);
  return [clamped, setSelected];
}
