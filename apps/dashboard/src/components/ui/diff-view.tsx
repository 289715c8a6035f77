/** A unified diff, coloured line by line (+ added, - removed, @@ hunk headers). */
export function DiffView({ diff, empty = 'No differences.' }: { diff: string; empty?: string }) {
  if (!diff.trim()) return <p className="p-3 text-sm text-slate-500">{empty}</p>;
  // The `Index:` / `====` preamble some diff tools write says nothing the ---/+++ lines do not.
  const lines = diff.replace(/\n$/, '').split('\n').filter((line) => !/^(Index: |=+$)/.test(line));
  return (
    <pre data-testid="diff-view" className="overflow-auto rounded-lg border border-slate-200 bg-white py-2 font-mono text-xs leading-5 dark:border-slate-800 dark:bg-slate-900">
      {lines.map((line, i) => (
        <div key={i} className={`px-3 whitespace-pre ${lineClass(line)}`}>
          {line || ' '}
        </div>
      ))}
    </pre>
  );
}

function lineClass(line: string): string {
  if (line.startsWith('+++') || line.startsWith('---')) return 'font-semibold text-slate-500';
  if (line.startsWith('@@')) return 'bg-sky-50 text-sky-800 dark:bg-sky-950/60 dark:text-sky-300';
  if (line.startsWith('+')) return 'bg-emerald-50 text-emerald-900 dark:bg-emerald-950/60 dark:text-emerald-200';
  if (line.startsWith('-')) return 'bg-red-50 text-red-900 dark:bg-red-950/60 dark:text-red-200';
  return 'text-slate-700 dark:text-slate-300';
}
