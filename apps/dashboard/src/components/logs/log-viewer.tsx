'use client';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ErrorState } from '@/components/ui/states';
import type { LiveStatus } from '@/components/ui/use-live-subscription';
import { LiveBadge } from '@/components/events/live-badge';
import { countMatches, escapeRegExp, LOG_BUFFER, type BufferedLine } from './log-model';
import { LogRow } from './log-row';
import { LogToolbar, type LogOptions } from './log-toolbar';

export interface LogViewerProps {
  lines: BufferedLine[];
  dropped: number;
  live: { status: LiveStatus; error?: string };
  fileName: string;
  /** Merged logs: the colour class of each pod's prefix (the prefix is shown when given). */
  podClass?: (pod: string) => string;
  controls?: ReactNode;
  onClear: () => void;
  /** Offered when the stream failed (a container still waiting, a pod not scheduled yet). */
  onRetry?: () => void;
}

/** A streaming log view: follow (unless scrolled up), timestamps, wrap, search with highlighted matches, download. */
export function LogViewer({ lines, dropped, live, fileName, podClass, controls, onClear, onRetry }: LogViewerProps) {
  const [options, setOptions] = useState<LogOptions>({ follow: true, timestamps: false, wrap: true, onlyMatching: false, search: '' });
  const [active, setActive] = useState(-1);
  const scroller = useRef<HTMLDivElement>(null);

  const pattern = useMemo(() => (options.search ? new RegExp(escapeRegExp(options.search), 'gi') : undefined), [options.search]);
  const matching = useMemo(() => (pattern ? lines.filter((l) => countMatches(l.line, pattern) > 0) : []), [lines, pattern]);
  const matchCount = useMemo(() => (pattern ? matching.reduce((n, l) => n + countMatches(l.line, pattern), 0) : 0), [matching, pattern]);
  const shown = options.onlyMatching && pattern ? matching : lines;
  const activeSeq = active >= 0 ? matching[active]?.seq : undefined;

  useEffect(() => setActive(-1), [options.search]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (options.follow && el) el.scrollTop = el.scrollHeight;
  }, [shown, options.follow, options.wrap, options.timestamps]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
    if (atBottom !== options.follow) setOptions((o) => ({ ...o, follow: atBottom }));
  };

  const jump = (step: number) => {
    if (matching.length === 0) return;
    const next = (active + step + matching.length) % matching.length;
    setActive(next);
    setOptions((o) => ({ ...o, follow: false }));
    scroller.current?.querySelector(`[data-seq="${matching[next].seq}"]`)?.scrollIntoView({ block: 'center' });
  };

  const download = () => {
    const text = lines.map((l) => `${options.timestamps && l.timestamp ? `${l.timestamp} ` : ''}${podClass ? `[${l.pod}/${l.container}] ` : ''}${l.line}`).join('\n');
    const url = URL.createObjectURL(new Blob([`${text}\n`], { type: 'text/plain' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <section className="flex flex-col gap-2" data-testid="log-viewer" aria-label="Logs">
      <LogToolbar options={options} onOptions={setOptions} controls={controls} matchCount={pattern ? matchCount : undefined} matchLines={matching.length} active={active} onJump={jump} onDownload={download} onClear={onClear} canDownload={lines.length > 0} />
      <div className="flex items-center gap-3 text-xs text-slate-500">
        <LiveBadge status={live.status} error={lines.length > 0 ? live.error : undefined} />
        {onRetry && (live.status === 'error' || live.status === 'ended') && (
          <button type="button" onClick={onRetry} className="text-sky-700 hover:underline dark:text-sky-300">
            {live.status === 'error' ? 'Retry now' : 'Reconnect'}
          </button>
        )}
        <span>
          {lines.length} lines{dropped > 0 ? ` (kept the last ${LOG_BUFFER}; ${dropped} older dropped)` : ''}
        </span>
      </div>
      {live.status === 'error' && lines.length === 0 ? (
        <ErrorState error={live.error ?? 'The log stream failed'} title="Could not stream logs" />
      ) : (
        <div className="relative">
          <div
            ref={scroller}
            onScroll={onScroll}
            tabIndex={0}
            aria-label="Log lines"
            data-testid="log-lines"
            className="h-[min(65vh,40rem)] overflow-auto rounded-lg border border-slate-200 bg-slate-50 py-2 font-mono text-xs text-slate-800 dark:border-slate-800 dark:bg-slate-950 dark:text-slate-200"
          >
            {shown.length === 0 ? (
              <p className="px-3 text-slate-500">{lines.length > 0 ? 'No line matches the search.' : live.status === 'ended' ? 'The container printed nothing.' : 'Waiting for log lines…'}</p>
            ) : (
              shown.map((line) => <LogRow key={line.seq} line={line} pattern={pattern} timestamps={options.timestamps} wrap={options.wrap} podClass={podClass?.(line.pod)} active={line.seq === activeSeq} />)
            )}
          </div>
          {!options.follow && shown.length > 0 && (
            <button
              type="button"
              onClick={() => setOptions((o) => ({ ...o, follow: true }))}
              className="absolute right-4 bottom-3 rounded-full bg-sky-600 px-3 py-1 text-xs font-medium text-white shadow hover:bg-sky-700"
            >
              ↓ Follow
            </button>
          )}
        </div>
      )}
    </section>
  );
}
