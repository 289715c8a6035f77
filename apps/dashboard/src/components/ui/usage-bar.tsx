import { percentOf } from './format-quantity';

/**
 * A thin bar of used against total (requests against allocatable, pods against max), amber past 80 %,
 * red past 100 %. Plain elements only: it is drawn once per node, thousands of times.
 */
export function UsageBar({ label, used, total, text, compact = false, hideLabel = false }: { label: string; used: number; total: number; text: string; compact?: boolean; hideLabel?: boolean }) {
  const percent = percentOf(used, total);
  const colour = percent > 100 ? 'bg-red-500' : percent >= 80 ? 'bg-amber-500' : 'bg-sky-500';
  return (
    <div className={`grid items-center ${hideLabel ? 'grid-cols-[1fr_auto]' : compact ? 'grid-cols-[2.5rem_1fr_auto]' : 'grid-cols-[4rem_1fr_auto]'} ${compact ? 'gap-1.5 text-[11px]' : 'gap-2 text-xs'}`}>
      <span className={hideLabel ? 'sr-only' : 'text-slate-500 dark:text-slate-400'}>{label}</span>
      <span
        role="meter"
        aria-label={`${label} ${text}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.min(percent, 100)}
        className={`${compact ? 'h-1.5' : 'h-2'} overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700`}
      >
        <span className={`block h-full rounded-full ${colour}`} style={{ width: `${Math.min(percent, 100)}%` }} />
      </span>
      <span className="tabular-nums text-slate-600 dark:text-slate-300">{text}</span>
    </div>
  );
}
