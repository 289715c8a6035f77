'use client';
import type { ReactNode } from 'react';

export interface LogOptions {
  follow: boolean;
  timestamps: boolean;
  wrap: boolean;
  onlyMatching: boolean;
  search: string;
}

function Toggle({ label, checked, onChange }: { label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <button
      type="button"
      aria-pressed={checked}
      onClick={() => onChange(!checked)}
      className="rounded-md border border-slate-300 px-2 py-1 text-xs text-slate-700 hover:bg-slate-100 aria-pressed:border-sky-600 aria-pressed:bg-sky-600 aria-pressed:text-white dark:border-slate-700 dark:text-slate-300 dark:hover:bg-slate-800 dark:aria-pressed:border-sky-500 dark:aria-pressed:bg-sky-600"
    >
      {label}
    </button>
  );
}

const button = 'rounded-md border border-slate-300 px-2 py-1 text-xs text-slate-700 hover:bg-slate-100 disabled:opacity-40 dark:border-slate-700 dark:text-slate-300 dark:hover:bg-slate-800';

export function LogToolbar(props: {
  options: LogOptions;
  onOptions: (update: (o: LogOptions) => LogOptions) => void;
  controls?: ReactNode;
  matchCount?: number;
  matchLines: number;
  active: number;
  onJump: (step: number) => void;
  onDownload: () => void;
  onClear: () => void;
  canDownload: boolean;
}) {
  const { options, onOptions, matchCount } = props;
  const set = (patch: Partial<LogOptions>) => onOptions((o) => ({ ...o, ...patch }));
  return (
    <div className="flex flex-wrap items-center gap-2" role="toolbar" aria-label="Log options">
      {props.controls}
      <div className="flex items-center gap-1">
        <input
          type="search"
          aria-label="Search logs"
          placeholder="Search logs"
          value={options.search}
          onChange={(e) => set({ search: e.target.value })}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              props.onJump(e.shiftKey ? -1 : 1);
            }
          }}
          className="w-48 rounded-md border border-slate-300 bg-white px-2 py-1 text-xs dark:border-slate-700 dark:bg-slate-900"
        />
        {matchCount !== undefined && (
          <>
            <span className="min-w-20 text-xs text-slate-500" data-testid="log-match-count" aria-live="polite">
              {props.active >= 0 ? `${props.active + 1}/${props.matchLines} lines · ` : ''}
              {matchCount} {matchCount === 1 ? 'match' : 'matches'}
            </span>
            <button type="button" className={button} aria-label="Previous match" onClick={() => props.onJump(-1)} disabled={props.matchLines === 0}>
              ↑
            </button>
            <button type="button" className={button} aria-label="Next match" onClick={() => props.onJump(1)} disabled={props.matchLines === 0}>
              ↓
            </button>
            <Toggle label="Only matching" checked={options.onlyMatching} onChange={(onlyMatching) => set({ onlyMatching })} />
          </>
        )}
      </div>
      <div className="ml-auto flex items-center gap-1">
        <Toggle label="Follow" checked={options.follow} onChange={(follow) => set({ follow })} />
        <Toggle label="Timestamps" checked={options.timestamps} onChange={(timestamps) => set({ timestamps })} />
        <Toggle label="Wrap" checked={options.wrap} onChange={(wrap) => set({ wrap })} />
        <button type="button" className={button} onClick={props.onDownload} disabled={!props.canDownload}>
          Download
        </button>
        <button type="button" className={button} onClick={props.onClear}>
          Clear
        </button>
      </div>
    </div>
  );
}
