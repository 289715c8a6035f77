import type { ReactNode } from 'react';

/** A card of the object page for what a kind has beyond its YAML (a Service's endpoints, a claim's volume), in the look of the relations cards. */
export function ExtraSection({ title, note, testId, children }: { title: string; note?: string; testId: string; children: ReactNode }) {
  return (
    <section className="min-w-0 overflow-x-auto rounded-lg border border-slate-200 bg-white p-4 text-sm dark:border-slate-800 dark:bg-slate-900" data-testid={testId}>
      <h2 className="font-semibold">{title}</h2>
      {note && <p className="mb-2 text-xs text-slate-500">{note}</p>}
      <div className={note ? '' : 'mt-2'}>{children}</div>
    </section>
  );
}
