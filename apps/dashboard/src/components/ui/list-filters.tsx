'use client';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';
import { useQuery } from '@/lib/graphql';
import type { NamespacesQuery } from '@/lib/graphql-types.generated';

/** Reads and writes list filters in the URL (?namespace=&label=&q=), replacing history so Back leaves the list. */
export function useUrlParams(): [URLSearchParams, (changes: Record<string, string | undefined>) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const set = useCallback(
    (changes: Record<string, string | undefined>) => {
      const next = new URLSearchParams(params.toString());
      for (const [key, value] of Object.entries(changes)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      const query = next.toString();
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [params, router, pathname],
  );
  return [params, set];
}

const field =
  'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-xs focus:border-sky-500 focus:ring-1 focus:ring-sky-500 focus:outline-none dark:border-slate-700 dark:bg-slate-900';

export function NamespaceSelect({ value, onChange }: { value: string; onChange: (namespace: string) => void }) {
  const { data } = useQuery<NamespacesQuery>(/* GraphQL */ `query Namespaces { namespaces { name } me { canListNamespaces } }`);
  const names = data?.namespaces.map((n) => n.name) ?? [];
  if (value && !names.includes(value)) names.unshift(value);
  // For a user who may not list namespaces the server lists those they may list pods in, and "all" means all of those.
  const all = data && !data.me.canListNamespaces ? 'All my namespaces' : 'All namespaces';
  return (
    <label className="flex items-center gap-1.5 text-sm">
      <span className="text-slate-500">Namespace</span>
      <select value={value} onChange={(e) => onChange(e.target.value)} className={field} data-testid="namespace-filter">
        <option value="">{all}</option>
        {names.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A text filter that writes to the URL after the user pauses typing (so each key is not a query). */
export function DebouncedInput({ value, onChange, label, placeholder, search, testId }: { value: string; onChange: (value: string) => void; label: string; placeholder?: string; search?: boolean; testId?: string }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text === value) return;
    const timer = setTimeout(() => onChange(text.trim()), 300);
    return () => clearTimeout(timer);
  }, [text]);
  return (
    <input
      type="search"
      aria-label={label}
      placeholder={placeholder ?? label}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') (e.target as HTMLInputElement).blur();
      }}
      data-list-search={search ? '' : undefined}
      data-testid={testId}
      className={`${field} w-56`}
    />
  );
}
