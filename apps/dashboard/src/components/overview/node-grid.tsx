'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { EmptyState } from '@/components/ui/states';
import { podTone, POD_TONES, type PodSummary, type PodTone } from './cluster-model';
import { UNSCHEDULED, type ClusterStore, type NodeView } from './cluster-store';
import { isFiltering, nodeMatches, NO_FILTER, podMatcher, type GridFilter } from './grid-filter-model';
import { GridFilters } from './grid-filters';
import { cardWidth, columnsFor, COMPACT_CARD, DETAILED_CARD, layoutRows, visibleRows } from './grid-window';
import { NodeCard } from './node-card';
import { PodTiles } from './pod-tiles';

/** Past this many nodes, cards start compact (numbers in tooltips) so a screen holds a few hundred. */
const COMPACT_FROM = 48;
/** Pixels above and below the screen whose cards are in the DOM too, so a scroll shows no blank rows. */
const OVERSCAN = 400;
/** The window moves in steps this large, so a scroll re-renders the grid every few rows, not every frame. */
const WINDOW_STEP = 100;

interface Card {
  view: NodeView;
  pods: PodSummary[];
}

/**
 * The cards as a window: only the rows of cards on or near the screen are in the DOM (with their pod
 * tiles), inside a box as tall as every row together, so 1,000 nodes and 10,000 pods cost the DOM, React
 * and layout of the hundred cards a screen shows. Rows are placed from each card's height, estimated from
 * its pod count (grid-window.ts) or measured once drawn. The grid carries how many nodes and pods it lays
 * out (`data-nodes`, `data-pods`), drawn or not.
 */
function NodeCardWindow({ cards, compact }: { cards: Card[]; compact: boolean }) {
  const metrics = compact ? COMPACT_CARD : DETAILED_CARD;
  const box = useRef<HTMLDivElement>(null);
  const inner = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  // The part of the grid (its own coordinates) on or near the screen, in steps of WINDOW_STEP.
  const [span, setSpan] = useState<[number, number]>([0, 0]);
  // Drawn cards' heights by node, valid while the card keeps its pod count and width.
  const measured = useRef(new Map<string, { pods: number; width: number; height: number }>());
  const [measures, setMeasures] = useState(0);
  const columns = columnsFor(width, metrics);
  const card = cardWidth(width, columns, metrics);
  const layout = useMemo(() => {
    const heightOf = (i: number) => {
      const m = measured.current.get(cards[i].view.name);
      return m && m.pods === cards[i].pods.length && Math.abs(m.width - card) < 1 ? m.height : undefined;
    };
    return layoutRows(
      cards.map((c) => c.pods.length),
      width,
      columns,
      metrics,
      heightOf,
    );
    // measures: a drawn card's height changed.
  }, [cards, width, columns, card, metrics, measures]);

  useLayoutEffect(() => {
    const el = box.current!;
    const place = () => {
      setWidth(el.clientWidth);
      const top = el.getBoundingClientRect().top;
      const from = Math.floor((-top - OVERSCAN) / WINDOW_STEP) * WINDOW_STEP;
      const to = Math.ceil((-top + window.innerHeight + OVERSCAN) / WINDOW_STEP) * WINDOW_STEP;
      setSpan((previous) => (previous[0] === from && previous[1] === to ? previous : [from, to]));
    };
    place();
    // A scroll, a resize, or anything above the grid growing or shrinking moves the window.
    window.addEventListener('scroll', place, { passive: true });
    window.addEventListener('resize', place);
    const moved = new ResizeObserver(place);
    moved.observe(document.body);
    moved.observe(el);
    return () => {
      window.removeEventListener('scroll', place);
      window.removeEventListener('resize', place);
      moved.disconnect();
    };
  }, []);

  // Drawn cards report their height; one the layout did not use re-lays the rows.
  const counts = useRef(new Map<string, number>());
  counts.current = useMemo(() => new Map(cards.map((c) => [c.view.name, c.pods.length])), [cards]);
  const [observer] = useState(() =>
    typeof ResizeObserver === 'undefined'
      ? undefined
      : new ResizeObserver((entries) => {
          let changed = false;
          for (const { target } of entries) {
            const el = target as HTMLElement;
            const name = el.dataset.node;
            const pods = name === undefined ? undefined : counts.current.get(name);
            if (name === undefined || pods === undefined || !el.isConnected) continue;
            const size = { pods, width: el.offsetWidth, height: el.offsetHeight };
            const previous = measured.current.get(name);
            if (previous && previous.height === size.height && previous.pods === size.pods && previous.width === size.width) continue;
            measured.current.set(name, size);
            changed = true;
          }
          if (changed) setMeasures((m) => m + 1);
        }),
  );
  useEffect(() => () => observer?.disconnect(), [observer]);
  const observed = useRef(new Set<Element>());
  useLayoutEffect(() => {
    const drawn = new Set(inner.current?.children ?? []);
    for (const el of observed.current) if (!drawn.has(el)) observer?.unobserve(el);
    for (const el of drawn) if (!observed.current.has(el)) observer?.observe(el);
    observed.current = drawn;
  });

  const [first, last] = visibleRows(layout.rows, span[0], span[1]);
  const shown = last >= first ? cards.slice(layout.rows[first].start, layout.rows[last].end) : [];
  const podTotal = useMemo(() => cards.reduce((sum, c) => sum + c.pods.length, 0), [cards]);
  return (
    <div ref={box} data-testid="node-grid" data-nodes={cards.length} data-pods={podTotal} className="relative" style={{ height: layout.height }}>
      {width > 0 && shown.length > 0 && (
        <div ref={inner} className="absolute inset-x-0 grid" style={{ top: layout.rows[first].top, gap: metrics.gap, gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}>
          {shown.map(({ view, pods }) => (
            <NodeCard key={view.name} view={view} pods={pods} compact={compact} />
          ))}
        </div>
      )}
    </div>
  );
}

/** Plain left clicks on pod tiles navigate client-side; one handler for every tile. */
function useTileNavigation() {
  const router = useRouter();
  return (event: MouseEvent) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const tile = (event.target as Element).closest('a[data-pod]');
    if (!tile) return;
    event.preventDefault();
    router.push(tile.getAttribute('href')!);
  };
}

