import Link from 'next/link';
import { workloadHref, type ReplicaSetSide } from '@/components/workloads/workload-types';

/** Above this many replicas the boxes become a bar: boxes stop being readable. */
const MAX_BOXES = 60;

export type ReplicaState = 'available' | 'ready' | 'not-ready' | 'leaving';

export const REPLICA_STATE_CLASS: Record<ReplicaState, string> = {
  available: 'bg-emerald-500 border-emerald-600 dark:bg-emerald-500 dark:border-emerald-400',
  ready: 'bg-emerald-100 border-emerald-500 dark:bg-emerald-950 dark:border-emerald-500',
  'not-ready': 'bg-amber-100 border-amber-500 border-dashed animate-pulse dark:bg-amber-950 dark:border-amber-500',
  leaving: 'bg-slate-200 border-slate-400 opacity-60 dark:bg-slate-700 dark:border-slate-500',
};

/**
 * A box per pod: available, ready (not yet available), not ready. Right after a scale-down the
 * status still counts pods beyond the new size: those are on their way out ('leaving').
 */
function states(side: ReplicaSetSide): ReplicaState[] {
  const available = side.available;
  const ready = Math.max(0, side.ready - available);
  const notReady = Math.max(0, side.replicas - available - ready);
  const boxes: ReplicaState[] = [...Array(available).fill('available'), ...Array(ready).fill('ready'), ...Array(notReady).fill('not-ready')];
  for (let i = side.replicas; i < boxes.length; i++) boxes[i] = 'leaving';
  return boxes;
}

/** One ReplicaSet of a rollout: a box per replica (available / ready / not ready) and its counts. */
export function ReplicaSetPanel({ side, role, namespace }: { side: ReplicaSetSide; role: 'new' | 'old'; namespace: string }) {
  const boxes = states(side);
  return (
    <div
      data-testid="rollout-replicaset"
      data-role={role}
      data-replicaset={side.name}
      data-replicas={side.replicas}
      data-available={side.available}
      className={`min-w-0 flex-1 rounded-lg border p-3 ${role === 'new' ? 'border-sky-300 bg-sky-50/60 dark:border-sky-800 dark:bg-sky-950/30' : 'border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900'}`}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-x-2">
        <h3 className="text-sm font-semibold">
          <span className={`mr-1.5 rounded px-1.5 py-0.5 text-xs uppercase ${role === 'new' ? 'bg-sky-600 text-white' : 'bg-slate-400 text-white dark:bg-slate-600'}`}>{role}</span>
          <Link href={workloadHref('ReplicaSet', namespace, side.name)} className="hover:underline">
            {side.name}
          </Link>
        </h3>
        <span className="text-xs text-slate-500">revision {side.revision ?? '?'}</span>
      </div>
      <p className="mt-1 truncate font-mono text-xs text-slate-600 dark:text-slate-400" title={side.images.join('\n')}>
        {side.images.join(', ')}
      </p>
      <div className="mt-2 flex min-h-6 flex-wrap gap-1" aria-label={`${side.replicas} replicas: ${side.available} available, ${side.ready} ready`}>
        {boxes.length === 0 && <span className="text-xs text-slate-500 italic">scaled to 0</span>}
        {boxes.length <= MAX_BOXES ? (
          boxes.map((state, i) => <span key={i} data-testid="replica-box" data-state={state} title={state.replace('-', ' ')} className={`h-5 w-5 rounded-sm border-2 transition-colors duration-300 ${REPLICA_STATE_CLASS[state]}`} />)
        ) : (
          <Bar boxes={boxes} />
        )}
      </div>
      <p className="mt-2 text-xs text-slate-600 tabular-nums dark:text-slate-400">
        <strong className="text-slate-900 dark:text-slate-100">{side.replicas}</strong> {side.replicas === 1 ? 'replica' : 'replicas'} · <strong className="text-emerald-700 dark:text-emerald-400">{side.available}</strong> available · {side.ready} ready
        {boxes.length > side.replicas && <> · {boxes.length - side.replicas} leaving</>}
      </p>
    </div>
  );
}

function Bar({ boxes }: { boxes: ReplicaState[] }) {
  const count = (s: ReplicaState) => boxes.filter((b) => b === s).length;
  return (
    <div className="flex h-5 w-full overflow-hidden rounded-sm border border-slate-300 dark:border-slate-700">
      {(['available', 'ready', 'not-ready', 'leaving'] as const).map((s) => (
        <span key={s} className={`h-full border-0 transition-all duration-300 ${REPLICA_STATE_CLASS[s]}`} style={{ width: `${(count(s) / boxes.length) * 100}%` }} />
      ))}
    </div>
  );
}
