'use client';
import { useRouter } from 'next/navigation';
import { useDeferredValue, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useQuery } from '@/lib/graphql';
import { StatusBadge } from '@/components/ui/status-badge';
import { PALETTE_QUERY, paletteItems, rankItems, type PaletteData, type RankedItem } from './palette-items';
import { OPEN_PALETTE_EVENT, useGlobalShortcuts } from './shortcuts';

function Highlighted({ text, positions }: { text: string; positions: number[] }) {
  if (positions.length === 0) return <>{text}</>;
  const marked = new Set(positions);
  return (
    <>
      {Array.from(text, (char, i) =>
        marked.has(i) ? (
          <mark key={i} className="bg-transparent font-semibold text-sky-700 dark:text-sky-300">
            {char}
          </mark>
        ) : (
          char
        ),
      )}
    </>
  );
}

/**
 * The command palette (Ctrl+K / Cmd+K or `/`): fuzzy search over pages, nodes, workloads, namespaces
 * and pods, read with one query each time it opens; arrows and Enter to go, Esc to close. Also owns
 * the k9s-style `g` + o/n/w/p/e/a jumps.
 */
export function CommandPalette() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const returnFocus = useRef<Element | null>(null);
  const data = useQuery<PaletteData>(PALETTE_QUERY, undefined, { skip: !open });
  const items = useMemo(() => paletteItems(data.data), [data.data]);
  const deferredQuery = useDeferredValue(query);
  const results = useMemo(() => rankItems(items, deferredQuery), [items, deferredQuery]);

  useGlobalShortcuts({ open: () => setOpen(true), toggle: () => setOpen((o) => !o), go: (href) => router.push(href) });

  useEffect(() => {
    const onOpen = () => setOpen(true);
    window.addEventListener(OPEN_PALETTE_EVENT, onOpen);
    return () => window.removeEventListener(OPEN_PALETTE_EVENT, onOpen);
  }, []);

  useEffect(() => {
    if (open) {
      returnFocus.current = document.activeElement;
      setQuery('');
      setActive(0);
      requestAnimationFrame(() => input.current?.focus());
    } else if (returnFocus.current instanceof HTMLElement) {
      returnFocus.current.focus();
    }
  }, [open]);

  useEffect(() => setActive(0), [deferredQuery]);
  useEffect(() => {
    list.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  function go(result: RankedItem | undefined) {
    if (!result) return;
    setOpen(false);
    router.push(result.item.href);
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'ArrowDown') setActive((i) => Math.min(i + 1, results.length - 1));
    else if (event.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
    else if (event.key === 'Home') setActive(0);
    else if (event.key === 'End') setActive(results.length - 1);
    else if (event.key === 'Enter') go(results[active]);
    else if (event.key === 'Escape') setOpen(false);
    else return;
    event.preventDefault();
  }

  if (!open) return null;
  return (
    <div className="fixed inset-0 z-50 flex items-start justify-center bg-slate-950/50 px-4 pt-[12vh]" onMouseDown={(e) => e.target === e.currentTarget && setOpen(false)}>
      <div role="dialog" aria-modal="true" aria-label="Command palette" data-testid="command-palette" className="w-full max-w-xl overflow-hidden rounded-xl border border-slate-200 bg-white shadow-2xl dark:border-slate-700 dark:bg-slate-900">
        <input
          ref={input}
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-results"
          aria-activedescendant={results[active] ? `palette-item-${active}` : undefined}
          aria-autocomplete="list"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKeyDown}
          placeholder="Go to a page, node, workload, pod or namespace…"
          className="w-full border-b border-slate-200 bg-transparent px-4 py-3 text-base outline-none placeholder:text-slate-400 dark:border-slate-700"
        />
        <ul ref={list} id="palette-results" role="listbox" aria-label="Results" className="max-h-[50vh] overflow-y-auto py-1">
          {results.map((result, index) => (
            <li
              key={result.item.id}
              id={`palette-item-${index}`}
              data-index={index}
              role="option"
              aria-selected={index === active}
              onMouseMove={() => index !== active && setActive(index)}
              onClick={() => go(result)}
              className="flex cursor-pointer items-center gap-3 px-4 py-1.5 text-sm aria-selected:bg-sky-50 dark:aria-selected:bg-sky-950"
            >
              <span className="w-20 shrink-0 text-xs text-slate-500 dark:text-slate-400">{result.item.group === 'Workload' ? result.item.detail : result.item.group}</span>
              <span className="min-w-0 flex-1 truncate">
                <Highlighted text={result.item.label} positions={result.positions} />
              </span>
              {result.item.status ? <StatusBadge status={result.item.status} /> : result.item.detail && result.item.group !== 'Workload' ? <span className="text-xs text-slate-500">{result.item.detail}</span> : null}
            </li>
          ))}
          {results.length === 0 && <li className="px-4 py-3 text-sm text-slate-500">{data.loading ? 'Loading…' : `Nothing matches “${query}”.`}</li>}
        </ul>
        <p className="flex flex-wrap gap-x-4 border-t border-slate-200 px-4 py-2 text-xs text-slate-500 dark:border-slate-700 dark:text-slate-400">
          <span>↑↓ to choose · Enter to go · Esc to close</span>
          <span>g o/n/w/p/e/a: Overview, Nodes, Workloads, Pods, Events, Apply</span>
          {data.error && <span className="text-red-600 dark:text-red-400">Only pages: {data.error.message}</span>}
          {data.loading && data.data === undefined && <span>Loading the cluster…</span>}
        </p>
      </div>
    </div>
  );
}
