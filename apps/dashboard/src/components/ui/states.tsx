import type { ReactNode } from 'react';
import type { GraphQLRequestError } from '@/lib/graphql';

/** Loading, error and empty states, the same everywhere. */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div role="status" aria-live="polite" className="flex items-center gap-2 p-6 text-sm text-slate-500">
      <span aria-hidden className="h-4 w-4 animate-spin rounded-full border-2 border-slate-300 border-t-sky-600" />
      {label}
    </div>
  );
}

/** Whether an error is RBAC's refusal (403 Forbidden): the user lacks a permission, nothing is broken. */
export function isForbidden(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as GraphQLRequestError).status === 403;
}

export function ErrorState({ error, title = 'Something went wrong' }: { error: GraphQLRequestError | Error | string; title?: string }) {
  const message = typeof error === 'string' ? error : error.message;
  const code = typeof error === 'object' && 'code' in error ? (error as GraphQLRequestError).code : undefined;
  if (isForbidden(error)) return <NoPermission message={message} />;
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
      <p className="font-medium">
        {title}
        {code ? ` (${code})` : ''}
      </p>
      <p className="mt-1 break-words">{message}</p>
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-500 dark:border-slate-700">
      <p className="font-medium text-slate-700 dark:text-slate-300">{title}</p>
      {children && <div className="mt-2">{children}</div>}
    </div>
  );
}

/** What a user sees where RBAC refuses them a list or an object: once, calmly, with the API server's words. */
export function NoPermission({ message }: { message: string }) {
  return (
    <div role="note" data-testid="no-permission" className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-100">
      <p className="font-medium">No permission</p>
      <p className="mt-1 break-words">{message}</p>
      <p className="mt-2 text-xs text-amber-800 dark:text-amber-300">
        Your roles do not allow this. <a href="/access" className="underline">See what you can do</a>, or ask an admin for a role in a team.
      </p>
    </div>
  );
}
