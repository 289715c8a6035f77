'use client';
import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';

export interface TabSpec {
  id: string;
  label: string;
  badge?: string | number;
  tone?: 'warning' | 'error';
}

/** Tabs kept in the URL (?tab=), so every tab can be linked to. Returns nothing but the tab bar; read the tab with useTab. */
export function UrlTabs({ tabs, current }: { tabs: TabSpec[]; current: string }) {
  const pathname = usePathname();
  const params = useSearchParams();
  return (
    <div role="tablist" aria-label="Sections" className="flex gap-1 overflow-x-auto border-b border-slate-200 dark:border-slate-800">
      {tabs.map((tab) => {
        const next = new URLSearchParams(params.toString());
        next.set('tab', tab.id);
        const active = tab.id === current;
        return (
          <Link
            key={tab.id}
            role="tab"
            aria-selected={active}
            href={`${pathname}?${next.toString()}`}
            replace
            scroll={false}
            data-testid={`tab-${tab.id}`}
            className={`-mb-px border-b-2 px-3 py-2 text-sm whitespace-nowrap ${active ? 'border-sky-600 font-medium text-sky-700 dark:text-sky-300' : 'border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100'}`}
          >
            {tab.label}
            {tab.badge !== undefined && (
              <span className={`ml-1.5 rounded-full px-1.5 text-xs ${tab.tone === 'error' ? 'bg-red-100 text-red-700 dark:bg-red-950 dark:text-red-300' : tab.tone === 'warning' ? 'bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300' : 'bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300'}`}>{tab.badge}</span>
            )}
          </Link>
        );
      })}
    </div>
  );
}

export function useTab(allowed: string[], fallback: string): string {
  const tab = useSearchParams().get('tab') ?? fallback;
  return allowed.includes(tab) ? tab : fallback;
}
