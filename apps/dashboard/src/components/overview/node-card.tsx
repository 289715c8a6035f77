import Link from 'next/link';
import { memo } from 'react';
import { formatBytes, formatCores } from '@/components/ui/format-quantity';
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

/**
 * One node of the grid: status, allocation bars and its pods as tiles. Memoised on the view object,
 * which the store replaces only when the node or one of its pods changed.
 */
export const NodeCard = memo(function NodeCard({ view, pods }: { view: NodeView; pods: PodSummary[] }) {
  const node = view.node;
  const state = node ? nodeState(node) : 'unknown';
  const style = STATE_STYLE[state];
  const allocatable = node?.allocatable ?? { cpu: 0, memory: 0, pods: 0 };
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
        <UsageBar compact label="CPU" used={view.requested.cpu} total={allocatable.cpu} text={`${formatCores(view.requested.cpu)}/${formatCores(allocatable.cpu)}`} />
        <UsageBar compact label="Mem" used={view.requested.memory} total={allocatable.memory} text={`${formatBytes(view.requested.memory)}/${formatBytes(allocatable.memory)}`} />
        <UsageBar compact label="Pods" used={view.active} total={allocatable.pods} text={`${view.active}/${allocatable.pods}`} />
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
