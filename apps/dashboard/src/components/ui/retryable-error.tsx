'use client';
import { useState } from 'react';
import type { GraphQLRequestError } from '@/lib/graphql';
import { ErrorState, isForbidden } from './states';

/** An ErrorState with a "Try again" button, for a page whose first load failed (no live change will come to redo it). */
export function RetryableError({ error, title, retry }: { error: GraphQLRequestError | Error | string; title?: string; retry: () => Promise<void> }) {
  const [pending, setPending] = useState(false);
  // Trying again will not grant a permission.
  if (isForbidden(error)) return <ErrorState error={error} title={title} />;
  return (
    <div className="space-y-2">
      <ErrorState error={error} title={title} />
      <button
        type="button"
        disabled={pending}
        onClick={() => {
          setPending(true);
          void retry().finally(() => setPending(false));
        }}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800"
      >
        {pending ? 'Trying…' : 'Try again'}
      </button>
    </div>
  );
}
