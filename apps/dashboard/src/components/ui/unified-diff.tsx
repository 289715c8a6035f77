/** A unified diff, coloured: additions green, removals red, hunk headers sky. `diff` is plain unified-diff text. */
export function UnifiedDiff({ diff, emptyLabel = 'No changes.' }: { diff?: string | null; emptyLabel?: string }) {
  if (!diff || !diff.trim()) return <p className="px-3 py-2 text-xs text-slate-500">{emptyLabel}</p>;
  // `Index:` and `====` are createPatch's file header, not part of the change.
  const lines = diff.replace(/\n$/, '').split('\n').filter((line) => !line.startsWith('Index: ') && !/^={8,}$/.test(line));
  return (
    <pre data-testid="unified-diff" className="overflow-x-auto rounded-md border border-slate-200 bg-white py-2 font-mono text-xs leading-5 dark:border-slate-800 dark:bg-slate-950">
      {lines.map((line, index) => (
        <div key={index} className={`px-3 whitespace-pre ${lineClass(line)}`}>
          {line || ' '}
        </div>
      ))}
    </pre>
  );
}

function lineClass(line: string): string {
  if (line.startsWith('+++') || line.startsWith('---')) return 'font-semibold text-slate-500';
  if (line.startsWith('@@')) return 'bg-sky-50 text-sky-700 dark:bg-sky-950/60 dark:text-sky-300';
  if (line.startsWith('+')) return 'bg-emerald-50 text-emerald-800 dark:bg-emerald-950/60 dark:text-emerald-300';
  if (line.startsWith('-')) return 'bg-red-50 text-red-800 dark:bg-red-950/60 dark:text-red-300';
  return 'text-slate-700 dark:text-slate-300';
}
