import type { LiveStatus } from '@/components/ui/use-live-subscription';

/** Whether a stream is live: a green dot when it is, amber while connecting, red with the reason when it failed. */
export function LiveBadge({ status, error, received }: { status: LiveStatus; error?: string; received?: number }) {
  const styles: Record<LiveStatus, [string, string]> = {
    live: ['bg-emerald-500', 'Live'],
    connecting: ['bg-amber-400 animate-pulse', 'Connecting…'],
    ended: ['bg-slate-400', 'Stream ended'],
    error: ['bg-red-500', 'Not live'],
  };
  const [dot, label] = styles[status];
  return (
    <span className="inline-flex items-center gap-1.5 text-xs text-slate-500" title={error} data-testid="live-status" data-status={status}>
      <span aria-hidden className={`h-2 w-2 rounded-full ${dot}`} />
      {label}
      {status === 'live' && received ? ` · ${received} new` : ''}
      {status === 'error' && error ? <span className="max-w-xs truncate text-red-600 dark:text-red-400">: {error}</span> : null}
    </span>
  );
}
