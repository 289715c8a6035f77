import Link from 'next/link';
import { memo } from 'react';
import { formatBytes, formatCores, percentOf } from '@/components/ui/format-quantity';
import { UsageBar } from '@/components/ui/usage-bar';
import { nodeHref, nodeState, type NodeState, type PodSummary } from './cluster-model';
import type { NodeView } from './cluster-store';
import { PodTiles } from './pod-tiles';

const STATE_STYLE: Record<NodeState | 'unknown', { card: string; badge: string }> = {
  ready: {
    card: 'border-slate-200 border-t-emerald-500 bg-white dark:border-slate-800 dark:border-t-emerald-500 dark:bg-slate-900',
    badge: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300',
  },
  cordoned: {
    card: 'border-amber-300 border-t-amber-500 bg-white bg-[repeating-linear-gradient(135deg,transparent_0_10px,rgb(245_158_11/0.09)_10px_20px)] dark:border-amber-800 dark:border-t-amber-500 dark:bg-slate-900',
    badge: 'bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300',
  },
  notReady: {
    card: 'border-red-300 border-t-red-600 bg-red-50 dark:border-red-900 dark:border-t-red-500 dark:bg-red-950/40',
    badge: 'bg-red-600 text-white dark:bg-red-500',
  },
  poweredOff: {
    card: 'border-dashed border-slate-400 border-t-slate-500 bg-slate-100 text-slate-500 dark:border-slate-600 dark:bg-slate-900/40 dark:text-slate-400',
    badge: 'bg-slate-700 text-white dark:bg-slate-600',
  },
  unknown: {
    card: 'border-dashed border-slate-300 border-t-slate-400 bg-white dark:border-slate-700 dark:bg-slate-900',
    badge: 'bg-slate-200 text-slate-700 dark:bg-slate-700 dark:text-slate-200',
  },
};

function badgeText(view: NodeView, state: NodeState | 'unknown'): string {
  if (state === 'poweredOff') return view.node!.ready === 'True' ? 'Powered off' : `Powered off · ${view.node!.status.split(',')[0]}`;
  if (state === 'unknown') return 'Unknown node';
  if (state === 'cordoned') return view.node!.ready === 'True' ? 'SchedulingDisabled' : view.node!.status;
  return view.node!.status;
}

/** A bar with no text, for compact cards: the numbers are in its tooltip and accessible name. */
function MiniBar({ label, used, total, text }: { label: string; used: number; total: number; text: string }) {
  const percent = percentOf(used, total);
  const colour = percent > 100 ? 'bg-red-500' : percent >= 80 ? 'bg-amber-500' : 'bg-sky-500';
  return (
    <span role="meter" aria-label={`${label} ${text}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.min(percent, 100)} title={`${label} ${text}`} className="block h-1 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700">
      <span className={`block h-full ${colour}`} style={{ width: `${Math.min(percent, 100)}%` }} />
    </span>
  );
}

/**
 * One node of the grid: status, allocation bars and its pods as tiles. Memoised on the view object,
 * which the store replaces only when the node or one of its pods changed. `compact` (large clusters)
 * keeps the bars but moves their numbers into tooltips.
 */
export const NodeCard = memo(function NodeCard({ view, pods, compact = false }: { view: NodeView; pods: PodSummary[]; compact?: boolean }) {
  const node = view.node;
  const state = node ? nodeState(node) : 'unknown';
  const style = STATE_STYLE[state];
  const allocatable = node?.allocatable ?? { cpu: 0, memory: 0, pods: 0 };
  const cpu = `${formatCores(view.requested.cpu)}/${formatCores(allocatable.cpu)}`;
  const memory = `${formatBytes(view.requested.memory)}/${formatBytes(allocatable.memory)}`;
  const podCount = `${view.active}/${allocatable.pods}`;
  if (compact) {
    return (
      <section data-testid="node-tile" data-node={view.name} data-state={state} aria-label={`Node ${view.name}`} className={`rounded-md border border-t-[3px] p-1.5 ${style.card}`}>
        <header className="mb-1 flex items-center justify-between gap-1">
          <Link href={nodeHref(view.name)} prefetch={false} className="min-w-0 truncate text-xs font-semibold hover:text-sky-700 hover:underline dark:hover:text-sky-400">
            {view.name}
          </Link>
          {state !== 'ready' && <span className={`shrink-0 truncate rounded-full px-1 text-[9px] font-medium ${style.badge}`}>{badgeText(view, state)}</span>}
        </header>
        <div className="mb-1 grid grid-cols-3 gap-1">
          <MiniBar label="CPU" used={view.requested.cpu} total={allocatable.cpu} text={cpu} />
          <MiniBar label="Memory" used={view.requested.memory} total={allocatable.memory} text={memory} />
          <MiniBar label="Pods" used={view.active} total={allocatable.pods} text={podCount} />
        </div>
        <PodTiles pods={pods} />
      </section>
    );
  }
  return (
    <section
      data-testid="node-tile"
      data-node={view.name}
      data-state={state}
      aria-label={`Node ${view.name}`}
      className={`rounded-lg border border-t-4 p-2.5 ${style.card}`}
    >
      <header className="mb-1.5 flex items-center justify-between gap-2">
        <Link href={nodeHref(view.name)} prefetch={false} className="min-w-0 truncate text-sm font-semibold hover:text-sky-700 hover:underline dark:hover:text-sky-400">
          {view.name}
        </Link>
        <span className={`shrink-0 rounded-full px-1.5 py-px text-[10px] font-medium ${style.badge}`}>{badgeText(view, state)}</span>
      </header>
      {node?.roles.length ? <p className="-mt-1 mb-1 truncate text-[10px] text-slate-500 dark:text-slate-400">{node.roles.join(', ')}</p> : null}
      <div className="space-y-0.5">
        <UsageBar compact label="CPU" used={view.requested.cpu} total={allocatable.cpu} text={cpu} />
        <UsageBar compact label="Mem" used={view.requested.memory} total={allocatable.memory} text={memory} />
        <UsageBar compact label="Pods" used={view.active} total={allocatable.pods} text={podCount} />
      </div>
      {pods.length > 0 ? (
        <div className="mt-2">
          <PodTiles pods={pods} />
        </div>
      ) : (
        <p className="mt-2 text-[11px] text-slate-400 dark:text-slate-500">{view.pods.length ? 'No pods match the filters' : 'No pods'}</p>
      )}
    </section>
  );
});