function Legend({ counts }: { counts: Record<PodTone, number> }) {
  return (
    <ul aria-label="Pod tile colours" className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-600 dark:text-slate-400">
      {(Object.keys(POD_TONES) as PodTone[]).map((tone) => (
        <li key={tone} className="flex items-center gap-1" data-testid="legend" data-tone={tone}>
          <span aria-hidden className={`inline-block h-2.5 w-2.5 rounded-[2px] ${POD_TONES[tone].tile}`} />
          {POD_TONES[tone].label} <span className="tabular-nums text-slate-500">{counts[tone].toLocaleString()}</span>
        </li>
      ))}
    </ul>
  );
}

/** The node grid: filters, a colour legend with live counts, the Pending strip and one card per node. */
export function NodeGrid({ store, generation, namespaces }: { store: ClusterStore; generation: number; namespaces: string[] }) {
  const [filter, setFilter] = useState<GridFilter>(NO_FILTER);
  // `/?q=node-3` (from a node's page) opens the grid searched for it.
  useEffect(() => {
    const q = new URLSearchParams(window.location.search).get('q');
    if (q) setFilter({ ...NO_FILTER, search: q });
  }, []);
  const onClick = useTileNavigation();
  const filtering = isFiltering(filter);

  // Filtered pod lists are cached per NodeView: an unchanged node keeps the same array, so its card skips rendering.
  const filtered = useMemo(() => {
    const cache = new WeakMap<NodeView, PodSummary[]>();
    const matches = podMatcher(filter);
    return (view: NodeView): PodSummary[] => {
      if (!filtering) return view.pods;
      let pods = cache.get(view);
      if (!pods) {
        pods = view.pods.filter(matches);
        cache.set(view, pods);
      }
      return pods;
    };
  }, [filter, filtering]);

  const { cards, pending, counts } = useMemo(() => {
    const counts = Object.fromEntries(Object.keys(POD_TONES).map((tone) => [tone, 0])) as Record<PodTone, number>;
    for (const pod of store.allPods()) counts[podTone(pod)]++;
    const cards: Card[] = [];
    for (const name of store.nodeNames()) {
      const view = store.view(name);
      const pods = filtered(view);
      if (!filtering || pods.length > 0 || nodeMatches(view, filter)) cards.push({ view, pods });
    }
    return { cards, pending: filtered(store.view(UNSCHEDULED)), counts };
    // generation: the store is mutable; a new generation means a batch was applied.
  }, [store, generation, filtered, filtering, filter]);

  const total = store.nodeNames().length;
  const [density, setDensity] = useState<'auto' | 'detailed' | 'compact'>('auto');
  const compact = density === 'compact' || (density === 'auto' && total > COMPACT_FROM);
  return (
    <section aria-labelledby="node-grid-heading" className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="node-grid-heading" className="text-lg font-semibold">
          Nodes <span className="text-sm font-normal text-slate-500">· {total.toLocaleString()} nodes · {store.podCount.toLocaleString()} pods</span>
        </h2>
        <Legend counts={counts} />
      </div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <GridFilters filter={filter} onChange={setFilter} namespaces={namespaces} shown={cards.length} total={total} />
        <button type="button" aria-pressed={compact} onClick={() => setDensity(compact ? 'detailed' : 'compact')} className="rounded-md border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
          {compact ? 'Detailed cards' : 'Compact cards'}
        </button>
      </div>
      <div onClick={onClick} className="space-y-3">
        {pending.length > 0 && (
          <section aria-labelledby="pending-heading" data-testid="pending-strip" className="rounded-lg border border-dashed border-sky-400 bg-sky-50 p-2.5 dark:border-sky-700 dark:bg-sky-950/40">
            <h3 id="pending-heading" className="mb-1.5 text-sm font-medium text-sky-900 dark:text-sky-200">
              Pending, not scheduled · {pending.length.toLocaleString()}
              <span className="ml-2 text-xs font-normal text-sky-800 dark:text-sky-300">click a pod to see why each node said no</span>
            </h3>
            <PodTiles pods={pending} scheduling />
          </section>
        )}
        {total > 0 && store.podCount === 0 && (
          <EmptyState title="No pods in the cluster yet">
            Create a Deployment on the{' '}
            <Link href="/apply" className="text-sky-700 underline dark:text-sky-400">
              Apply YAML
            </Link>{' '}
            page (or with kubectl) and watch its pods land on the nodes below.
          </EmptyState>
        )}
        {total === 0 ? (
          <EmptyState title="No nodes yet">Nodes appear here as soon as their simulator registers them.</EmptyState>
        ) : cards.length === 0 ? (
          <EmptyState title="No node matches the filters" />
        ) : (
          <NodeCardWindow cards={cards} compact={compact} />
        )}
      </div>
    </section>
  );
}
