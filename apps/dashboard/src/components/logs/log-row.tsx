'use client';
import { memo } from 'react';
import { formatLogTime, splitMatches, type BufferedLine } from './log-model';

/** One log line; memoised so appending a batch renders only the new lines. */
export const LogRow = memo(function LogRow({ line, pattern, timestamps, wrap, podClass, active }: { line: BufferedLine; pattern?: RegExp; timestamps: boolean; wrap: boolean; podClass?: string; active: boolean }) {
  const parts = splitMatches(line.line, pattern);
  const matched = parts.some((p) => p.match);
  return (
    <div
      data-testid="log-line"
      data-seq={line.seq}
      data-match={matched ? 'true' : undefined}
      className={`flex gap-2 px-3 leading-5 hover:bg-slate-200/60 dark:hover:bg-slate-800/60 ${active ? 'bg-amber-100 dark:bg-amber-900/40' : ''}`}
    >
      {timestamps && (
        <span className="shrink-0 text-slate-400 select-none dark:text-slate-500" title={line.timestamp ?? undefined}>
          {formatLogTime(line.timestamp)}
        </span>
      )}
      {podClass && (
        <span className={`shrink-0 font-semibold ${podClass}`} title={`${line.pod} / ${line.container}`}>
          {line.pod}
          <span className="font-normal opacity-70">/{line.container}</span>
        </span>
      )}
      <span className={`min-w-0 ${wrap ? 'break-all whitespace-pre-wrap' : 'whitespace-pre'}`}>
        {parts.map((part, i) =>
          part.match ? (
            <mark key={i} className="rounded-sm bg-amber-300 text-slate-900 dark:bg-amber-400">
              {part.text}
            </mark>
          ) : (
            part.text
          ),
        )}
        {line.line === '' && ' '}
      </span>
    </div>
  );
});
